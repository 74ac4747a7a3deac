import type { Database as SqliteDatabase } from 'better-sqlite3';

/** How much of the file a connection maps while it reads through a memory map. */
export const MEMORY_MAP_BYTES = 1_073_741_824;
/** How often the connection looks for commits made by other connections. */
const LOOK_EVERY_MS = 10;
/** How many looks make one verdict (a second of them). */
const LOOKS_A_VERDICT = 100;
/** The map is dropped when at least this share of a second's looks found another's commit… */
const DROP_AT = 0.5;
/** …and taken back when at most this share did. */
const MAP_AT = 0.1;

/**
 * Reads a SQLite file through a memory map while other connections commit rarely, and through
 * read calls while they commit often. SQLite drops a connection's whole map at its first read
 * after another connection's commit, so every page a read then touches is faulted in again:
 * with other processes writing hundreds of times a second, each statement pays that. Without a
 * map, the same reads copy pages from the OS cache, slower than a map that stays (a server that
 * only reads) and faster than one dropped over and over (a pool of processes that all write).
 *
 * Every 10 ms it asks the connection's `data_version`, which changes when another connection has
 * committed; once a second it judges by the share of looks that saw a change.
 */
export class MemoryMapSwitch {
  readonly #db: SqliteDatabase;
  readonly #timer: NodeJS.Timeout;
  #version: number;
  #looks = 0;
  #changed = 0;
  #mapped = true;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#version = this.#dataVersion() ?? 0;
    this.#timer = setInterval(() => this.look(), LOOK_EVERY_MS);
    this.#timer.unref();
  }

  /** Whether the connection reads through its memory map now. */
  get mapped(): boolean {
    return this.#mapped;
  }

  /** One look for other connections' commits; every LOOKS_A_VERDICT looks, a verdict. */
  look(): void {
    const version = this.#dataVersion();
    if (version === undefined) return;
    if (version !== this.#version) this.#changed += 1;
    this.#version = version;
    this.#looks += 1;
    if (this.#looks < LOOKS_A_VERDICT) return;
    const share = this.#changed / this.#looks;
    this.#looks = 0;
    this.#changed = 0;
    // The map is resized between transactions only, never under a statement's pages.
    if (this.#db.inTransaction) return;
    if (this.#mapped && share >= DROP_AT) this.#map(false);
    else if (!this.#mapped && share <= MAP_AT) this.#map(true);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #map(on: boolean): void {
    this.#db.pragma(`mmap_size = ${on ? MEMORY_MAP_BYTES : 0}`);
    this.#mapped = on;
  }

  /**
   * The connection's `data_version`, or undefined while the connection reads a statement's
   * rows one at a time (an open iterator), when it refuses every other statement.
   */
  #dataVersion(): number | undefined {
    try {
      return Number(this.#db.pragma('data_version', { simple: true }));
    } catch (error) {
      if (error instanceof TypeError) return undefined;
      throw error;
    }
  }
}
