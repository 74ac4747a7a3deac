import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { recordDiscounts } from '../signals/discounts';
import { recordPayments } from '../signals/payments';
import { type Kit, monthly, openKit } from '../test-kit';

/** Logs `count` inbound calls from a customer. */
async function calls(kit: Kit, customerId: number, count: number) {
  await kit.t.core.interactions.log(
    kit.teamId,
    Array.from({ length: count }, () => ({
      customerId,
      channel: 'hotline' as const,
      direction: 'inbound' as const,
      summary: 'needs help',
      occurredAt: '2024-05-01',
      actor: 'rep',
    })),
  );
}

/** Two customers alike but for one factor: the better one first. */
type Pair = (kit: Kit) => Promise<[number, number]>;

const sameOrders = async (kit: Kit): Promise<[number, number]> => [
  await kit.customer('Better', monthly(4, 100_000, 60_000)),
  await kit.customer('Worse', monthly(4, 100_000, 60_000)),
];

const factorPairs: [string, Pair][] = [
  [
    'frequency',
    async (kit) => [
      await kit.customer('Often', monthly(6, 50_000, 30_000)),
      await kit.customer('Seldom', monthly(2, 150_000, 90_000)),
    ],
  ],
  [
    'revenue',
    async (kit) => [
      await kit.customer('Big', monthly(4, 100_000, 60_000)),
      await kit.customer('Small', monthly(4, 50_000, 30_000)),
    ],
  ],
  [
    'margin',
    async (kit) => [
      await kit.customer('Rich', monthly(4, 100_000, 50_000)),
      await kit.customer('Thin', monthly(4, 100_000, 95_000)),
    ],
  ],
  [
    'price sensitivity',
    async (kit) => {
      const pair = await sameOrders(kit);
      await recordDiscounts(kit.ctx, [
        { customerId: pair[1], orderRef: 'o-1', amount: 200_000, grantedAt: '2024-05-01' },
      ]);
      return pair;
    },
  ],
  [
    'punctuality',
    async (kit) => {
      const pair = await sameOrders(kit);
      await recordPayments(kit.ctx, [
        {
          customerId: pair[0],
          invoiceRef: 'i-1',
          amount: 100_000,
          dueAt: '2024-05-01',
          paidAt: '2024-05-01',
        },
        {
          customerId: pair[1],
          invoiceRef: 'i-2',
          amount: 100_000,
          dueAt: '2024-05-01',
          paidAt: '2024-05-11',
        },
      ]);
      return pair;
    },
  ],
  [
    'service cost',
    async (kit) => {
      const pair = await sameOrders(kit);
      await calls(kit, pair[1], 6);
      return pair;
    },
  ],
  [
    'risk',
    async (kit) => [
      await kit.customer('Recent', monthly(4, 100_000, 60_000, 10)),
      await kit.customer('Quiet', monthly(4, 100_000, 60_000, 100)),
    ],
  ],
];

describe.each(testDialects())('the good-customer scorer on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  test('a clearly good customer outranks a clearly poor one, and says why', async () => {
    const good = await kit.customer('Good', monthly(12, 100_000, 60_000));
    const poor = await kit.customer('Poor', monthly(2, 20_000, 19_000, 200));
    await recordPayments(kit.ctx, [
      {
        customerId: good,
        invoiceRef: 'g-1',
        amount: 100_000,
        dueAt: '2024-05-01',
        paidAt: '2024-04-28',
      },
      {
        customerId: poor,
        invoiceRef: 'p-1',
        amount: 20_000,
        dueAt: '2024-05-01',
        paidAt: '2024-05-20',
      },
      { customerId: poor, invoiceRef: 'p-2', amount: 20_000, dueAt: '2024-05-15' },
    ]);
    await recordDiscounts(kit.ctx, [
      { customerId: poor, orderRef: 'p-1', amount: 9_000, grantedAt: '2023-11-01' },
      { customerId: poor, orderRef: 'p-2', amount: 9_000, grantedAt: '2023-12-01' },
    ]);
    await calls(kit, poor, 8);

    const [goodScore, poorScore] = await kit.score(good, poor);
    expect(goodScore?.value).toBeGreaterThan(90);
    expect(poorScore?.value).toBeLessThan(20);
    expect(goodScore?.reasons).toEqual([
      'buys often (12 orders a year)',
      'ordered recently (10 days ago)',
    ]);
    expect(poorScore?.reasons).toEqual([
      'at risk (no order for 200 days)',
      'pays late (0% on time)',
    ]);
  });

  test.each(factorPairs)('%s moves the score the right way', async (_, pair) => {
    const [better, worse] = await pair(kit);
    const [betterScore, worseScore] = await kit.score(better, worse);
    expect(betterScore?.value).toBeGreaterThan(worseScore?.value ?? Number.POSITIVE_INFINITY);
  });

  test("the team's weights change the ranking", async () => {
    const margin = await kit.customer('Margin', monthly(2, 100_000, 40_000));
    const volume = await kit.customer('Volume', monthly(12, 100_000, 95_000));
    const before = await kit.score(margin, volume);
    expect(before[1]?.value).toBeGreaterThan(before[0]?.value ?? Number.POSITIVE_INFINITY);

    await kit.t.core.plugins.configure(
      kit.teamId,
      'example-scorer',
      { weights: { frequency: 0, revenue: 0, margin: 5 } },
      'admin',
    );
    const after = await kit.score(margin, volume);
    expect(after[0]?.value).toBeGreaterThan(after[1]?.value ?? Number.POSITIVE_INFINITY);
    expect(after[0]?.reasons[0]).toBe('high margin (60%)');
  });

  test('time passing without orders lowers the score, by the clock', async () => {
    const onlyRisk = { frequency: 0, revenue: 0, margin: 0, priceSensitivity: 0, punctuality: 0 };
    await kit.t.core.plugins.configure(
      kit.teamId,
      'example-scorer',
      { weights: { ...onlyRisk, serviceCost: 0, risk: 1 } },
      'admin',
    );
    const id = await kit.customer('Fading', monthly(4, 100_000, 60_000));
    expect(await kit.score(id)).toEqual([
      { customerId: id, value: 97.3, reasons: ['ordered recently (10 days ago)'] },
    ]);
    kit.t.clock.advance({ days: 300 });
    expect(await kit.score(id)).toEqual([
      { customerId: id, value: 15.1, reasons: ['at risk (no order for 310 days)'] },
    ]);
  });

  test('a team that has not enabled the plugin gets no scorer from it', async () => {
    const other = await kit.t.core.teams.create({ name: 'South', slug: 'south' });
    expect(await kit.t.core.plugins.scorers(other.id)).toEqual([]);
    expect(await kit.t.core.plugins.scorers(kit.teamId)).toMatchObject([
      { key: 'example-scorer/good-customer', pluginId: 'example-scorer', version: '1' },
    ]);
    await kit.t.core.plugins.disable(kit.teamId, 'example-scorer', 'admin');
    expect(await kit.t.core.plugins.scorers(kit.teamId)).toEqual([]);
  });
});
