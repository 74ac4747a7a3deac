import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { adjust } from './adjustments';
import { redeem } from './redemptions';
import { createReward } from './rewards';
import { type Kit, openKit } from './test-kit';

describe.each(testDialects())('loyalty in the customer’s timeline on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  test('points earned, spent and adjusted come newest first, in the reader’s language', async () => {
    const customer = await kit.customer();
    await kit.orders(customer, [{ amount: 250_000, placedAt: '2024-05-20' }]);
    const earned = await kit.balance(customer);
    expect(earned).toBeGreaterThan(0);
    kit.t.clock.advance({ days: 1 });
    const ctx = await kit.ctx();
    const reward = await createReward(ctx, { name: '茶具', cost: 100 });
    await redeem(
      ctx,
      { customerId: customer, rewardId: reward.id, idempotencyKey: 'r-1' },
      'user:1',
    );
    kit.t.clock.advance({ days: 1 });
    await adjust(
      await kit.ctx(),
      { customerId: customer, points: 5, reason: 'goodwill' },
      'user:1',
    );
    const entries = await kit.t.core.console.timeline(kit.teamId, {
      customerId: customer,
      limit: 10,
      locale: 'en',
    });
    const texts = entries.map((entry) => entry.text);
    expect(texts.slice(0, 2)).toEqual([
      'Adjusted by +5 points: goodwill',
      '100 points spent on a reward: 茶具',
    ]);
    const earnings = texts.slice(2).map((text) => /^\+(\d+) points earned on an order$/.exec(text));
    expect(earnings.every((match) => match !== null)).toBe(true);
    expect(earnings.reduce((sum, match) => sum + Number(match?.[1]), 0)).toBe(earned);
    expect(entries.every((entry) => entry.kind === 'points' && entry.plugin === 'loyalty')).toBe(
      true,
    );
    const zh = await kit.t.core.console.timeline(kit.teamId, {
      customerId: customer,
      limit: 1,
      locale: 'zh-CN',
      to: '2024-06-02T12:00:00.000Z',
    });
    expect(zh.map((entry) => entry.text)).toEqual(['兑换奖励使用 100 积分：茶具']);
  });
});
