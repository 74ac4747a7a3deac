import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loyaltyDb } from '../tables';
import { type Kit, NOW, openKit, order } from '../test-kit';
import { earnForOrders } from './earn-orders';
import { pointsFor } from './points';

describe('points for an order', () => {
  const earning = {
    pointsPerUnit: 1,
    unitMinor: 100,
    tierMultipliers: { important: 2, secondary: 1.5, normal: 1, small: 1 },
  };

  test('scale with spend, tier and level, rounded down', () => {
    expect(pointsFor(12_345, earning, 1, 1)).toBe(123);
    expect(pointsFor(12_345, earning, 2, 1)).toBe(246);
    expect(pointsFor(10_000, earning, 1.5, 1.25)).toBe(187);
    expect(pointsFor(99, earning, 1, 1)).toBe(0);
    expect(pointsFor(11_500, { ...earning, pointsPerUnit: 0.1 }, 1, 1)).toBe(11);
  });
});

describe.each(testDialects())('earning on orders:recorded on %s', (dialect) => {
  let k: Kit;
  beforeEach(async () => {
    k = await openKit(dialect);
  });
  afterEach(() => k.t.destroy());

  const entries = async (customerId: number) =>
    loyaltyDb({ db: k.t.core.db })
      .selectFrom('loyalty_ledger')
      .select(['kind', 'points', 'order_id', 'reference', 'amount'])
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();

  test('an order earns by spend, with the first-order bonus once', async () => {
    const c = await k.customer();
    await k.orders(c, [order(12_345)]);
    expect(await k.balance(c)).toBe(123 + 100);
    await k.orders(c, [order(5_000)]);
    expect(await k.balance(c)).toBe(123 + 100 + 50);
    const rows = await entries(c);
    expect(rows.map((r) => [r.kind, Number(r.points), r.reference])).toEqual([
      ['earn', 123, null],
      ['earn', 100, 'bonus:first-order'],
      ['earn', 50, null],
    ]);
    await k.expectConsistent();
  });

  test('tiers multiply what an order earns, read once for the batch', async () => {
    await k.configure({ bonuses: { firstOrder: 0 } });
    const [important, secondary, untiered] = [
      await k.customer(),
      await k.customer(),
      await k.customer(),
    ];
    k.tiers.set(important, 'important');
    k.tiers.set(secondary, 'secondary');
    const { recorded } = await k.t.core.orders.record(k.teamId, [
      { customerId: important, amount: 10_000, placedAt: NOW },
      { customerId: secondary, amount: 10_000, placedAt: NOW },
      { customerId: untiered, amount: 10_000, placedAt: NOW },
      { customerId: important, amount: 5_000, placedAt: NOW },
    ]);
    expect(recorded).toHaveLength(4);
    expect(k.tierCalls.count).toBe(1);
    expect(await k.balance(important)).toBe(200 + 100);
    expect(await k.balance(secondary)).toBe(150);
    expect(await k.balance(untiered)).toBe(100);
  });

  test('without tiering for the team every tier multiplier is 1', async () => {
    await k.configure({ bonuses: { firstOrder: 0 } });
    await k.t.core.plugins.disable(k.teamId, 'tiering', 'test');
    const c = await k.customer();
    k.tiers.set(c, 'important');
    await k.orders(c, [order(10_000)]);
    expect(await k.balance(c)).toBe(100);
  });

  test('configured multipliers and rates apply, and the level multiplier too', async () => {
    await k.configure({
      bonuses: { firstOrder: 0 },
      earning: { pointsPerUnit: 2, tierMultipliers: { important: 3 } },
      levels: {
        thresholds: [
          { id: 'member', threshold: 0 },
          { id: 'silver', threshold: 500, multiplier: 1.5 },
        ],
      },
    });
    const c = await k.customer();
    k.tiers.set(c, 'important');
    await k.orders(c, [order(10_000)]);
    // 100 units × 2 points × 3 (important) at member level; now silver.
    expect(await k.balance(c)).toBe(600);
    await k.orders(c, [order(10_000)]);
    expect(await k.balance(c)).toBe(600 + 900);
  });

  test('the same order never earns twice, even when the batch is replayed', async () => {
    const c = await k.customer();
    await k.orders(c, [order(10_000, 'A-1')]);
    await k.orders(c, [order(10_000, 'A-1')]);
    expect(await k.balance(c)).toBe(200);
    const [stored] = await k.t.core.orders.forCustomer(k.teamId, c);
    const result = await earnForOrders(await k.ctx(), [defined(stored)]);
    expect(result).toEqual({ entries: 0, points: 0 });
    expect(await k.balance(c)).toBe(200);
    expect(await entries(c)).toHaveLength(2);
    await k.expectConsistent();
  });

  test('a replayed batch earns only for its orders not yet in the ledger', async () => {
    const c = await k.customer();
    await k.orders(c, [order(10_000, 'B-1')]);
    await k.t.core.plugins.disable(k.teamId, 'loyalty', 'test');
    await k.orders(c, [order(20_000, 'B-2')]);
    await k.t.core.plugins.enable(k.teamId, 'loyalty', 'test');
    expect(await k.balance(c)).toBe(200);
    const stored = await k.t.core.orders.forCustomer(k.teamId, c);
    const result = await earnForOrders(await k.ctx(), stored);
    expect(result).toEqual({ entries: 1, points: 200 });
    expect(await k.balance(c)).toBe(400);
    await k.expectConsistent();
  });

  test('a customer who bought before loyalty was on gets no first-order bonus', async () => {
    await k.t.core.plugins.disable(k.teamId, 'loyalty', 'test');
    const c = await k.customer();
    await k.orders(c, [order(10_000)]);
    await k.t.core.plugins.enable(k.teamId, 'loyalty', 'test');
    await k.orders(c, [order(10_000)]);
    expect(await k.balance(c)).toBe(100);
  });

  test('a free order records its spend with 0 points and no lot', async () => {
    await k.configure({ bonuses: { firstOrder: 0 } });
    const c = await k.customer();
    await k.orders(c, [order(0)]);
    expect(await k.balance(c)).toBe(0);
    expect((await entries(c)).map((r) => [r.kind, Number(r.points)])).toEqual([['earn', 0]]);
    await k.expectConsistent();
  });

  test('a 1,500-order batch earns in full for every customer', async () => {
    await k.configure({ bonuses: { firstOrder: 0 } });
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(await k.customer());
    const orders = Array.from({ length: 1_500 }, (_, i) => ({
      customerId: defined(ids[i % ids.length]),
      amount: 1_000,
      placedAt: NOW,
    }));
    await k.t.core.orders.record(k.teamId, orders);
    for (const id of ids) expect(await k.balance(id)).toBe(500);
    expect(k.tierCalls.count).toBe(1);
    await k.expectConsistent();
  });
});
