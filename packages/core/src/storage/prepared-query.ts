import type { Compilable, CompiledQuery, DialectAdapter, Kysely } from 'kysely';
import { readNow } from './read-now';
import type { CoreTables } from './schema';

class Slot {
  constructor(readonly name: string) {}
}

type Compiled = {
  readonly adapter: DialectAdapter;
  readonly query: CompiledQuery;
  readonly slots: readonly unknown[];
};

/**
 * A hot-path query compiled once per dialect and then run with new parameters, so the read
 * path skips Kysely's query building and compiling; on SQLite, a read also skips Kysely's
 * executor while the connection is free (`readNow`). `param(name)` marks where a value goes.
 * Plugins use it for their own tables by naming them as `DB`.
 */
export class PreparedQuery<P extends Record<string, unknown>, R, DB = CoreTables> {
  readonly #build: (
    db: Kysely<DB>,
    param: <K extends keyof P & string>(name: K) => P[K],
  ) => Compilable<R>;
  readonly #compiled = new WeakMap<DialectAdapter, Compiled>();

  constructor(
    build: (db: Kysely<DB>, param: <K extends keyof P & string>(name: K) => P[K]) => Compilable<R>,
  ) {
    this.#build = build;
  }

  // biome-ignore lint/suspicious/noExplicitAny: runs on the core's or a plugin's handle alike
  async execute(db: Kysely<any>, params: P): Promise<R[]> {
    const { adapter, query, slots } = this.#compile(db);
    const parameters = slots.map((slot) => (slot instanceof Slot ? params[slot.name] : slot));
    const rows = readNow(adapter, query.sql, parameters);
    if (rows !== undefined) return rows as R[];
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  }

  // biome-ignore lint/suspicious/noExplicitAny: see execute()
  async first(db: Kysely<any>, params: P): Promise<R | undefined> {
    const rows = await this.execute(db, params);
    return rows[0];
  }

  // biome-ignore lint/suspicious/noExplicitAny: see execute()
  #compile(db: Kysely<any>): Compiled {
    const adapter = db.getExecutor().adapter;
    let compiled = this.#compiled.get(adapter);
    if (compiled === undefined) {
      const param = (name: string) => new Slot(name) as never;
      const query = this.#build(db, param).compile();
      compiled = { adapter, query, slots: query.parameters };
      this.#compiled.set(adapter, compiled);
    }
    return compiled;
  }
}
