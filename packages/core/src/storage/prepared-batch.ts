import type { Compilable, CompiledQuery, DialectAdapter, Kysely } from 'kysely';
import type { CoreTables } from './schema';

class Cell {
  constructor(
    readonly row: number,
    readonly column: string,
  ) {}
}

const SIZES_KEPT = 16;

/**
 * A multi-row write (insert, upsert) compiled once per dialect and row count, then run
 * with each batch's values: ingest skips Kysely's building and compiling of large inserts.
 * Plugins use it for their own tables by naming them as `DB`.
 */
export class PreparedBatch<Row extends object, R = unknown, DB = CoreTables> {
  readonly #columns: readonly (keyof Row & string)[];
  readonly #build: (db: Kysely<DB>, rows: Row[]) => Compilable<R>;
  readonly #compiled = new WeakMap<DialectAdapter, Map<number, CompiledQuery>>();

  constructor(
    columns: readonly (keyof Row & string)[],
    build: (db: Kysely<DB>, rows: Row[]) => Compilable<R>,
  ) {
    this.#columns = columns;
    this.#build = build;
  }

  // biome-ignore lint/suspicious/noExplicitAny: runs on the core's or a transaction's handle
  async execute(db: Kysely<any>, rows: readonly Row[]): Promise<R[]> {
    if (rows.length === 0) return [];
    const query = this.#compile(db, rows.length);
    const parameters = query.parameters.map((value) =>
      value instanceof Cell ? (rows[value.row] as Record<string, unknown>)[value.column] : value,
    );
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  }

  // biome-ignore lint/suspicious/noExplicitAny: see execute()
  #compile(db: Kysely<any>, size: number): CompiledQuery {
    const adapter = db.getExecutor().adapter;
    let bySize = this.#compiled.get(adapter);
    if (bySize === undefined) {
      bySize = new Map();
      this.#compiled.set(adapter, bySize);
    }
    let query = bySize.get(size);
    if (query === undefined) {
      const cells = Array.from({ length: size }, (_, row) =>
        Object.fromEntries(this.#columns.map((column) => [column, new Cell(row, column)])),
      ) as Row[];
      query = this.#build(db, cells).compile();
      if (bySize.size >= SIZES_KEPT) bySize.delete(bySize.keys().next().value as number);
      bySize.set(size, query);
    }
    return query;
  }
}
