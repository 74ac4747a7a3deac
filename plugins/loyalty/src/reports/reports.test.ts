import type { Locale, StatsBlock, TableBlock, Viewer } from '@guanxi/core';
import { defined, pageInput, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { flagDiscount, recordAttitude } from '../signals';
import { type Kit, openKit } from '../test-kit';
import { loyaltyMeasures } from './loyalty-measures';

const MAY = { from: '2024-05-01', to: '2024-05-31' };
const MAY_INSTANTS = { from: '2024-04-30T16:00:00.000Z', to: '2024-05-31T16:00:00.000Z' };

const input = (role: Viewer['role'], locale: Locale, query: Record<string, string> = MAY) =>
  pageInput(role, locale, query);

describe.each(testDialects())('the loyalty report on %s', (dialect) => {
  let k: Kit;
  let ids: Record<'a' | 'b' | 'c' | 'd', number>;

  beforeEach(async () => {
    // The team keeps Beijing days; every order is 100.00 CNY.
    k = await openKit(dialect);
    ids = {
      a: await k.customer('A'),
      b: await k.customer('B'),
      c: await k.customer('C'),
      d: await k.customer('D'),
    };
    const orders = (customerId: number, days: readonly string[]) =>
      k.orders(
        customerId,
        days.map((placedAt) => ({ amount: 10_000, placedAt })),
      );
    // May: A three times, B once (and once in April), C three times; D only in April.
    const [aFirst] = await orders(ids.a, ['2024-05-02', '2024-05-10', '2024-05-20']);
    await orders(ids.b, ['2024-04-01', '2024-05-05']);
    const [cFirst] = await orders(ids.c, ['2024-05-03', '2024-05-04', '2024-05-06']);
    await orders(ids.d, ['2024-04-20']);
    const ctx = await k.ctx();
    k.t.clock.set('2024-04-25T00:00:00Z');
    await recordAttitude(ctx, { customerId: ids.d, score: 5, choosingDays: 30 }, 'user:1');
    k.t.clock.set('2024-05-15T00:00:00Z');
    await flagDiscount(ctx, { orderId: defined(aFirst), discounted: true });
    await flagDiscount(ctx, { orderId: defined(cFirst), discounted: false });
    await recordAttitude(
      ctx,
      { customerId: ids.a, score: 5, choosingDays: 2, competitors: 5, qualityTolerance: 4 },
      'user:1',
    );
    await recordAttitude(
      ctx,
      { customerId: ids.b, score: 4, choosingDays: 10, competitors: 3 },
      'user:1',
    );
    await recordAttitude(ctx, { customerId: ids.c, score: 2 }, 'user:1');
    k.t.clock.set('2024-06-01T00:00:00Z');
  });
  afterEach(() => k.t.destroy());

  test('the loyalty measures of the range, each with its basis and source', async () => {
    const { blocks } = await k.t.core.console.render(
      k.teamId,
      'loyalty',
      'loyalty-report',
      input('manager', 'en'),
    );
    expect(blocks.map((block) => block.kind)).toEqual([
      'rule',
      'filters',
      'stats',
      'chart',
      'table',
      'table',
    ]);
    expect((blocks[0] as { text: string }).text).toContain('buying again and again');
    expect((blocks[2] as StatsBlock).items).toEqual([
      { label: 'Buyers', value: 3 },
      { label: 'Bought more than once', value: '66.7%' },
      { label: 'Orders at a discount', value: '14.3%' },
      { label: 'Attitude surveys', value: 3 },
    ]);
    expect(blocks[3]).toMatchObject({
      chart: 'bar',
      labels: ['1 order', '2 orders', '3–5 orders', '6 or more'],
      series: [{ values: [1, 0, 2, 0] }],
    });
    expect((blocks[4] as TableBlock).rows).toEqual([
      {
        label: 'Repeat purchases per buyer',
        value: '1.33',
        basis: '3 buyers',
        source: 'Orders',
      },
      {
        label: 'Buyers who bought more than once',
        value: '66.7%',
        basis: '3 buyers',
        source: 'Orders',
      },
      {
        label: 'Time spent choosing',
        value: '6 days',
        basis: '2 answers',
        source: 'Attitude surveys',
      },
      {
        label: 'Attitude to competitors (5: not interested)',
        value: '4 / 5',
        basis: '2 answers',
        source: 'Attitude surveys',
      },
      {
        label: 'Tolerance of quality problems (5: stays through them)',
        value: '4 / 5',
        basis: '1 answer',
        source: 'Attitude surveys',
      },
      {
        label: 'Price sensitivity: orders at a discount',
        value: '14.3%',
        basis: '7 orders',
        source: 'Discount flags on orders',
      },
      { label: 'Spend per buyer', value: 'CN¥233.33', basis: '3 buyers', source: 'Orders' },
    ]);
    expect(
      (blocks[5] as TableBlock).rows.map((row) => [row.label, row.customers, row.share]),
    ).toEqual([
      ['Loyal', 1, '33.3%'],
      ['Latent loyalty', 1, '33.3%'],
      ['Spurious loyalty', 1, '33.3%'],
      ['Not loyal', 0, '0%'],
    ]);
  });

  test('in Chinese, for another range; reps refused; a bad day names its field', async () => {
    const { blocks } = await k.t.core.console.render(
      k.teamId,
      'loyalty',
      'loyalty-report',
      input('admin', 'zh-CN', { from: '2024-04-01', to: '2024-04-30' }),
    );
    expect((blocks[0] as { text: string }).text).toContain('虚伪忠诚');
    const rows = (blocks[4] as TableBlock).rows;
    expect(rows[2]).toEqual({
      label: '挑选时间',
      value: '30 天',
      basis: '1 份回答',
      source: '态度调查',
    });
    expect(rows[6]).toMatchObject({ label: '人均购买金额', value: '¥100.00' });
    await expect(
      k.t.core.console.render(k.teamId, 'loyalty', 'loyalty-report', input('rep', 'en')),
    ).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
    await expect(
      k.t.core.console.render(
        k.teamId,
        'loyalty',
        'loyalty-report',
        input('manager', 'en', { from: '2024-05-01', to: '2024-13-01' }),
      ),
    ).rejects.toMatchObject({ code: 'GX_ERR_VALIDATION', issues: [{ path: 'to' }] });
  });

  test('an attitude survey’s extra questions are checked field by field', async () => {
    const ctx = await k.ctx();
    for (const [field, value] of [
      ['choosingDays', -1],
      ['competitors', 6],
      ['qualityTolerance', 2.5],
    ] as const) {
      await expect(
        recordAttitude(ctx, { customerId: ids.a, score: 3, [field]: value }, 'user:1'),
      ).rejects.toMatchObject({ code: 'GX_ERR_VALIDATION', issues: [{ path: field }] });
    }
  });

  test('the measures other plugins read', async () => {
    const measures = loyaltyMeasures(await k.ctx());
    expect(await measures.attitudes(MAY_INSTANTS)).toEqual({
      answered: 3,
      choosingDays: { answered: 2, mean: 6 },
      competitors: { answered: 2, mean: 4 },
      qualityTolerance: { answered: 1, mean: 4 },
    });
    expect(await measures.discountedOrders(MAY_INSTANTS)).toBe(1);
    expect(Object.fromEntries(await measures.loyal(Object.values(ids)))).toEqual({
      [ids.a]: true,
      [ids.b]: false,
      [ids.c]: true,
      [ids.d]: false,
    });
  });
});
