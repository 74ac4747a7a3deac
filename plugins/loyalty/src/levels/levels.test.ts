import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { refundOrder } from '../refunds';
import { loyaltyDb } from '../tables';
import { type Kit, openKit, order } from '../test-kit';
import { levelFor } from './levels';

const THRESHOLDS = [
  { id: 'member', threshold: 0, multiplier: 1 },
  { id: 'silver', threshold: 1_000, multiplier: 1 },
  { id: 'gold', threshold: 5_000, multiplier: 1 },
];

test('the level is the highest threshold reached', () => {
  expect(levelFor(THRESHOLDS, 0).id).toBe('member');
  expect(levelFor(THRESHOLDS, 999).id).toBe('member');
  expect(levelFor(THRESHOLDS, 1_000).id).toBe('silver');
  expect(levelFor(THRESHOLDS, 80_000).id).toBe('gold');
});

describe.each(testDialects())('levels on %s', (dialect) => {
  let k: Kit;
  beforeEach(async () => {
    k = await openKit(dialect);
  });
  afterEach(() => k.t.destroy());

  const levelOf = async (customerId: number) =>
    (
      await loyaltyDb({ db: k.t.core.db })
        .selectFrom('loyalty_accounts')
        .select('level')
        .where('customer_id', '=', customerId)
        .executeTakeFirstOrThrow()
    ).level;
  const runLevels = () => k.t.core.jobs.run('loyalty:levels', { teamId: k.teamId });

  test('earning past a threshold upgrades at once', async () => {
    await k.configure({ bonuses: { firstOrder: 0 }, levels: { thresholds: THRESHOLDS } });
    const c = await k.customer();
    await k.orders(c, [order(60_000)]);
    expect(await levelOf(c)).toBe('member');
    await k.orders(c, [order(40_000)]);
    expect(await levelOf(c)).toBe('silver');
  });

  test('one batch moves each customer to the level it reaches, and dates each move', async () => {
    await k.configure({ bonuses: { firstOrder: 0 }, levels: { thresholds: THRESHOLDS } });
    const [rising, leaping, staying] = [await k.customer(), await k.customer(), await k.customer()];
    await k.orders(rising, [order(60_000)]);
    await k.orders(staying, [order(10_000)]);
    k.t.clock.advance({ days: 3 });
    const orders = [
      { customerId: rising, ...order(40_000) },
      { customerId: leaping, ...order(300_000) },
      { customerId: leaping, ...order(200_000) },
      { customerId: staying, ...order(10_000) },
    ];
    await k.t.core.orders.record(k.teamId, orders);
    expect([await levelOf(rising), await levelOf(leaping), await levelOf(staying)]).toEqual([
      'silver',
      'gold',
      'member',
    ]);
    const dates = await loyaltyDb({ db: k.t.core.db })
      .selectFrom('loyalty_account_dates')
      .select(['customer_id', 'level_since'])
      .where('team_id', '=', k.teamId)
      .orderBy('customer_id')
      .execute();
    expect(dates.map((row) => row.level_since)).toEqual([
      '2024-06-04T00:00:00.000Z',
      '2024-06-04T00:00:00.000Z',
      '2024-06-01T00:00:00.000Z',
    ]);
    await k.expectConsistent();
  });

  test('by spend, the thresholds are minor units spent over the period', async () => {
    await k.configure({
      earning: { pointsPerUnit: 0 },
      levels: { basis: 'spend', periodDays: 30, thresholds: THRESHOLDS },
    });
    const c = await k.customer();
    await k.orders(c, [order(3_000), order(2_500)]);
    expect(await levelOf(c)).toBe('gold');
  });

  test('with downgrade none, a level is kept after the period', async () => {
    await k.configure({
      bonuses: { firstOrder: 0 },
      levels: { periodDays: 30, thresholds: THRESHOLDS, downgrade: { rule: 'none' } },
    });
    const c = await k.customer();
    await k.orders(c, [order(100_000)]);
    k.t.clock.advance({ days: 400 });
    expect(await runLevels()).toEqual({ accounts: 1, upgraded: 0, downgraded: 0 });
    expect(await levelOf(c)).toBe('silver');
  });

  test('with a grace period, a level drops only after graceDays below its threshold', async () => {
    await k.configure({
      bonuses: { firstOrder: 0 },
      levels: {
        periodDays: 30,
        thresholds: THRESHOLDS,
        downgrade: { rule: 'grace', graceDays: 14 },
      },
    });
    const c = await k.customer();
    await k.orders(c, [order(600_000)]);
    expect(await levelOf(c)).toBe('gold');
    k.t.clock.advance({ days: 31 });
    expect(await runLevels()).toEqual({ accounts: 1, upgraded: 0, downgraded: 0 });
    k.t.clock.advance({ days: 13 });
    await runLevels();
    expect(await levelOf(c)).toBe('gold');
    k.t.clock.advance({ days: 1 });
    expect(await runLevels()).toEqual({ accounts: 1, upgraded: 0, downgraded: 1 });
    expect(await levelOf(c)).toBe('member');
  });

  test('buying again during the grace period keeps the level', async () => {
    await k.configure({
      bonuses: { firstOrder: 0 },
      levels: {
        periodDays: 30,
        thresholds: THRESHOLDS,
        downgrade: { rule: 'grace', graceDays: 14 },
      },
    });
    const c = await k.customer();
    await k.orders(c, [order(150_000)]);
    k.t.clock.advance({ days: 31 });
    await runLevels();
    await k.orders(c, [order(120_000)]);
    k.t.clock.advance({ days: 20 });
    expect(await runLevels()).toMatchObject({ downgraded: 0 });
    expect(await levelOf(c)).toBe('silver');
  });

  test('a refunded order no longer counts toward the level, spent or not', async () => {
    await k.configure({
      bonuses: { firstOrder: 0 },
      levels: {
        periodDays: 30,
        thresholds: THRESHOLDS,
        downgrade: { rule: 'grace', graceDays: 0 },
      },
    });
    const c = await k.customer();
    const [orderId] = await k.orders(c, [order(100_000)]);
    expect(await levelOf(c)).toBe('silver');
    await refundOrder(await k.ctx(), { orderId }, 'user:1');
    await runLevels();
    await runLevels();
    expect(await levelOf(c)).toBe('member');
  });
});
