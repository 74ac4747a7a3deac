import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { type Core, createCore, openDatabase } from '@guanxi/core';
import exampleScorer from '@guanxi/plugin-example-scorer';
import loyalty from '@guanxi/plugin-loyalty';
import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { bundledPlugins } from '@guanxi/server';
import { freshDatabase, testDialects } from '@guanxi/testing';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { GUANXI, PROJECT } from '../support/guanxi';

// biome-ignore lint/suspicious/noExplicitAny: the test reads plugin tables by name
type AnyDb = Kysely<any>;

const ORDERS = 200_000;
const CUSTOMERS = 20_000;
const BATCH = 5_000;
const ACKED_BEFORE_KILL = 15;
// Facts, tiers and points (tiering and loyalty), and scores: scoring folds each order into
// purchase days and defers its buyers' re-score to the server's background pass, which stores
// example-scorer's good-customer score (no fit is needed for it).
const PLUGINS = ['scoring', 'example-scorer', 'tiering', 'loyalty'];
// Both imports give plugin hooks ample time: on a busy machine a 5,000-order batch can take
// loyalty past the default 2 s budget, and a handler over budget waits in hook_failures for a
// replay, which would make the two imports differ for a reason that is not the crash.
const HOOK_TIMEOUT_MS = 120_000;

interface OrderRow {
  readonly customerId: number;
  readonly amount: number;
  readonly placedAt: string;
  readonly externalId: string;
}

/** The import file: 200,000 orders over two years, the same on every run. */
function importFile(customerIds: readonly number[]): OrderRow[][] {
  let seed = 2_025_11_23;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const start = Date.parse('2024-01-01T00:00:00Z');
  const batches: OrderRow[][] = [];
  for (let i = 0; i < ORDERS; i += BATCH) {
    batches.push(
      Array.from({ length: BATCH }, (_, j) => ({
        customerId: customerIds[Math.floor(random() * customerIds.length)] as number,
        amount: 500 + Math.floor(random() * 40_000),
        placedAt: new Date(start + Math.floor(((i + j) / ORDERS) * 730) * 86_400_000)
          .toISOString()
          .slice(0, 10),
        externalId: `crash-${i + j}`,
      })),
    );
  }
  return batches;
}

/** Migrates, creates the team, its customers and a rep's key; returns what the import needs. */
async function prepare(url: string) {
  const core = await createCore({
    database: openDatabase({ url }),
    plugins: await bundledPlugins(),
  });
  try {
    const team = await core.teams.create({ name: 'Import', slug: 'import' });
    for (const id of PLUGINS) await core.plugins.enable(team.id, id, 'test');
    const user = await core.users.create({ email: 'importer@guanxi.test', name: 'Importer' });
    await core.users.setRole(team.id, user.id, 'rep');
    const key = await core.apiKeys.create(user.id, 'import');
    const ids: number[] = [];
    for (let i = 0; i < CUSTOMERS; i += BATCH) {
      const inputs = Array.from({ length: BATCH }, (_, j) => ({
        kind: 'company' as const,
        name: `Customer ${i + j}`,
      }));
      for (const customer of await core.customers.createMany(team.id, inputs))
        ids.push(customer.id);
    }
    return { teamId: team.id, key: key.key, ids };
  } finally {
    await core.close();
  }
}

/** The reference: the same file imported without a crash, batch by batch through the core. */
async function importCleanly(url: string, file: readonly OrderRow[][]) {
  const reference = await prepare(url);
  const core = await createCore({
    database: openDatabase({ url }),
    plugins: await bundledPlugins(),
    hookTimeoutMs: HOOK_TIMEOUT_MS,
  });
  try {
    for (const batch of file) await core.orders.record(reference.teamId, batch);
    await core.deferred.drain();
  } finally {
    await core.close();
  }
  return reference;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

/** `guanxi serve` in a process of its own, resolved once /healthz answers. */
async function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [GUANXI, 'serve'], {
    cwd: PROJECT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      GUANXI_HOOK_TIMEOUT_MS: String(HOOK_TIMEOUT_MS),
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`${base}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

function postBatch(base: string, key: string, teamId: number, orders: readonly OrderRow[]) {
  return fetch(`${base}/v1/teams/${teamId}/orders/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ orders }),
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** The deferred work the server reports still queued. */
async function queued(base: string): Promise<number> {
  const health = (await (await fetch(`${base}/healthz`)).json()) as {
    deferred: { queued: number };
  };
  return health.deferred.queued;
}

async function orderCount(url: string): Promise<number> {
  const database = openDatabase({ url });
  try {
    const row = await database.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.destroy();
  }
}

/**
 * Facts, tiers, points and scores of every customer, in customer order, without times (but
 * how many scores were made before their customer's newest order was written): the
 * tiers as placed on write, then as a recompute ranks them; the deferred work left queued.
 */
