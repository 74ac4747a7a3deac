import { withIdColumn } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

const TABLES = [
  'development_profile',
  'development_cases',
  'development_pains',
  'development_interests',
  'development_relationship_events',
  'development_signals',
  'development_customer_types',
  'development_balance_items',
  'development_opportunity_events',
  'development_opportunities',
  'development_agent_fees',
  'development_sources',
];

// No foreign keys to core tables: a plugin's schema refers to the core by id only.
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const id = withIdColumn(db);
  const flag = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

  await db.schema
    .createTable('development_sources')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('recorded', 'refused')`))
    .addColumn('kind', 'text')
    .addColumn('referrer_id', 'bigint')
    .addColumn('agent', 'text')
    .addColumn('agent_fee', 'bigint')
    .addColumn('agent_fee_rate', 'double precision')
    .addColumn('competitor', 'text')
    .addColumn('detail', 'text')
    .addColumn('issue', 'text')
    .addColumn('given', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('development_sources_pk', ['team_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('development_sources_referrer')
    .on('development_sources')
    .columns(['team_id', 'referrer_id'])
    .execute();

  await db.schema
    .createTable('development_agent_fees')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('owed_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .addPrimaryKeyConstraint('development_agent_fees_pk', ['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('development_opportunities')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('owner_user_id', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('close_day', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'won', 'lost')`))
    .addColumn('lost_reason', 'text')
    .addColumn('lost_note', 'text')
    .addColumn('competitor', 'text')
    .addColumn('order_id', 'bigint')
    .addColumn('introduced', 'integer', (c) => c.notNull().defaultTo(0).check(flag('introduced')))
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0).check(flag('answered')))
    .addColumn('benefits', 'integer', (c) => c.notNull().defaultTo(0).check(flag('benefits')))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('development_opportunities_customer')
    .on('development_opportunities')
    .columns(['team_id', 'customer_id', 'status'])
    .execute();
  await db.schema
    .createIndex('development_opportunities_status')
    .on('development_opportunities')
    .columns(['team_id', 'status', 'owner_user_id'])
    .execute();

  await db.schema
    .createTable('development_opportunity_events')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('opportunity_id', 'bigint', (c) =>
      c.notNull().references('development_opportunities.id').onDelete('cascade'),
    )
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('development_opportunity_events_opportunity')
    .on('development_opportunity_events')
    .columns(['opportunity_id', 'id'])
    .execute();
  await db.schema
    .createIndex('development_opportunity_events_team')
    .on('development_opportunity_events')
    .columns(['team_id', 'opportunity_id'])
    .execute();

  await db.schema
    .createTable('development_balance_items')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('opportunity_id', 'bigint', (c) =>
      c.notNull().references('development_opportunities.id').onDelete('cascade'),
    )
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('benefit', 'loss')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('development_balance_items_opportunity')
    .on('development_balance_items')
    .columns(['opportunity_id', 'side', 'position'])
    .execute();

  await db.schema
    .createTable('development_customer_types')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('development_customer_types_pk', ['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('development_signals')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('interaction_id', 'bigint', (c) => c.notNull())
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('development_signals_pk', ['team_id', 'interaction_id', 'signal'])
    .execute();
  await db.schema
    .createIndex('development_signals_customer')
    .on('development_signals')
    .columns(['team_id', 'customer_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('development_relationship_events')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('development_relationship_events_customer')
    .on('development_relationship_events')
    .columns(['team_id', 'customer_id', 'id'])
    .execute();

  await db.schema
    .createTable('development_interests')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('organisational', 'personal')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('development_interests_customer')
    .on('development_interests')
    .columns(['team_id', 'customer_id', 'id'])
    .execute();

  await db.schema
    .createTable('development_pains')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('role_key', 'text', (c) => c.notNull())
    .addColumn('industry_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('pains', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('development_pains_pk', ['team_id', 'industry_key', 'role_key'])
    .execute();

  await db.schema
    .createTable('development_cases')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('role_key', 'text', (c) => c.notNull())
    .addColumn('industry_key', 'text', (c) => c.notNull())
    .addColumn('key_issue', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('capability_when', 'text', (c) => c.notNull())
    .addColumn('capability_who', 'text', (c) => c.notNull())
    .addColumn('capability_what', 'text', (c) => c.notNull())
    .addColumn('provided', 'text', (c) => c.notNull())
    .addColumn('result_amount', 'bigint')
    .addColumn('result_currency', 'text')
    .addColumn('result_percent', 'double precision')
    .addColumn('result_text', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'development_cases_result',
      sql`(result_amount is null) <> (result_percent is null)`,
    )
    .execute();
  await db.schema
    .createIndex('development_cases_match')
    .on('development_cases')
    .columns(['team_id', 'industry_key', 'role_key'])
    .execute();

  await db.schema
    .createTable('development_profile')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('attribute', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('top_customers', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('development_profile_pk', ['team_id', 'attribute', 'value'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}
