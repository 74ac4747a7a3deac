import { withIdColumn } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('loyalty_ledger')
    .$call(withIdColumn(db))
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('order_id', 'bigint')
    .addColumn('reward_id', 'bigint')
    .addColumn('reference', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('shortfall', 'bigint')
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('loyalty_ledger_customer')
    .on('loyalty_ledger')
    .columns(['team_id', 'customer_id', 'at'])
    .execute();
  // The same order earns once and is reversed once.
  await db.schema
    .createIndex('loyalty_ledger_order')
    .on('loyalty_ledger')
    .columns(['team_id', 'order_id', 'kind'])
    .unique()
    .where(sql.ref('order_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('loyalty_ledger_reference')
    .on('loyalty_ledger')
    .columns(['team_id', 'customer_id', 'reference'])
    .unique()
    .where(sql.ref('reference'), 'is not', null)
    .execute();

  await db.schema
    .createTable('loyalty_lots')
    .addColumn('ledger_id', 'bigint', (c) => c.primaryKey())
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('earned_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('remaining', 'bigint', (c) => c.notNull())
    .execute();
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

  await db.schema
    .createTable('loyalty_accounts')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('level_since', 'text', (c) => c.notNull())
    .addColumn('below_since', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_accounts_pk', ['team_id', 'customer_id'])
    .addCheckConstraint('loyalty_accounts_balance', sql`balance >= 0`)
    .execute();

  await db.schema
    .createTable('loyalty_rewards')
    .$call(withIdColumn(db))
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .addColumn('stock', 'bigint')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('loyalty_rewards_stock', sql`stock is null or stock >= 0`)
    .execute();
  await db.schema
    .createIndex('loyalty_rewards_team')
    .on('loyalty_rewards')
    .columns(['team_id', 'active', 'cost'])
    .execute();

  await db.schema
    .createTable('loyalty_redemptions')
    .$call(withIdColumn(db))
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('reward_id', 'bigint', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('ledger_id', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('loyalty_redemptions_key', ['team_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('loyalty_discounts')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('discounted', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_discounts_pk', ['team_id', 'order_id'])
    .execute();
  await db.schema
    .createIndex('loyalty_discounts_customer')
    .on('loyalty_discounts')
    .columns(['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('loyalty_attitudes')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_attitudes_pk', ['team_id', 'customer_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'loyalty_attitudes',
    'loyalty_discounts',
    'loyalty_redemptions',
    'loyalty_rewards',
    'loyalty_accounts',
    'loyalty_lots',
    'loyalty_ledger',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
