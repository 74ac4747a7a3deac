import { setTimeout as sleep } from 'node:timers/promises';
import type { Core, DeferredBacklog } from '@guanxi/core';
import type { Logger } from 'pino';
import { Periodic } from '../periodic';

/**
 * The pause between two runs: requests waiting on this event loop go through, and so does a
 * write of another process on the same SQLite file, which tries for the lock again every
 * millisecond and would otherwise find the next run holding it.
 */
const BETWEEN_RUNS_MS = 2;
const betweenRuns = () => sleep(BETWEEN_RUNS_MS);

export interface DeferredWorkerOptions {
  readonly core: Core;
  readonly logger: Logger;
  /** Pause between two rounds once the queue is empty. Default 200 ms. */
  readonly intervalMs?: number;
  /** How often a non-empty queue's backlog is logged. Default 10 s. */
  readonly logEveryMs?: number;
}

/**
 * Runs the work plugins deferred from writes (`ctx.defer`): each round takes what was queued
 * before it began, run after run, pausing between runs for other writes; then it waits
 * `intervalMs` while writes queue more. Runs are sized by how long their work has waited
 * (`sizeRunsByWait`): short while the queue keeps up, so a write waiting for a run's lock
 * waits little, and whole batches once it falls behind. Any number of server processes may
 * run one. While work is queued, logs the backlog now and then, and once more when it is
 * gone.
 */
export class DeferredWorker {
  readonly #core: Core;
  readonly #logger: Logger;
  readonly #logEveryMs: number;
  readonly #periodic: Periodic;
  #loggedAt = 0;
  #behind = false;

  constructor(options: DeferredWorkerOptions) {
    this.#core = options.core;
    this.#logger = options.logger;
    this.#logEveryMs = options.logEveryMs ?? 10_000;
    this.#periodic = new Periodic({
      round: (signal) => this.runOnce(signal),
      intervalMs: options.intervalMs ?? 200,
      logger: options.logger,
      failure: 'running deferred work failed',
    });
  }

  start(): void {
    this.#periodic.start();
  }

  /** Stops after the run in progress, if any. */
  stop(): Promise<void> {
    return this.#periodic.stop();
  }

  /**
   * Runs what was due when it started until nothing of that is left (or `signal` aborts);
   * returns how many customers the handlers ran for. Work queued meanwhile waits for the next
   * round, so a steady stream of writes is taken in batches.
   */
  async runOnce(signal?: AbortSignal): Promise<number> {
    const { customers } = await this.#core.deferred.drain({
      pause: betweenRuns,
      signal,
      sizeRunsByWait: true,
      queuedBy: this.#core.clock.now().toISOString(),
    });
    await this.#logBacklog(customers > 0);
    return customers;
  }

  async #logBacklog(worked: boolean): Promise<void> {
    const now = Date.now();
    if (!(worked || this.#behind) || now - this.#loggedAt < this.#logEveryMs) return;
    this.#loggedAt = now;
    const backlog = await this.#core.deferred.backlog();
    this.#behind = backlog.queued > 0;
    this.#logger.info(describeBacklog(backlog, now), 'deferred work backlog');
  }
}

/** The backlog as logged and as /healthz shows it: counts, and how long the oldest has waited. */
export function describeBacklog(backlog: DeferredBacklog, now: number) {
  return {
    queued: backlog.queued,
    failing: backlog.failing,
    oldestAgeMs:
      backlog.oldestQueuedAt === null ? 0 : Math.max(0, now - Date.parse(backlog.oldestQueuedAt)),
    byPlugin: backlog.byPlugin,
  };
}
