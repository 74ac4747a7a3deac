import { dialectOf } from '@guanxi/core';
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

const DATE_COLUMNS = ['level_since', 'below_since', 'updated_at'] as const;

/** Sets each account's `earned` and `spend` to the level value of its entries of these kinds. */
async function sumIntoAccounts(db: AnyDb, kinds: readonly string[]): Promise<void> {
  await sql`update loyalty_accounts set earned = s.earned, spend = s.spend
    from (select team_id, customer_id,
        sum(case when kind = 'reverse' then points - coalesce(shortfall, 0) else points end)
          as earned,
        sum(coalesce(amount, 0)) as spend
      from loyalty_ledger where kind in (${sql.join(kinds)})
      group by team_id, customer_id) s
    where s.team_id = loyalty_accounts.team_id and s.customer_id = loyalty_accounts.customer_id`.execute(
    db,
  );
}

/** On SQLite, a table kept in the order of its primary key: one B-tree to read and write. */
function keyedByCustomer<T extends string, C extends string>(db: AnyDb) {
  return (table: CreateTableBuilder<T, C>) =>
    dialectOf(db) === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
}

/**
 * Accounts keep only what earning rewrites. PostgreSQL drops the other columns; SQLite
 * copies the accounts into a table kept in customer order instead.
 */
async function narrowAccounts(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const column of DATE_COLUMNS) {
      await db.schema.alterTable('loyalty_accounts').dropColumn(column).execute();
    }
    return;
  }
  await db.schema
    .createTable('loyalty_accounts_narrow')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('earned', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('spend', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('loyalty_accounts_pk', ['team_id', 'customer_id'])
    .addCheckConstraint('loyalty_accounts_balance', sql`balance >= 0`)
    .$call(keyedByCustomer(db))
    .execute();
  await sql`insert into loyalty_accounts_narrow (team_id, customer_id, balance, level, earned, spend)
    select team_id, customer_id, balance, level, earned, spend from loyalty_accounts`.execute(db);
  await db.schema.dropTable('loyalty_accounts').execute();
  await db.schema.alterTable('loyalty_accounts_narrow').renameTo('loyalty_accounts').execute();
}

/**
 * Earning on a batch of orders no longer writes at random places in large structures keyed
 * by customer:
 * - The customer index keeps only entries with neither an order nor a reference: those of an
 *   order (its earn and its reverse) are found through the customer's orders and the order
 *   index, those with a reference (bonuses, redemptions, expiries) through the reference
 *   index, which is keyed by customer already.
 * - Accounts, rewritten on every batch, keep only the balance, the level and the level value
 *   of the customer's whole history (`earned` and `spend`, now less refunded orders); the
 *   level's dates move to `loyalty_account_dates`, with when the customer first earned: while
 *   that is within the level period, re-levelling needs no ledger read.
 * Down restores the columns and the customer index; on SQLite the accounts stay in customer
 * order.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('loyalty_account_dates')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('level_since', 'text', (c) => c.notNull())
    .addColumn('below_since', 'text')
    .addColumn('first_earned_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_account_dates_pk', ['team_id', 'customer_id'])
    .$call(keyedByCustomer(db))
    .execute();
  await sql`insert into loyalty_account_dates
      (team_id, customer_id, level_since, below_since, first_earned_at, updated_at)
    select a.team_id, a.customer_id, a.level_since, a.below_since,
      (select min(l.at) from loyalty_ledger l
        where l.team_id = a.team_id and l.customer_id = a.customer_id and l.kind = 'earn'),
      a.updated_at
    from loyalty_accounts a`.execute(db);
  await narrowAccounts(db);
  await sumIntoAccounts(db, ['earn', 'reverse']);
  await db.schema.dropIndex('loyalty_ledger_customer').execute();
  await db.schema
    .createIndex('loyalty_ledger_customer_other')
    .on('loyalty_ledger')
    .columns(['team_id', 'customer_id', 'at'])
    .where(sql.ref('order_id'), 'is', null)
    .where(sql.ref('reference'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('loyalty_ledger_customer')
    .on('loyalty_ledger')
    .columns(['team_id', 'customer_id', 'at'])
    .execute();
  await db.schema.dropIndex('loyalty_ledger_customer_other').execute();
  await sumIntoAccounts(db, ['earn']);
  for (const column of DATE_COLUMNS) {
    await db.schema
      .alterTable('loyalty_accounts')
      .addColumn(column, 'text', (c) => (column === 'below_since' ? c : c.notNull().defaultTo('')))
      .execute();
  }
  await sql`update loyalty_accounts set level_since = d.level_since,
      below_since = d.below_since, updated_at = d.updated_at
    from loyalty_account_dates d
    where d.team_id = loyalty_accounts.team_id and d.customer_id = loyalty_accounts.customer_id`.execute(
    db,
  );
  await db.schema.dropTable('loyalty_account_dates').execute();
}
