import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The checkpointer thread's program (plain CommonJS, so it runs wherever the core does, from
 * source or built): its own connection to the file, a passive checkpoint every `intervalMs`.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** How often the thread copies committed pages back into the database file. */
const INTERVAL_MS = 100;

/**
 * Copies the write-ahead log back into a SQLite file from a thread of its own, so no commit
 * waits for a checkpoint (and its fsync) on the event loop. A passive checkpoint never blocks
 * readers or writers; if the thread falls behind, commits checkpoint themselves again once
 * the log is long (see openSqlite).
 */
export class Checkpointer {
  readonly #worker: Worker;

  constructor(file: string, onError: (message: string) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { driver, file, intervalMs: INTERVAL_MS },
    });
    this.#worker.on('message', onError);
    this.#worker.on('error', (error) => onError(String(error)));
    this.#worker.unref();
  }

  /** Stops the thread after its checkpoint in progress, and closes its connection. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.#worker.once('exit', resolve));
    // Held until it has exited: unreferenced, the process could end before the close is done.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await exited;
  }
}
