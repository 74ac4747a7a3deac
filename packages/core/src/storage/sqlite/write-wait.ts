import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Database as SqliteDatabase } from 'better-sqlite3';

/** Tries on the next turn of the event loop before sleeping 1 ms between tries. */
const QUICK_TRIES = 3;

type Outcome<T> =
  | { readonly busy: false; readonly value: T }
  | { readonly busy: true; readonly error: Error };

/**
 * Runs a write that may find another process writing without SQLite's busy handler, which
 * sleeps 1, 2, 5, 10 ms and on with the whole process stopped. The write is tried with the
 * busy timeout at 0; while it finds the database busy, the connection is lent to the
 * process's other queries (nothing is open on it: the write failed before it began) and the
 * write is tried again on the event loop, until the connection's busy timeout has passed;
 * then SQLite's busy error is thrown, as the busy handler would have.
 */
export class WriteWait {
  readonly #db: SqliteDatabase;
  readonly #busyTimeoutMs: number;
  readonly #lend: () => void;
  readonly #takeBack: () => Promise<void>;

  constructor(db: SqliteDatabase, lend: () => void, takeBack: () => Promise<void>) {
    this.#db = db;
    this.#busyTimeoutMs = Number(db.pragma('busy_timeout', { simple: true }));
    this.#lend = lend;
    this.#takeBack = takeBack;
  }

  async run<T>(write: () => T): Promise<T> {
    const deadline = performance.now() + this.#busyTimeoutMs;
    for (let tries = 1; ; tries++) {
      const outcome = this.#try(write);
      if (!outcome.busy) return outcome.value;
      if (performance.now() >= deadline) throw outcome.error;
      this.#lend();
      await (tries <= QUICK_TRIES ? nextTurn() : sleep(1));
      await this.#takeBack();
    }
  }

  /**
   * One try with the busy timeout at 0. The timeout is set through `pragma` each time: SQLite
   * applies it when the statement is prepared, so a prepared one would not set it again.
   */
  #try<T>(write: () => T): Outcome<T> {
    this.#db.pragma('busy_timeout = 0');
    try {
      return { busy: false, value: write() };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        return { busy: true, error: error as Error };
      }
      throw error;
    } finally {
      this.#db.pragma(`busy_timeout = ${this.#busyTimeoutMs}`);
    }
  }
}
