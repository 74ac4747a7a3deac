import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { dialectOf } from './columns';

// biome-ignore lint/suspicious/noExplicitAny: packs any named select, on the core's tables or a plugin's
type AnySelect<O = any> = SelectQueryBuilder<any, any, O>;

/** What a packed read returns: its one row, holding every row of the select. */
export interface PackedResult {
  readonly packed: unknown;
}

/**
 * A select whose rows the database packs into one JSON array of arrays (the columns in the
 * order given), for reads of thousands of rows: on SQLite the driver's building of one object
 * per row costs about twice the keyed lookup itself, while one JSON text parses in a fraction
 * of that. `unpackRows` turns the result back into rows.
 */
export function packRows(
  // biome-ignore lint/suspicious/noExplicitAny: runs on the core's or a plugin's handle alike
  db: Kysely<any>,
  query: AnySelect,
  columns: readonly string[],
): AnySelect<PackedResult> {
  const values = sql.join(columns.map((column) => sql.ref(`q.${column}`)));
  const packed =
    dialectOf(db) === 'postgres'
      ? sql`json_agg(json_build_array(${values}))`
      : sql`json_group_array(json_array(${values}))`;
  return db.selectFrom(query.as('q')).select(packed.as('packed'));
}

/**
 * The rows of a packed read, each an array of its column values. PostgreSQL's driver parses
 * JSON itself and aggregates no rows into null; SQLite returns the text, `[]` for no rows.
 */
export function unpackRows(results: readonly PackedResult[]): unknown[][] {
  const packed = results[0]?.packed ?? null;
  if (packed === null) return [];
  return (typeof packed === 'string' ? JSON.parse(packed) : packed) as unknown[][];
}
