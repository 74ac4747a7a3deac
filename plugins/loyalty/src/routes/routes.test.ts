import { appUnderTest } from '@guanxi/server';
import {
  createTestApp,
  defined,
  expectInvalid,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import plugin from '../index';
import { loyaltyDb } from '../tables';
import { fakeTiering } from '../test-kit';

describe.each(testDialects())('loyalty routes through the API on %s', (dialect) => {
  let a: TestApp;
  let base: string;
  const customer = async (name: string) =>
    (await a.t.core.customers.create(a.teamA, { kind: 'person', name })).id;
  const record = async (customerId: number, amount: number) => {
    const { recorded } = await a.t.core.orders.record(a.teamA, [
      { customerId, amount, placedAt: '2024-06-01' },
    ]);
    return defined(recorded[0]).id;
  };
  const newReward = async (cost: number, stock: number | null = null) =>
    (
      await expectJson<{ reward: { id: number } }>(
        await a.call('admin', 'POST', `${base}/rewards`, { name: `Gift ${cost}`, cost, stock }),
        201,
      )
    ).reward.id;
  const ledgerSum = async (customerId: number) => {
    const row = await loyaltyDb({ db: a.t.core.db })
      .selectFrom('loyalty_ledger')
      .select((eb) => eb.fn.sum<number>('points').as('sum'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    return Number(row.sum);
  };
  const balance = async (customerId: number) => {
    const res = await a.call('rep', 'GET', `${base}/customers/${customerId}`);
    return (await expectJson<{ balance: number }>(res, 200)).balance;
  };

  beforeAll(async () => {
    a = await createTestApp({
      dialect,
      plugins: [fakeTiering(new Map()), plugin],
      app: appUnderTest(),
    });
    await a.t.core.plugins.enable(a.teamA, 'loyalty', 'test');
    await a.t.core.plugins.configure(
      a.teamA,
      'loyalty',
      { bonuses: { firstOrder: 0 }, expiryDays: 0 },
      'test',
    );
    base = `/v1/teams/${a.teamA}/plugins/loyalty`;
  });
  afterAll(() => a.destroy());

  test('managers and admins keep the catalogue; everyone lists it', async () => {
    await expectProblem(
      await a.call('rep', 'POST', `${base}/rewards`, { name: 'Mug', cost: 10 }),
      403,
      'GX_ERR_FORBIDDEN',
    );
    const mug = await a.call('manager', 'POST', `${base}/rewards`, { name: 'Mug', cost: 10 });
    const { reward } = await expectJson<{ reward: { id: number } }>(mug, 201);
    const retired = await a.call('manager', 'PATCH', `${base}/rewards/${reward.id}`, {
      active: false,
    });
    expect((await expectJson<{ reward: { active: boolean } }>(retired, 200)).reward.active).toBe(
      false,
    );
    const id = await newReward(500, 3);
    await expectProblem(
      await a.call('rep', 'PATCH', `${base}/rewards/${id}`, { active: false }),
      403,
      'GX_ERR_FORBIDDEN',
    );
    const patched = await a.call('admin', 'PATCH', `${base}/rewards/${id}`, { cost: 450 });
    expect((await expectJson<{ reward: { cost: number } }>(patched, 200)).reward.cost).toBe(450);
    const listed = await expectJson<{ rewards: { id: number; stock: number | null }[] }>(
      await a.call('rep', 'GET', `${base}/rewards`),
      200,
    );
    expect(listed.rewards.find((r) => r.id === id)).toMatchObject({ stock: 3 });
    await expectProblem(
      await a.call('admin', 'PATCH', `${base}/rewards/99999`, { cost: 1 }),
      404,
      'GX_ERR_NOT_FOUND',
    );
  });

  test('bad input is 400 naming the field', async () => {
    await expectInvalid(
      await a.call('admin', 'POST', `${base}/rewards`, { name: 'X', cost: 0 }),
      'cost',
    );
    await expectInvalid(
      await a.call('admin', 'POST', `${base}/rewards`, { name: 'X', cost: 5, colour: 'red' }),
      'colour',
    );
    await expectInvalid(
      await a.call('rep', 'POST', `${base}/redemptions`, { customerId: 1, rewardId: 1 }),
      'idempotencyKey',
    );
    await expectInvalid(
      await a.call('rep', 'POST', `${base}/attitudes`, { customerId: 1, score: 6 }),
      'score',
    );
    await expectInvalid(
      await a.call('rep', 'POST', `${base}/bonuses`, {
        customerId: 1,
        kind: 'anniversary',
        reference: 'x',
      }),
      'kind',
    );
    await expectInvalid(
      await a.call('rep', 'POST', `${base}/refunds`, { orderId: 'x' }),
      'orderId',
    );
  });

  test('another team’s rep cannot reach team A’s loyalty', async () => {
    const res = await a.call('otherRep', 'GET', `${base}/rewards`);
    expect(res.status).toBe(404);
  });

  test('50 parallel redemptions against a balance for 10: 10 succeed, 40 are refused', async () => {
    const c = await customer('Parallel');
    await record(c, 100_000);
    expect(await balance(c)).toBe(1_000);
    const gift = await newReward(100);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        a.call('rep', 'POST', `${base}/redemptions`, {
          customerId: c,
          rewardId: gift,
          idempotencyKey: `par-${i}`,
        }),
      ),
    );
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const res of responses.filter((r) => r.status === 409)) {
      const problem = await expectProblem(res, 409, 'GX_ERR_CONFLICT');
      expect(problem.detail).toMatch(/balance \d+ points, reward costs 100/);
    }
    expect(await balance(c)).toBe(0);
    expect(await ledgerSum(c)).toBe(0);
  });

  test('the same key sent 5 times in parallel debits once', async () => {
    const c = await customer('Retry');
    await record(c, 50_000);
    const gift = await newReward(120);
    const body = { customerId: c, rewardId: gift, idempotencyKey: 'same-key' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => a.call('rep', 'POST', `${base}/redemptions`, body)),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(
      await Promise.all(
        responses.map(
          async (res) => ((await res.json()) as { redemption: { id: number } }).redemption.id,
        ),
      ),
    );
    expect(ids.size).toBe(1);
    expect(await balance(c)).toBe(380);
    expect(await ledgerSum(c)).toBe(380);
  });

  test('out of stock under parallel load never oversells', async () => {
    const c = await customer('Stock');
    await record(c, 100_000);
    const gift = await newReward(10, 3);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        a.call('rep', 'POST', `${base}/redemptions`, {
          customerId: c,
          rewardId: gift,
          idempotencyKey: `s-${i}`,
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(5);
    expect((await expectProblem(defined(refused[0]), 409)).detail).toContain('out of stock');
    expect(await balance(c)).toBe(970);
  });

  test('refunds, bonuses, discounts and attitudes reach the card', async () => {
    const c = await customer('Card');
    const first = await record(c, 30_000);
    await record(c, 20_000);
    await record(c, 10_000);
    const refund = await a.call('rep', 'POST', `${base}/refunds`, { orderId: first });
    expect(await expectJson(refund, 201)).toMatchObject({
      earned: 300,
      reversed: 300,
      shortfall: 0,
    });
    expect((await a.call('rep', 'POST', `${base}/refunds`, { orderId: first })).status).toBe(200);
    const bonus = await a.call('rep', 'POST', `${base}/bonuses`, {
      customerId: c,
      kind: 'referral',
      reference: 'friend-1',
    });
    expect(await expectJson(bonus, 201)).toMatchObject({ entry: { points: 200 } });
    const flagged = await a.call('rep', 'POST', `${base}/orders/${first}/discount`, {});
    expect(await expectJson(flagged, 201)).toEqual({
      orderId: first,
      customerId: c,
      discounted: true,
    });
    await expectJson(
      await a.call('rep', 'POST', `${base}/attitudes`, { customerId: c, score: 5 }),
      201,
    );
    await newReward(10_000);
    const found = defined(await a.t.core.context.card(a.teamA, { customerId: c }, 'en'));
    expect(found.card.slots.loyalty).toMatchObject({ points: 500, level: 'member' });
    const panel = defined(found.card.panels.find((p) => p.plugin === 'loyalty'));
    const items = Object.fromEntries(panel.items.map((item) => [item.label, item.value]));
    expect(items).toMatchObject({
      Points: '500',
      'Repeat purchases': '2',
      'Price sensitivity': '33% of orders discounted',
      'Loyalty kind': 'Loyal',
    });
  });

  test('a rep cannot adjust points; a manager can', async () => {
    const c = await customer('Adjust');
    const body = { customerId: c, points: 25, reason: 'goodwill' };
    await expectProblem(
      await a.call('rep', 'POST', `${base}/adjustments`, body),
      403,
      'GX_ERR_FORBIDDEN',
    );
    await expectJson(await a.call('manager', 'POST', `${base}/adjustments`, body), 201);
    expect(await balance(c)).toBe(25);
  });
});
