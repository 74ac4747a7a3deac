import type { AnyPlugin, CustomerFacts, RecordOrdersResult } from '@guanxi/core';
import { appUnderTest, bundledPlugins, createApp } from '@guanxi/server';
import { createTestApp, expectJson, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

const postgres = testDialects().includes('postgres');

interface PlannedOrder {
  readonly customerId: number;
  readonly amount: number;
  readonly placedAt: string;
  readonly externalId?: string;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

/**
 * Orders for the customers: those with an external id are sent by both processes (the
 * second copy must be a duplicate), those without by one of the two.
 */
function plan(customers: readonly number[], count: number, seed: number) {
  const next = random(seed);
  const orders: PlannedOrder[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = String(1 + next(28)).padStart(2, '0');
    const month = String(1 + next(12)).padStart(2, '0');
    orders.push({
      customerId: customers[next(customers.length)] as number,
      amount: 1 + next(100_000),
      placedAt: `2024-${month}-${day}T${String(next(24)).padStart(2, '0')}:00:00.000Z`,
      ...(i % 2 === 0 ? { externalId: `ext-${i}` } : {}),
    });
  }
  const perProcess: [PlannedOrder[], PlannedOrder[]] = [[], []];
  for (const [i, order] of orders.entries()) {
    if (order.externalId !== undefined) for (const list of perProcess) list.push(order);
    else perProcess[i % 4 === 1 ? 0 : 1].push(order);
  }
  const batches = perProcess.map((list) => {
    const shuffled = [...list];
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = next(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j] as PlannedOrder, shuffled[i] as PlannedOrder];
    }
    const out: PlannedOrder[][] = [];
    for (let at = 0, size = 1; at < shuffled.length; at += size) {
      size = 1 + next(8);
      out.push(shuffled.slice(at, at + size));
    }
    return out;
  });
  return { orders, batches };
}

function expectedFacts(orders: readonly PlannedOrder[]) {
  const facts = new Map<
    number,
    { orderCount: number; revenue: number; first: string; last: string }
  >();
  for (const order of orders) {
    const now = facts.get(order.customerId) ?? {
      orderCount: 0,
      revenue: 0,
      first: order.placedAt,
      last: order.placedAt,
    };
    const [first = '', , last = ''] = [now.first, order.placedAt, now.last].sort();
    facts.set(order.customerId, {
      orderCount: now.orderCount + 1,
      revenue: now.revenue + order.amount,
      first,
      last,
    });
  }
  return facts;
}

describe.skipIf(!postgres)('two server processes on one PostgreSQL schema', () => {
  let a: TestApp;
  afterEach(() => a.destroy());

  /**
   * The fixture's app and a second app over its own core and connection pool, with the
   * plugins on for team A and twelve of its customers.
   */
  async function twoProcesses(plugins: readonly AnyPlugin[]) {
    a = await createTestApp({ dialect: 'postgres', plugins: plugins, app: appUnderTest() });
    for (const plugin of plugins) await a.t.core.plugins.enable(a.teamA, plugin.id, 'test');
    const secondCore = await a.t.reopen({ plugins });
    const second = createApp(secondCore, {
      rateLimit: { perMinute: 1_000_000, burst: 1_000_000 },
    }).app;
    const customers: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      customers.push(
        (await a.t.core.customers.create(a.teamA, { kind: 'person', name: `C${i}` })).id,
      );
    }
    const apps = [a.app, second] as const;
    const post = (process: 0 | 1, orders: readonly PlannedOrder[]) =>
      apps[process].request(`/v1/teams/${a.teamA}/orders/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.keys.rep}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orders }),
      });
    return { customers, apps, post };
  }

  async function sendConcurrently(plugins: readonly AnyPlugin[], seed: number) {
    const { customers, apps, post } = await twoProcesses(plugins);
    const { orders, batches } = plan(customers, 240, seed);
    const sent = batches.flatMap((list, process) =>
      list.map((batch) => post(process as 0 | 1, batch)),
    );
    const results = await Promise.all(
      sent.map(async (res) => expectJson<RecordOrdersResult>(await res, 201)),
    );
    return { customers, apps, orders, results, sentBatches: batches.flat() };
  }

  async function expectFactsAreTheTotals(
    customers: readonly number[],
    orders: readonly PlannedOrder[],
    app: TestApp['app'],
  ) {
    const expected = expectedFacts(orders);
    for (const customerId of customers) {
      const res = await app.request(`/v1/teams/${a.teamA}/customers/${customerId}/facts`, {
        headers: { authorization: `Bearer ${a.keys.rep}` },
      });
      const facts = await expectJson<CustomerFacts>(res, 200);
      const want = expected.get(customerId);
      expect(facts, `customer ${customerId}`).toMatchObject({
        orderCount: want?.orderCount ?? 0,
        revenue: want?.revenue ?? 0,
        firstOrderAt: want?.first ?? null,
        lastOrderAt: want?.last ?? null,
      });
    }
    const db = a.t.core.db;
    const stored = await db
      .selectFrom('orders')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('sum')])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      n: orders.length,
      sum: orders.reduce((total, order) => total + order.amount, 0),
    });
    const activations = await db
      .selectFrom('stage_events')
      .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('to_stage', '=', 'active')
      .groupBy('customer_id')
      .execute();
    expect(activations.map((row) => row.n)).toEqual(activations.map(() => 1));
    expect(activations.map((row) => row.customer_id).sort((x, y) => x - y)).toEqual(
      [...expected.keys()].sort((x, y) => x - y),
    );
  }

  test('concurrent order batches for the same customers: every fact counted once', async () => {
    const { customers, apps, orders, results, sentBatches } = await sendConcurrently([], 7);
    const recorded = results.flatMap((result) => result.recorded);
    const duplicates = results.flatMap((result) => result.duplicates);
    expect(recorded).toHaveLength(orders.length);
    expect(recorded.length + duplicates.length).toBe(sentBatches.flat().length);
    expect(new Set(recorded.map((order) => order.id)).size).toBe(orders.length);
    expect(duplicates.length).toBe(orders.filter((o) => o.externalId !== undefined).length);
    for (const app of apps) await expectFactsAreTheTotals(customers, orders, app);
  }, 60_000);

  test('the same with every bundled plugin on and reacting to the orders', async () => {
    const { customers, orders, results } = await sendConcurrently(bundled, 11);
    expect(results.flatMap((result) => result.recorded)).toHaveLength(orders.length);
    await expectFactsAreTheTotals(customers, orders, a.app);
    expect(await a.t.core.hookFailures.list(a.teamA)).toEqual([]);
  }, 120_000);
});
