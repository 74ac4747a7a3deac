import { type Kysely, sql } from 'kysely';
import { dialectOf } from './columns';
import type { CoreTables } from './schema';

/**
 * On PostgreSQL, takes the transaction-scoped advisory lock named `key` in this schema,
 * without waiting: false if another connection holds it. Released at commit or rollback.
 * SQLite lets one write transaction run at a time, so there it is always true.
 */
export async function lockForTransaction(trx: Kysely<CoreTables>, key: string): Promise<boolean> {
  if (dialectOf(trx) !== 'postgres') return true;
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(
    hashtextextended(current_schema() || ${`:guanxi-${key}`}, 0)) as locked`.execute(trx);
  return rows[0]?.locked === true;
}
