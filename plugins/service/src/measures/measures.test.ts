import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from '../test-kit';
import type { CustomerMeasures, TeamMeasures } from './measures';

describe.each(testDialects())('surveys and measures on %s', (dialect) => {
  let k: Kit;
  beforeEach(async () => {
    k = await openKit(dialect);
  });
  afterEach(() => k.t.destroy());

  const survey = async (body: Record<string, unknown>) =>
    (await k.call('POST', '/surveys', body)).json();
  const measures = async (query = '') =>
    (await (await k.call('GET', `/measures${query}`)).json()) as TeamMeasures & CustomerMeasures;

  test('the team’s CSAT, NPS, complaint and return rates come from known data', async () => {
    const [ada, bo, cy, di] = [
      await k.customer('Ada', 1000),
      await k.customer('Bo', 1000),
      await k.customer('Cy', 1000),
      await k.customer('Di'),
    ];
    await k.t.core.orders.record(k.teamId, [
      { customerId: ada ?? 0, amount: 500, placedAt: '2024-05-20' },
    ]);
    for (const [customerId, score] of [
      [ada, 5],
      [bo, 4],
      [cy, 2],
    ]) {
      await survey({ customerId, kind: 'csat', score });
    }
    for (const [customerId, score] of [
      [ada, 10],
      [bo, 9],
      [cy, 7],
      [di, 3],
    ]) {
      await survey({ customerId, kind: 'nps', score });
    }
    await k.open({ customerId: ada, cause: 'other', summary: 'Slow reply' });
    const closing = await k.open({ customerId: bo, cause: 'deception', summary: 'Bait price' });
    await k.step(closing.id, { to: 'recorded', valid: false, note: 'price was right' });

    expect(await measures()).toEqual({
      csat: { responses: 3, average: 3.67 },
      nps: { responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
      complaints: { total: 2, open: 1 },
      buyers: 3,
      returningBuyers: 1,
      complaintRate: 66.67,
      returnRate: 0.3333,
      relationshipQuality: {
        trust: null,
        satisfaction: null,
        commitment: null,
        friendship: null,
        basis: 0,
      },
    });
    expect(await measures(`?customerId=${ada}`)).toMatchObject({
      customerId: ada,
      csat: { responses: 1, average: 5 },
      nps: { responses: 1, promoters: 1, score: 100 },
      complaints: { total: 1, open: 1 },
      orders: 2,
      returning: true,
    });
  });

  test('with no buyers the rates are null, not a division by zero', async () => {
    expect(await measures()).toMatchObject({ buyers: 0, complaintRate: null, returnRate: null });
  });

  test('relationship gauges average each customer’s latest N surveys', async () => {
    await k.t.core.plugins.configure(k.teamId, 'service', { relationshipSurveys: 2 }, 'admin');
    const ada = await k.customer('Ada');
    const bo = await k.customer('Bo');
    const answers: [number, string, Record<string, number>][] = [
      [ada, '2024-01-01', { trust: 1, satisfaction: 1, commitment: 1, friendship: 1 }],
      [ada, '2024-03-01', { trust: 4, satisfaction: 5 }],
      [ada, '2024-02-01', { trust: 2, commitment: 3 }],
      [bo, '2024-04-01', { trust: 5, friendship: 4 }],
    ];
    for (const [customerId, answeredAt, items] of answers) {
      await survey({ customerId, kind: 'csat', score: 4, items, answeredAt });
    }
    await survey({ customerId: ada, kind: 'nps', score: 9 });
    expect((await measures(`?customerId=${ada}`)).relationshipQuality).toEqual({
      trust: 3,
      satisfaction: 5,
      commitment: 3,
      friendship: null,
      basis: 2,
    });
    expect((await measures()).relationshipQuality).toEqual({
      trust: 4,
      satisfaction: 5,
      commitment: 3,
      friendship: 4,
      basis: 2,
    });
  });

  test('surveys are validated field by field and a refused one stores nothing', async () => {
    const ada = await k.customer('Ada');
    const refused = (body: Record<string, unknown>, path: string) =>
      expect(k.call('POST', '/surveys', body)).rejects.toMatchObject({
        code: 'GX_ERR_VALIDATION',
        issues: [expect.objectContaining({ path })],
      });
    await refused({ customerId: ada, kind: 'csat', score: 0 }, 'score');
    await refused({ customerId: ada, kind: 'csat', score: 6 }, 'score');
    await refused({ customerId: ada, kind: 'nps', score: 11 }, 'score');
    await refused({ customerId: ada, kind: 'nps', score: 7.5 }, 'score');
    await refused({ customerId: ada, kind: 'ces', score: 3 }, 'kind');
    await refused({ customerId: ada, kind: 'nps', score: 8, items: { trust: 6 } }, 'items.trust');
    await refused({ customerId: ada, kind: 'nps', score: 8, items: { love: 3 } }, 'items.love');
    await refused({ customerId: ada, kind: 'csat', score: 4, byName: 'yes' }, 'byName');
    await refused({ customerId: ada, kind: 'csat', score: 4, needsMet: 101 }, 'needsMet');
    await refused({ customerId: ada, kind: 'csat', score: 4, walletShare: 33.3 }, 'walletShare');
    await refused(
      { customerId: ada, kind: 'nps', score: 8, answeredAt: '2024-02-30' },
      'answeredAt',
    );
    await refused(
      { customerId: ada, kind: 'nps', score: 8, answeredAt: '2024-07-01' },
      'answeredAt',
    );
    expect(await survey({ customerId: ada, kind: 'nps', score: 0 })).toMatchObject({
      customerId: ada,
      kind: 'nps',
      score: 0,
      recordedBy: 'user:7',
    });
    expect((await measures()).nps.responses).toBe(1);
    expect((await measures()).csat.responses).toBe(0);
  });
});
