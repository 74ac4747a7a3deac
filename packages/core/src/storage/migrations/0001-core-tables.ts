import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf, withIdColumn } from '../columns';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const id = withIdColumn(db);

  await db.schema
    .createTable('teams')
    .$call(id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('settings_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .$call(id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['admin', 'manager', 'rep'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .$call(id)
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('customers')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['person', 'company'])))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sqlIn('stage', STAGES)))
    .addColumn('relationship_stage', 'text')
    .addColumn('company_id', 'bigint', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('owner_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('external_ref', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'customers', ['team_id', 'external_ref'], true);
  await index(db, 'customers', ['team_id', 'stage']);
  await index(db, 'customers', ['team_id', 'name']);
  await index(db, 'customers', ['company_id']);

  await db.schema
    .createTable('customer_identities')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id'))
    .addColumn('customer_id', 'bigint', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['email', 'domain', 'phone'])),
    )
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('email_domain', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'customer_identities', ['team_id', 'kind', 'value'], true);
  await index(db, 'customer_identities', ['team_id', 'email_domain']);
  await index(db, 'customer_identities', ['customer_id']);

  await db.schema
    .createTable('orders')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('external_id', 'text')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'orders', ['team_id', 'external_id'], true);
  await index(db, 'orders', ['customer_id', 'placed_at']);

  await db.schema
    .createTable('interactions')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) =>
      c.notNull().check(sqlIn('direction', ['inbound', 'outbound'])),
    )
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'interactions', ['customer_id', 'occurred_at']);

  await db.schema
    .createTable('stage_events')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'stage_events', ['customer_id', 'occurred_at']);

  // On SQLite an `integer` primary key is the rowid itself: no second index to maintain.
  const factsKey = dialectOf(db) === 'sqlite' ? 'integer' : 'bigint';
  await db.schema
    .createTable('customer_facts')
    .addColumn('customer_id', factsKey, (c) =>
      c.primaryKey().references('customers.id').onDelete('cascade'),
    )
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id'))
    .addColumn('first_order_at', 'text')
    .addColumn('last_order_at', 'text')
    .addColumn('order_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('revenue', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('margin', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_interaction_at', 'text')
    .addColumn('interaction_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plugin_settings')
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plugin_settings_pk', ['team_id', 'plugin_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'audit_log', ['team_id', 'occurred_at']);

  await db.schema
    .createTable('hook_failures')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('hook', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('replayed_at', 'text')
    .execute();
  await index(db, 'hook_failures', ['team_id', 'replayed_at']);

  await db.schema
    .createTable('webhooks')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'webhooks', ['team_id']);

  await db.schema
    .createTable('outbox')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('webhook_id', 'bigint', (c) =>
      c.notNull().references('webhooks.id').onDelete('cascade'),
    )
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('failed_at', 'text')
    .execute();
  await index(db, 'outbox', ['delivered_at', 'next_attempt_at']);
  await index(db, 'outbox', ['webhook_id']);

  await db.schema
    .createTable('webhook_deliveries')
    .$call(id)
    .addColumn('outbox_id', 'bigint', (c) =>
      c.notNull().references('outbox.id').onDelete('cascade'),
    )
    .addColumn('webhook_id', 'bigint', (c) =>
      c.notNull().references('webhooks.id').onDelete('cascade'),
    )
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'webhook_deliveries', ['webhook_id', 'at']);
}

const STAGES = ['potential', 'target', 'active', 'churned', 'non_customer'];

function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function index(db: Kysely<any>, table: string, columns: string[], unique = false) {
  let builder = db.schema
    .createIndex(`${table}_${columns.join('_')}_idx`)
    .on(table)
    .columns(columns);
  if (unique) builder = builder.unique();
  await builder.execute();
}
