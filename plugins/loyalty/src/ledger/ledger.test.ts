import { isGuanxiError } from '@guanxi/core';
import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { adjust } from '../adjustments';
import { grantBonus } from '../bonuses';
import { redeem } from '../redemptions';
import { refundOrder } from '../refunds';
import { createReward } from '../rewards';
import { statement } from '../routes/statement';
import { loyaltyDb } from '../tables';
import { type Kit, openKit, order } from '../test-kit';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe.each(testDialects())('the points ledger on %s', (dialect) => {
  let k: Kit;
  beforeEach(async () => {
    k = await openKit(dialect);
    await k.configure({ bonuses: { firstOrder: 0 }, expiryDays: 30 });
  });
  afterEach(() => k.t.destroy());

  const reward = async (cost: number, stock: number | null = null) =>
    (await createReward(await k.ctx(), { name: `Reward ${cost}`, cost, stock })).id;
  const redeemFor = async (customerId: number, rewardId: number, key: string) =>
    redeem(await k.ctx(), { customerId, rewardId, idempotencyKey: key }, 'user:1');
  const runJob = (job: string) => k.t.core.jobs.run(`loyalty:${job}`, { teamId: k.teamId });
  const kinds = async (customerId: number) =>
    (
      await loyaltyDb({ db: k.t.core.db })
        .selectFrom('loyalty_ledger')
        .select(['kind', 'points'])
        .where('customer_id', '=', customerId)
        .orderBy('id')
        .execute()
    ).map((row) => `${row.kind} ${Number(row.points)}`);

  test('a redemption takes the cost, and the same key again debits nothing', async () => {
    const c = await k.customer();
    await k.orders(c, [order(25_000)]);
    const gift = await reward(100, 5);
    const first = await redeemFor(c, gift, 'r-1');
    expect(first.replayed).toBe(false);
    expect(first.redemption).toMatchObject({
      customerId: c,
      rewardId: gift,
      points: 100,
      balanceAfter: 150,
    });
    const again = await redeemFor(c, gift, 'r-1');
    expect(again).toEqual({ redemption: first.redemption, replayed: true });
    expect(await k.balance(c)).toBe(150);
    expect(await kinds(c)).toEqual(['earn 250', 'redeem -100']);
    await k.expectConsistent();
  });

  test('an insufficient balance is a conflict saying balance and cost, and changes nothing', async () => {
    const c = await k.customer();
    await k.orders(c, [order(4_000)]);
    const gift = await reward(100);
    const error = await rejection(redeemFor(c, gift, 'r-1'));
    expect(isGuanxiError(error, 'GX_ERR_CONFLICT')).toBe(true);
    expect(error.message).toContain('balance 40 points, reward costs 100');
    expect(await k.balance(c)).toBe(40);
    expect(await kinds(c)).toEqual(['earn 40']);
  });

  test('out of stock is a conflict; stock counts down and unlimited never runs out', async () => {
    const c = await k.customer();
    await k.orders(c, [order(100_000)]);
    const scarce = await reward(10, 1);
    const plenty = await reward(10);
    await redeemFor(c, scarce, 'a');
    const error = await rejection(redeemFor(c, scarce, 'b'));
    expect(isGuanxiError(error, 'GX_ERR_CONFLICT')).toBe(true);
    expect(error.message).toContain('out of stock');
    for (const key of ['c', 'd', 'e']) await redeemFor(c, plenty, key);
    expect(await k.balance(c)).toBe(1_000 - 40);
  });

  test('another redemption under a used key is a conflict', async () => {
    const c = await k.customer();
    await k.orders(c, [order(100_000)]);
    const [one, two] = [await reward(10), await reward(20)];
    await redeemFor(c, one, 'k');
    const error = await rejection(redeemFor(c, two, 'k'));
    expect(isGuanxiError(error, 'GX_ERR_CONFLICT')).toBe(true);
    expect(await k.balance(c)).toBe(990);
  });

  test('points expire after expiryDays, oldest lots consumed first', async () => {
    const c = await k.customer();
    await k.orders(c, [order(10_000)]);
    k.t.clock.advance({ days: 10 });
    await k.orders(c, [order(10_000)]);
    k.t.clock.advance({ days: 5 });
    await redeemFor(c, await reward(150), 'r');
    // The first lot is spent, the second keeps 50.
    k.t.clock.advance({ days: 16 });
    expect(await runJob('expire')).toEqual({ entries: 0, points: 0, customers: 0 });
    expect(await k.balance(c)).toBe(50);
    k.t.clock.advance({ days: 10 });
    expect(await runJob('expire')).toEqual({ entries: 1, points: 50, customers: 1 });
    expect(await runJob('expire')).toEqual({ entries: 0, points: 0, customers: 0 });
    expect(await k.balance(c)).toBe(0);
    expect(await kinds(c)).toEqual(['earn 100', 'earn 100', 'redeem -150', 'expire -50']);
    await k.expectConsistent();
  });

  test('a redemption does not spend points that have expired but the job has not seen', async () => {
    const c = await k.customer();
    await k.orders(c, [order(10_000)]);
    k.t.clock.advance({ days: 20 });
    await k.orders(c, [order(10_000)]);
    k.t.clock.advance({ days: 15 });
    const error = await rejection(redeemFor(c, await reward(150), 'r'));
    expect(error.message).toContain('balance 100 points, reward costs 150');
    expect(await k.balance(c)).toBe(100);
    await k.expectConsistent();
  });

  test('expiryDays 0 keeps points for good', async () => {
    await k.configure({ bonuses: { firstOrder: 0 }, expiryDays: 0 });
    const c = await k.customer();
    await k.orders(c, [order(10_000)]);
    k.t.clock.advance({ days: 3_000 });
    expect(await runJob('expire')).toMatchObject({ entries: 0 });
    expect(await k.balance(c)).toBe(100);
  });

  test('a refund reverses exactly the order’s points, once', async () => {
    const c = await k.customer();
    const [first, second] = await k.orders(c, [order(10_000), order(30_000)]);
    const refund = await refundOrder(await k.ctx(), { orderId: second }, 'user:1');
    expect(refund).toMatchObject({ earned: 300, reversed: 300, shortfall: 0, replayed: false });
    expect(await k.balance(c)).toBe(100);
    const again = await refundOrder(await k.ctx(), { orderId: second }, 'user:1');
    expect(again).toMatchObject({ reversed: 300, replayed: true });
    expect(await k.balance(c)).toBe(100);
    expect(first).toBeDefined();
    await k.expectConsistent();
  });

  test('a refund of spent points takes back only what is left and records the shortfall', async () => {
    const c = await k.customer();
    const [orderId] = await k.orders(c, [order(10_000)]);
    await redeemFor(c, await reward(80), 'r');
    const refund = await refundOrder(await k.ctx(), { orderId }, 'user:1');
    expect(refund).toMatchObject({ earned: 100, reversed: 20, shortfall: 80 });
    expect(refund.entry).toMatchObject({ kind: 'reverse', points: -20, shortfall: 80, orderId });
    expect(await k.balance(c)).toBe(0);
    await k.expectConsistent();
  });

  test('a refund of an order loyalty never saw is not found, naming orderId', async () => {
    const error = await rejection(refundOrder(await k.ctx(), { orderId: 999 }, 'user:1'));
    expect(isGuanxiError(error, 'GX_ERR_NOT_FOUND')).toBe(true);
    expect((error as { issues?: { path: string }[] }).issues?.[0]?.path).toBe('orderId');
  });

  test('referral and birthday bonuses are fixed points, once per reference', async () => {
    await k.configure({ bonuses: { referral: 300, birthday: 50 } });
    const c = await k.customer();
    const ctx = await k.ctx();
    const first = await grantBonus(
      ctx,
      { customerId: c, kind: 'referral', reference: 'cust-9' },
      'u',
    );
    expect(first).toMatchObject({ replayed: false, entry: { points: 300 } });
    const again = await grantBonus(
      ctx,
      { customerId: c, kind: 'referral', reference: 'cust-9' },
      'u',
    );
    expect(again).toEqual({ entry: first.entry, replayed: true });
    await grantBonus(ctx, { customerId: c, kind: 'birthday', reference: '2024' }, 'u');
    await grantBonus(ctx, { customerId: c, kind: 'referral', reference: 'cust-10' }, 'u');
    expect(await k.balance(c)).toBe(650);
    await k.expectConsistent();
  });

  test('adjustments add a lot or take from the oldest, never below zero', async () => {
    const c = await k.customer();
    const ctx = await k.ctx();
    await adjust(ctx, { customerId: c, points: 70, reason: 'goodwill' }, 'user:1');
    await adjust(ctx, { customerId: c, points: -30, reason: 'correction' }, 'user:1');
    const error = await rejection(adjust(ctx, { customerId: c, points: -41, reason: 'x' }, 'u'));
    expect(error.message).toContain('balance 40 points');
    expect(await kinds(c)).toEqual(['adjust 70', 'adjust -30']);
    await k.expectConsistent();
  });
  test('credits of every kind, by order, by reference or neither, are spent oldest first', async () => {
    await k.configure({ bonuses: { firstOrder: 100 }, expiryDays: 30 });
    const c = await k.customer();
    await adjust(await k.ctx(), { customerId: c, points: 70, reason: 'goodwill' }, 'user:1');
    k.t.clock.advance({ days: 1 });
    await k.orders(c, [order(10_000)]);
    await redeemFor(c, await reward(150), 'r');
    const remaining = await loyaltyDb({ db: k.t.core.db })
      .selectFrom('loyalty_ledger')
      .select(['kind', 'reference', 'remaining'])
      .where('customer_id', '=', c)
      .orderBy('id')
      .execute();
    expect(remaining.map((r) => [r.kind, r.reference, r.remaining])).toEqual([
      ['adjust', null, 0],
      ['earn', null, 20],
      ['earn', 'bonus:first-order', 100],
      ['redeem', 'redeem:r', null],
    ]);
    const { entries } = await statement(await k.ctx(), c);
    expect(entries.map((e) => `${e.kind} ${e.points}`)).toEqual([
      'redeem -150',
      'earn 100',
      'earn 100',
      'adjust 70',
    ]);
    expect(entries[2]?.orderId).not.toBeNull();
    await k.expectConsistent();
  });
});
