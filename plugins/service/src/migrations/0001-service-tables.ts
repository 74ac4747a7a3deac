import { withIdColumn } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// No foreign keys to core tables: a plugin's schema refers to the core by id only.
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const id = withIdColumn(db);

  await db.schema
    .createTable('service_complaints')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.check(sql`valid in (0, 1)`))
    .addColumn('remedy', 'text')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('stepped_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .execute();
  await db.schema
    .createIndex('service_complaints_customer')
    .on('service_complaints')
    .columns(['team_id', 'customer_id', 'closed_at'])
    .execute();

  await db.schema
    .createTable('service_complaint_steps')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('complaint_id', 'bigint', (c) =>
      c.notNull().references('service_complaints.id').onDelete('cascade'),
    )
    .addColumn('from_step', 'text')
    .addColumn('to_step', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_complaint_steps_complaint')
    .on('service_complaint_steps')
    .columns(['complaint_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_surveys')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('trust', 'integer')
    .addColumn('satisfaction', 'integer')
    .addColumn('commitment', 'integer')
    .addColumn('friendship', 'integer')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_surveys_customer')
    .on('service_surveys')
    .columns(['team_id', 'customer_id', 'answered_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_surveys').execute();
  await db.schema.dropTable('service_complaint_steps').execute();
  await db.schema.dropTable('service_complaints').execute();
}
