import type { Logger } from 'pino';

/**
 * Runs `round` now and then again `intervalMs` after each round ends, until stopped; a round
 * that throws is logged as `failure` and the next one still comes.
 */
export class Periodic {
  readonly #round: () => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #logger: Logger;
  readonly #failure: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(options: {
    round: () => Promise<unknown>;
    intervalMs: number;
    logger: Logger;
    failure: string;
  }) {
    this.#round = options.round;
    this.#intervalMs = options.intervalMs;
    this.#logger = options.logger;
    this.#failure = options.failure;
  }

  start(): void {
    const tick = async () => {
      try {
        this.#running = this.#round();
        await this.#running;
      } catch (error) {
        this.#logger.error({ err: error }, this.#failure);
      } finally {
        this.#running = undefined;
        if (this.#timer !== undefined) this.#timer = setTimeout(tick, this.#intervalMs);
      }
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Stops after the round in progress, if any. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
