import type { Logger } from 'pino';

/** Lets requests waiting on the event loop through between two steps of background work. */
export const letOthersThrough = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `round` now and then again `intervalMs` after each round ends, until stopped; a round
 * that throws is logged as `failure` and the next one still comes. The round's signal aborts
 * when `stop` is called, so a long round can end early.
 */
export class Periodic {
  readonly #round: (signal: AbortSignal) => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #logger: Logger;
  readonly #failure: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopping = new AbortController();

  constructor(options: {
    round: (signal: AbortSignal) => Promise<unknown>;
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
    this.#stopping = new AbortController();
    const { signal } = this.#stopping;
    const tick = async () => {
      try {
        this.#running = this.#round(signal);
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
    this.#stopping.abort();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
