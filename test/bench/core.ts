import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Core, createCore, definePlugin, openDatabase, withIdColumn } from '@guanxi/core';
import BetterSqlite3 from 'better-sqlite3';

import { log, perSecond, pick, seededRandom, sizeFromEnv, speedRatio } from './support';

const CUSTOMER_BATCH = 5_000;
const ORDER_BATCH = 5_000;
const PLUGIN_CHUNK = 500;
const PROGRESS_EVERY = 100_000;
const WARMUP_LOOKUPS = 1_000;
const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 1_000_000);
const LOOKUPS = sizeFromEnv('BENCH_LOOKUPS', 100_000);
const INGEST_TARGET = 0.25;
const LOOKUP_TARGET = 0.5;
const FIRST_ORDER_AT = Date.parse('2023-01-01T00:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 24 * 60 * 60 * 1000;

interface BenchOrder {
  readonly customerId: number;
  readonly amount: number;
  readonly placedAt: string;
  readonly externalId: string;
}

interface GeneratedOrders {
  readonly batches: readonly (readonly BenchOrder[])[];
  readonly revenue: number;
}

/** Keeps a running order count per customer, one multi-row upsert per 500 customers. */
const customerCounts = definePlugin({
  id: 'bench-customer-counts',
  version: '1.0.0',
  migrations: {
    '0001-order-counts': {
      up: async (db) => {
        await db.schema
          .createTable('bench_order_counts')
          .addColumn('customer_id', 'integer', (c) => c.primaryKey())
          .addColumn('team_id', 'bigint', (c) => c.notNull())
          .addColumn('order_count', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  hooks: {
    'orders:recorded': async (event, ctx) => {
      const counts = new Map<number, number>();
      for (const order of event.items) {
        counts.set(order.customerId, (counts.get(order.customerId) ?? 0) + 1);
      }
      const now = ctx.clock.now().toISOString();
      const rows = [...counts].map(([customerId, count]) => ({
        customer_id: customerId,
        team_id: event.teamId,
        order_count: count,
        updated_at: now,
      }));
      for (let start = 0; start < rows.length; start += PLUGIN_CHUNK) {
        await ctx.db
          .insertInto('bench_order_counts')
          .values(rows.slice(start, start + PLUGIN_CHUNK))
          .onConflict((oc) =>
            oc.column('customer_id').doUpdateSet((eb) => ({
              order_count: eb(
                'bench_order_counts.order_count',
                '+',
                eb.ref('excluded.order_count'),
              ),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },
  },
});

/** Records each batch's order count and amount total as one row. */
const batchTotals = definePlugin({
  id: 'bench-batch-totals',
  version: '1.0.0',
  migrations: {
    '0001-batch-totals': {
      up: async (db) => {
        await db.schema
          .createTable('bench_batch_totals')
          .$call(withIdColumn(db))
          .addColumn('team_id', 'bigint', (c) => c.notNull())
          .addColumn('order_count', 'integer', (c) => c.notNull())
          .addColumn('amount', 'bigint', (c) => c.notNull())
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  hooks: {
    'orders:recorded': async (event, ctx) => {
      const amount = event.items.reduce((sum, order) => sum + order.amount, 0);
      await ctx.db
        .insertInto('bench_batch_totals')
        .values({
          team_id: event.teamId,
          order_count: event.items.length,
          amount,
          recorded_at: ctx.clock.now().toISOString(),
        })
        .execute();
    },
  },
});

async function setUpCore(file: string): Promise<{ core: Core; teamId: number }> {
  const core = await createCore({
    database: openDatabase({ url: file }),
    plugins: [customerCounts, batchTotals],
  });
  const team = await core.teams.create({ name: 'Bench', slug: 'bench' });
  for (const plugin of core.installed) await core.plugins.enable(team.id, plugin.id, 'bench');
  return { core, teamId: team.id };
}

async function createCustomers(core: Core, teamId: number): Promise<number[]> {
  const ids: number[] = [];
  const started = performance.now();
  for (let start = 0; start < CUSTOMERS; start += CUSTOMER_BATCH) {
    const inputs = [];
    for (let i = start; i < Math.min(start + CUSTOMER_BATCH, CUSTOMERS); i++) {
      inputs.push({ kind: 'person' as const, name: `Customer ${i}`, emails: [emailOf(i)] });
    }
    const created = await core.customers.createMany(teamId, inputs);
    for (const customer of created) ids.push(customer.id);
  }
  const ms = performance.now() - started;
  log(`customers: ${ids.length} in ${(ms / 1000).toFixed(1)}s, ${perSecond(ids.length, ms)}/s`);
  return ids;
}

function emailOf(index: number): string {
  return `c${index}@example.com`;
}

function generateOrders(customerIds: readonly number[]): GeneratedOrders {
  const random = seededRandom(20240501);
  const batches: BenchOrder[][] = [];
  let revenue = 0;
  for (let start = 0; start < ORDERS; start += ORDER_BATCH) {
    const batch: BenchOrder[] = [];
    for (let i = start; i < Math.min(start + ORDER_BATCH, ORDERS); i++) {
      const amount = 100 + Math.floor(random() * 99_900);
      const placedAt = new Date(FIRST_ORDER_AT + Math.floor(random() * TWO_YEARS_MS));
      batch.push({
        customerId: pick(customerIds, random),
        amount,
        placedAt: placedAt.toISOString(),
        externalId: `o${i}`,
      });
      revenue += amount;
    }
    batches.push(batch);
  }
  return { batches, revenue };
}

/** Logs the rate each time `done` crosses a multiple of PROGRESS_EVERY, and at the end. */
function logProgress(phase: string, done: number, started: number): void {
  if (done % PROGRESS_EVERY < ORDER_BATCH || done === ORDERS) {
    log(`${phase}: ${done}/${ORDERS} orders, ${perSecond(done, performance.now() - started)}/s`);
  }
}

async function ingest(core: Core, teamId: number, orders: GeneratedOrders): Promise<number> {
  const started = performance.now();
  let done = 0;
  for (const batch of orders.batches) {
    await core.orders.record(teamId, batch);
    done += batch.length;
    logProgress('ingest', done, started);
  }
  return performance.now() - started;
}

function insertRaw(file: string, teamId: number, orders: GeneratedOrders): number {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec(`
    create table orders (
      id integer primary key autoincrement,
      team_id bigint not null,
      customer_id bigint not null,
      external_id text,
      amount bigint not null,
      cost bigint,
      currency text not null,
      placed_at text not null,
      created_at text not null
    );
    create unique index orders_team_id_external_id_idx on orders (team_id, external_id);
    create index orders_customer_id_placed_at_idx on orders (customer_id, placed_at);
  `);
  const insert = db.prepare(
    `insert into orders (team_id, customer_id, external_id, amount, cost, currency, placed_at, created_at)
     values (?, ?, ?, ?, null, 'CNY', ?, ?)`,
  );
  const insertBatch = db.transaction((batch: readonly BenchOrder[], now: string) => {
    for (const order of batch) {
      insert.run(teamId, order.customerId, order.externalId, order.amount, order.placedAt, now);
    }
  });
  const started = performance.now();
  let done = 0;
  for (const batch of orders.batches) {
    insertBatch(batch, new Date().toISOString());
    done += batch.length;
    logProgress('raw insert', done, started);
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}

function scalar(reader: BetterSqlite3.Database, query: string): number {
  return Number(reader.prepare(query).pluck().get() ?? 0);
}

/** Orders, the core's facts and both plugins' tables must all account for every order. */
function verifyIngest(reader: BetterSqlite3.Database, orders: GeneratedOrders): void {
  const checks: [string, number, number][] = [
    ['orders', scalar(reader, 'select count(*) from orders'), ORDERS],
    ['facts order_count', scalar(reader, 'select sum(order_count) from customer_facts'), ORDERS],
    ['facts revenue', scalar(reader, 'select sum(revenue) from customer_facts'), orders.revenue],
    ['plugin counts', scalar(reader, 'select sum(order_count) from bench_order_counts'), ORDERS],
    ['plugin totals', scalar(reader, 'select sum(amount) from bench_batch_totals'), orders.revenue],
  ];
  const failed = checks.filter(([, actual, expected]) => actual !== expected);
  for (const [name, actual, expected] of failed) {
    log(`verify FAILED: ${name} is ${actual}, expected ${expected}`);
  }
  if (failed.length > 0) throw new Error('ingest verification failed');
  log(`verify: ${ORDERS} orders, revenue ${orders.revenue}, facts and plugins agree`);
}

function lookupEmails(): string[] {
  const random = seededRandom(7);
  return Array.from({ length: LOOKUPS }, () => emailOf(Math.floor(random() * CUSTOMERS)));
}

async function coreLookups(core: Core, teamId: number, emails: readonly string[]): Promise<number> {
  let found = 0;
  for (const email of emails) {
    if ((await core.customers.findByIdentity(teamId, { email })) !== undefined) found++;
  }
  return found;
}

function rawLookups(
  reader: BetterSqlite3.Database,
  teamId: number,
  emails: readonly string[],
): number {
  const byEmail = reader.prepare(
    `select c.* from customer_identities i join customers c on c.id = i.customer_id
     where i.team_id = ? and i.kind = 'email' and i.value = ?`,
  );
  let found = 0;
  for (const email of emails) {
    if (byEmail.get(teamId, email) !== undefined) found++;
  }
  return found;
}

/** Times `run` over every email after a short untimed warm-up; every email must be found. */
async function timeLookups(
  name: string,
  emails: readonly string[],
  run: (emails: readonly string[]) => number | Promise<number>,
): Promise<number> {
  await run(emails.slice(0, WARMUP_LOOKUPS));
  const started = performance.now();
  const found = await run(emails);
  const ms = performance.now() - started;
  if (found !== emails.length) throw new Error(`${name}: found ${found} of ${emails.length}`);
  log(`${name}: ${emails.length} in ${(ms / 1000).toFixed(2)}s, ${perSecond(emails.length, ms)}/s`);
  return ms;
}

function reportTarget(name: string, value: number, target: number): void {
  log(`${name} ${value} ${value >= target ? 'meets' : 'MISSES'} target ${target}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-bench-'));
  const coreFile = join(dir, 'core.db');
  try {
    log(`bench core: ${CUSTOMERS} customers, ${ORDERS} orders, ${LOOKUPS} lookups in ${dir}`);
    const { core, teamId } = await setUpCore(coreFile);
    const customerIds = await createCustomers(core, teamId);
    const orders = generateOrders(customerIds);
    log(`generated ${ORDERS} orders in ${orders.batches.length} batches of ${ORDER_BATCH}`);

    const ingestMs = await ingest(core, teamId, orders);
    const reader = new BetterSqlite3(coreFile, { readonly: true });
    verifyIngest(reader, orders);
    const rawInsertMs = insertRaw(join(dir, 'raw.db'), teamId, orders);

    const emails = lookupEmails();
    const lookupMs = await timeLookups('core lookups', emails, (batch) =>
      coreLookups(core, teamId, batch),
    );
    const rawLookupMs = await timeLookups('raw lookups', emails, (batch) =>
      rawLookups(reader, teamId, batch),
    );
    reader.close();
    await core.close();

    const result = {
      bench: 'core',
      ingest_per_s: perSecond(ORDERS, ingestMs),
      raw_insert_per_s: perSecond(ORDERS, rawInsertMs),
      ingest_ratio: speedRatio(ingestMs, rawInsertMs),
      lookup_per_s: perSecond(LOOKUPS, lookupMs),
      raw_lookup_per_s: perSecond(LOOKUPS, rawLookupMs),
      lookup_ratio: speedRatio(lookupMs, rawLookupMs),
    };
    reportTarget('ingest_ratio', result.ingest_ratio, INGEST_TARGET);
    reportTarget('lookup_ratio', result.lookup_ratio, LOOKUP_TARGET);
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`bench core failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exit(1);
});
