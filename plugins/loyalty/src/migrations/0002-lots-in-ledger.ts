import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * What is left of each credit moves from a table of lots onto the credit's own ledger entry
 * (`remaining`), so earning writes one row instead of two. Accounts gain the lifetime points
 * earned and spend, which bound any period's level value: earning re-levels only the
 * customers who could reach a higher level.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('loyalty_ledger').addColumn('remaining', 'bigint').execute();
  await sql`update loyalty_ledger
    set remaining = (select o.remaining from loyalty_lots o where o.ledger_id = loyalty_ledger.id)
    where id in (select ledger_id from loyalty_lots)`.execute(db);
  await db.schema.dropTable('loyalty_lots').execute();
  await db.schema
    .createIndex('loyalty_ledger_unspent')
    .on('loyalty_ledger')
    .columns(['team_id', 'expires_at'])
    .where(sql.ref('remaining'), '>', 0)
    .execute();

  for (const column of ['earned', 'spend']) {
    await db.schema
      .alterTable('loyalty_accounts')
      .addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await sql`update loyalty_accounts set
    earned = coalesce((select sum(l.points) from loyalty_ledger l
      where l.team_id = loyalty_accounts.team_id and l.customer_id = loyalty_accounts.customer_id
        and l.kind = 'earn'), 0),
    spend = coalesce((select sum(l.amount) from loyalty_ledger l
      where l.team_id = loyalty_accounts.team_id and l.customer_id = loyalty_accounts.customer_id
        and l.kind = 'earn'), 0)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ['earned', 'spend']) {
    await db.schema.alterTable('loyalty_accounts').dropColumn(column).execute();
  }
  await db.schema.dropIndex('loyalty_ledger_unspent').execute();
  await db.schema
    .createTable('loyalty_lots')
    .addColumn('ledger_id', 'bigint', (c) => c.primaryKey())
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('earned_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('remaining', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into loyalty_lots (ledger_id, team_id, customer_id, earned_at, expires_at, remaining)
    select id, team_id, customer_id, at, expires_at, remaining from loyalty_ledger
    where remaining is not null`.execute(db);
  await db.schema
    .createIndex('loyalty_lots_customer')
    .on('loyalty_lots')
    .columns(['team_id', 'customer_id', 'earned_at', 'ledger_id'])
    .where(sql.ref('remaining'), '>', 0)
    .execute();
  await db.schema
    .createIndex('loyalty_lots_expiry')
    .on('loyalty_lots')
    .columns(['team_id', 'expires_at'])
    .where(sql.ref('remaining'), '>', 0)
    .execute();
  await db.schema.alterTable('loyalty_ledger').dropColumn('remaining').execute();
}
