import type { Core } from '@guanxi/core';
import type { Logger } from 'pino';
import { Periodic } from '../periodic';

export interface CardKeeperOptions {
  readonly core: Core;
  readonly logger: Logger;
  /** Pause between two passes over every team. Default 10 s. */
  readonly intervalMs?: number;
}

/** Lets requests waiting on the event loop through: building a card on SQLite never waits. */
const letOthersThrough = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps every team's customer cards ready, so the extension's lookups are served stored
 * cards: over and over, it builds the cards writes made stale, time expired, or that were
 * never built, one card at a time between requests. Any number of server processes may
 * run one; they agree through the cards' versions.
 */
export class CardKeeper {
  readonly #core: Core;
  readonly #periodic: Periodic;
  #stopping = new AbortController();

  constructor(options: CardKeeperOptions) {
    this.#core = options.core;
    this.#periodic = new Periodic({
      round: async () => {
        const built = await this.runOnce();
        if (built > 0) options.logger.info({ built }, 'customer cards made ready');
      },
      intervalMs: options.intervalMs ?? 10_000,
      logger: options.logger,
      failure: 'keeping customer cards ready failed',
    });
  }

  start(): void {
    this.#stopping = new AbortController();
    this.#periodic.start();
  }

  /** Stops after the page of cards in progress, if any. */
  stop(): Promise<void> {
    this.#stopping.abort();
    return this.#periodic.stop();
  }

  /** One pass over every team; returns how many cards it built. */
  async runOnce(): Promise<number> {
    const { signal } = this.#stopping;
    let built = 0;
    for (const team of await this.#core.teams.list()) {
      built += await this.#core.context.refreshAll(team.id, { pause: letOthersThrough, signal });
    }
    return built;
  }
}
