import { withIdColumn } from '@guanxi/core';
import type { Kysely } from 'kysely';

// No foreign keys to core tables: a plugin's schema refers to the core by id only.
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const id = withIdColumn(db);

  await db.schema
    .createTable('winback_order_days')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('winback_order_days_pk', ['team_id', 'customer_id', 'day'])
    .execute();

  await db.schema
    .createTable('winback_complaints')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('complaint_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('winback_complaints_pk', ['team_id', 'complaint_id'])
    .execute();
  await db.schema
    .createIndex('winback_complaints_customer')
    .on('winback_complaints')
    .columns(['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('winback_signals')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('winback_signals_customer')
    .on('winback_signals')
    .columns(['team_id', 'customer_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('winback_churns')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('churned_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('kind_source', 'text', (c) => c.notNull())
    .addColumn('tier', 'integer')
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('won_back_at', 'text')
    .execute();
  await db.schema
    .createIndex('winback_churns_customer')
    .on('winback_churns')
    .columns(['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('winback_kind_changes')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('churn_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('from_kind', 'text', (c) => c.notNull())
    .addColumn('to_kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('winback_kind_changes_churn')
    .on('winback_kind_changes')
    .columns(['team_id', 'churn_id'])
    .execute();

  await db.schema
    .createTable('winback_playbooks')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('churn_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tier', 'integer')
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('winback_playbooks_customer')
    .on('winback_playbooks')
    .columns(['team_id', 'customer_id', 'status'])
    .execute();

  await db.schema
    .createTable('winback_steps')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('playbook_id', 'bigint', (c) => c.notNull())
    .addColumn('step_no', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('winback_steps_pk', ['playbook_id', 'step_no'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'winback_steps',
    'winback_playbooks',
    'winback_kind_changes',
    'winback_churns',
    'winback_signals',
    'winback_complaints',
    'winback_order_days',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