async function stateOf(url: string, teamId: number) {
  const core: Core = await createCore({
    database: openDatabase({ url }),
    plugins: [scoring, exampleScorer, tiering, loyalty],
  });
  try {
    const db = core.db as AnyDb;
    const orders = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const facts = await db
      .selectFrom('customer_facts')
      .select(['customer_id', 'order_count', 'revenue', 'first_order_at', 'last_order_at'])
      .where('team_id', '=', teamId)
      .orderBy('customer_id')
      .execute();
    const tiers = async () =>
      db
        .selectFrom('tiering_values')
        .select(['customer_id', 'tier', 'value', 'ladder'])
        .orderBy('customer_id')
        .execute();
    const placed = await tiers();
    await core.jobs.run('tiering:recompute', { teamId });
    const ranked = await tiers();
    const points = await db
      .selectFrom('loyalty_accounts')
      .select(['customer_id', 'balance', 'earned', 'spend', 'level'])
      .orderBy('customer_id')
      .execute();
    const ledger = await db
      .selectFrom('loyalty_ledger')
      .select(['customer_id', (eb) => eb.fn.sum<number>('points').as('points')])
      .groupBy('customer_id')
      .orderBy('customer_id')
      .execute();
    const scores = await db
      .selectFrom('scoring_scores')
      .select(['customer_id', 'scorer', 'value'])
      .orderBy('customer_id')
      .orderBy('scorer')
      .execute();
    // A score made before its customer's newest order was written missed that order.
    const lastWritten = new Map(
      (
        await db
          .selectFrom('orders')
          .select(['customer_id', (eb) => eb.fn.max<string>('created_at').as('at')])
          .where('team_id', '=', teamId)
          .groupBy('customer_id')
          .execute()
      ).map((row) => [Number(row.customer_id), row.at]),
    );
    const stale = (
      await db.selectFrom('scoring_scores').select(['customer_id', 'scored_at']).execute()
    ).filter((row) => row.scored_at < (lastWritten.get(Number(row.customer_id)) ?? '')).length;
    const deferred = await db
      .selectFrom('deferred_work')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const failures = await db
      .selectFrom('hook_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const plain = (rows: readonly object[]) =>
      rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]),
        ),
      );
    return {
      orders: Number(orders.n),
      hookFailures: Number(failures.n),
      facts: plain(facts),
      placed: plain(placed),
      ranked: plain(ranked),
      points: plain(points),
      ledger: plain(ledger),
      scores: plain(scores),
      stale,
      deferred: Number(deferred.n),
    };
  } finally {
    await core.close();
  }
}

describe.each(testDialects())('crash safety on %s', (dialect) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  test('kill -9 partway through a 200,000-order import, restart, import again: as if clean, deferred re-scores included', async () => {
    const crashed = await freshDatabase(dialect, 'crash');
    const clean = await freshDatabase(dialect, 'clean');
    drops.push(crashed.drop, clean.drop);
    const setup = await prepare(crashed.url);
    const file = importFile(setup.ids);
    // The clean import of the same file, into a database of its own, runs beside the server.
    const cleanImport = importCleanly(clean.url, file);

    const first = await startServer(crashed.url);
    const acknowledged: number[] = [];
    for (const [i, batch] of file.slice(0, ACKED_BEFORE_KILL).entries()) {
      const res = await postBatch(first.base, setup.key, setup.teamId, batch);
      expect(res.status).toBe(201);
      acknowledged.push(i);
    }
    // The next batch is in flight when the server dies.
    const inFlight = postBatch(
      first.base,
      setup.key,
      setup.teamId,
      file[ACKED_BEFORE_KILL] ?? [],
    ).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    // The kill comes while the server still has re-scores to run in the background.
    expect(await queued(first.base)).toBeGreaterThan(0);
    await killed(first.child);
    await inFlight;

    const second = await startServer(crashed.url);
    try {
      const stored = await orderCount(crashed.url);
      // Every acknowledged batch is there; the one in flight is there whole or not at all.
      expect(stored % BATCH).toBe(0);
      expect(stored).toBeGreaterThanOrEqual(acknowledged.length * BATCH);
      for (const batch of file) {
        const res = await postBatch(second.base, setup.key, setup.teamId, batch);
        expect(res.status).toBe(201);
      }
      // What the first server had queued and not done, the second does.
      await expect.poll(() => queued(second.base), { timeout: 300_000, interval: 500 }).toBe(0);
    } finally {
      await killed(second.child);
    }

    const reference = await cleanImport;
    expect(reference.ids).toEqual(setup.ids);

    const after = await stateOf(crashed.url, setup.teamId);
    const expected = await stateOf(clean.url, reference.teamId);
    expect(after.orders).toBe(ORDERS);
    expect([after.hookFailures, expected.hookFailures]).toEqual([0, 0]);
    expect(after.facts).toEqual(expected.facts);
    expect(after.placed).toEqual(expected.placed);
    expect(after.ranked).toEqual(expected.ranked);
    expect(after.points).toEqual(expected.points);
    expect(after.ledger).toEqual(expected.ledger);
    expect([after.deferred, expected.deferred]).toEqual([0, 0]);
    expect(after.scores.length).toBe(after.facts.filter((f) => Number(f.order_count) > 0).length);
    expect([after.stale, expected.stale]).toEqual([0, 0]);
    // The good-customer score counts years up to the moment it is made, and the two imports
    // score a minute or so apart: a value may sit one rounding step (0.1) away, no further.
    expect(after.scores.map(({ customer_id, scorer }) => [customer_id, scorer])).toEqual(
      expected.scores.map(({ customer_id, scorer }) => [customer_id, scorer]),
    );
    const apart = after.scores.filter(
      (score, i) => Math.abs(Number(score.value) - Number(expected.scores[i]?.value)) > 0.1 + 1e-9,
    );
    expect(apart).toEqual([]);
  }, 900_000);
});
