import type { Kysely } from 'kysely';
import { withIdColumn } from '../columns';

/**
 * Work plugins put off to a background pass: one row per customer a write asked a plugin to
 * look at again, written in the write's own transaction, deleted in the transaction of the
 * pass that did the work. Rows are only ever added by writes, so a write never waits on a pass.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deferred_work')
    .$call(withIdColumn(db))
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'),
    )
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_after', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deferred_work_team_id_plugin_id_id_idx')
    .on('deferred_work')
    .columns(['team_id', 'plugin_id', 'id'])
    .execute();
  await db.schema
    .createIndex('deferred_work_customer_id_plugin_id_idx')
    .on('deferred_work')
    .columns(['customer_id', 'plugin_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deferred_work').execute();
}
