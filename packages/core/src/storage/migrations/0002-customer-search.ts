import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../columns';

/**
 * A search text per customer (name, identities, company name). SQLite keeps it in an FTS5
 * trigram table keyed by customer id; PostgreSQL in a table with a pg_trgm GIN index.
 * Both answer substring queries from the index, Chinese names included.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create virtual table customer_search using fts5(text, team_id unindexed, tokenize = 'trigram')`.execute(
      db,
    );
    return;
  }
  // One database-wide extension: created once under a lock (migrations of several schemas
  // may run at once), in public, and found again wherever an operator put it.
  await sql`select pg_advisory_xact_lock(hashtext('guanxi:pg_trgm'))`.execute(db);
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  const trgm = rows[0]?.schema ?? 'public';
  await db.schema
    .createTable('customer_search')
    .addColumn('customer_id', 'bigint', (c) =>
      c.primaryKey().references('customers.id').onDelete('cascade'),
    )
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await sql`create index customer_search_text_idx on customer_search using gin (text ${sql.id(trgm)}.gin_trgm_ops)`.execute(
    db,
  );
}
