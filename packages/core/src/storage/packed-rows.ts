import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { dialectOf } from './columns';
import { PreparedBatch } from './prepared-batch';

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

/** One customer of a team: the key of the prepared per-customer reads. */
export interface CustomerKey {
  team_id: number;
  customer_id: number;
}

/** The keys of these customers of a team. */
export function customerKeys(teamId: number, customerIds: readonly number[]): CustomerKey[] {
  return customerIds.map((customerId) => ({ team_id: teamId, customer_id: customerId }));
}

/**
 * A packed read of these customers' rows of a table with `team_id` and `customer_id`
 * columns, compiled once per number of customers: a plugin names its own tables as `DB`.
 */
export function packedCustomerRows<DB = unknown>(
  table: string,
  columns: readonly string[],
): PreparedBatch<CustomerKey, PackedResult, DB> {
  return new PreparedBatch<CustomerKey, PackedResult, DB>(
    ['team_id', 'customer_id'],
    (db, keys) => {
      // biome-ignore lint/suspicious/noExplicitAny: the table is the caller's, named at run time
      const any = db as Kysely<any>;
      return packRows(
        any,
        any
          .selectFrom(table)
          .select(columns.map((column) => sql.ref(column).as(column)))
          .where('team_id', '=', (keys[0] as CustomerKey).team_id)
          .where(
            'customer_id',
            'in',
            keys.map((key) => key.customer_id),
          ),
        columns,
      );
    },
  );
}
