import type { Core } from '@guanxi/core';
import type { Logger } from 'pino';
import { letOthersThrough, Periodic } from '../periodic';

export interface CardKeeperOptions {
  readonly core: Core;
  readonly logger: Logger;
  /** Pause between two passes over every team. Default 10 s. */
  readonly intervalMs?: number;
}

/**
 * Keeps every team's customer cards ready, so the extension's lookups are served stored
 * cards: over and over, it builds the cards writes made stale, time expired, or that were
 * never built, one card at a time between requests. Any number of server processes may
 * run one; they agree through the cards' versions.
 */
export class CardKeeper {
  readonly #core: Core;
  readonly #periodic: Periodic;

  constructor(options: CardKeeperOptions) {
    this.#core = options.core;
    this.#periodic = new Periodic({
      round: async (signal) => {
        const built = await this.runOnce(signal);
        if (built > 0) options.logger.info({ built }, 'customer cards made ready');
      },
      intervalMs: options.intervalMs ?? 10_000,
      logger: options.logger,
      failure: 'keeping customer cards ready failed',
    });
  }

  start(): void {
    this.#periodic.start();
  }

  /** Stops after the page of cards in progress, if any. */
  stop(): Promise<void> {
    return this.#periodic.stop();
  }

  /** One pass over every team, until `signal` aborts; returns how many cards it built. */
  async runOnce(signal?: AbortSignal): Promise<number> {
    let built = 0;
    for (const team of await this.#core.teams.list()) {
      built += await this.#core.context.refreshAll(team.id, { pause: letOthersThrough, signal });
    }
    return built;
  }
}
