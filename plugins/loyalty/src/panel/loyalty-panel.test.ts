import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { redeem } from '../redemptions';
import { createReward, updateReward } from '../rewards';
import { recordAttitude } from '../signals';
import { type Kit, openKit, order } from '../test-kit';

describe.each(testDialects())('the loyalty panel on %s', (dialect) => {
  let k: Kit;
  beforeEach(async () => {
    k = await openKit(dialect);
    await k.configure({ bonuses: { firstOrder: 0 } });
  });
  afterEach(() => k.t.destroy());

  const card = async (customerId: number, locale: 'en' | 'zh-CN' = 'en') => {
    const found = defined(await k.t.core.context.card(k.teamId, { customerId }, locale));
    const panel = defined(found.card.panels.find((p) => p.plugin === 'loyalty'));
    return {
      slot: found.card.slots.loyalty,
      items: Object.fromEntries(panel.items.map((item) => [item.label, item.value])),
      title: panel.title,
    };
  };

  test('shows points, level and the next reward, and follows each balance change', async () => {
    const c = await k.customer();
    await k.orders(c, [order(25_000)]);
    const ctx = await k.ctx();
    const cheap = await createReward(ctx, { name: 'Tea', cost: 100 });
    await createReward(ctx, { name: 'Mug', cost: 300 });
    await createReward(ctx, { name: 'Rare', cost: 260, stock: 0 });
    const before = await card(c);
    expect(before.slot).toEqual({
      points: 250,
      level: 'member',
      nextReward: { id: expect.any(Number), name: 'Mug', cost: 300, pointsToGo: 50 },
    });
    expect(before.items).toMatchObject({
      Points: '250',
      Level: 'Member',
      'Next reward': 'Mug (300 points, 50 to go)',
    });
    await redeem(ctx, { customerId: c, rewardId: cheap.id, idempotencyKey: 'k' }, 'user:1');
    expect((await card(c)).slot).toMatchObject({
      points: 150,
      nextReward: { name: 'Mug', pointsToGo: 150 },
    });
  });

  test('a change to the catalogue reaches cards already built, as does the last of a reward', async () => {
    const [a, b] = [await k.customer(), await k.customer()];
    await k.orders(a, [order(50_000)]);
    await k.orders(b, [order(25_000)]);
    const ctx = await k.ctx();
    const next = async () => (await card(b)).slot?.nextReward ?? null;
    expect(await next()).toBeNull();
    const mug = await createReward(ctx, { name: 'Mug', cost: 300, stock: 1 });
    await createReward(ctx, { name: 'Rare', cost: 900 });
    expect(await next()).toMatchObject({ name: 'Mug', pointsToGo: 50 });
    await updateReward(ctx, mug.id, { cost: 1_000 });
    expect(await next()).toMatchObject({ name: 'Rare' });
    await updateReward(ctx, mug.id, { cost: 300 });
    expect(await next()).toMatchObject({ name: 'Mug' });
    await redeem(ctx, { customerId: a, rewardId: mug.id, idempotencyKey: 'k' }, 'user:1');
    expect(await next()).toMatchObject({ name: 'Rare' });
  });

  test('speaks Chinese and names the loyalty kind once there is a survey', async () => {
    const c = await k.customer();
    await k.orders(c, [order(1_000), order(2_000), order(3_000)]);
    expect((await card(c, 'zh-CN')).items.忠诚类型).toBe('尚无态度调查');
    await recordAttitude(await k.ctx(), { customerId: c, score: 2 }, 'user:1');
    const zh = await card(c, 'zh-CN');
    expect(zh.title).toBe('客户忠诚');
    expect(zh.items).toMatchObject({
      积分: '60',
      等级: '会员',
      重复购买次数: '2',
      忠诚类型: '虚伪忠诚',
    });
  });
});
