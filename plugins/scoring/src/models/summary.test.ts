import { describe, expect, it } from 'vitest';
import {
  CDNOW_CALIBRATION_END,
  readCdnowSample,
  readCdnowSummary,
  readCdnowSummaryWithSpend,
} from './cdnow.test-support';
import { type Purchase, summarise, unitsBetween } from './summary';
import { fieldOf } from './validation.test-support';

const purchases: Purchase[] = [
  { customer: 'a', at: '2024-01-01', amount: 10 },
  { customer: 'b', at: '2024-01-03', amount: 5 },
  { customer: 'a', at: '2024-01-01T23:59:00Z', amount: 5 },
  { customer: 'a', at: '2024-01-14', amount: 10 },
  { customer: 'a', at: '2024-01-08', amount: 20 },
  // 02:00 at +08:00 is 18:00 on 14 January in UTC: the same purchase day as the row above.
  { customer: 'a', at: '2024-01-15T02:00:00+08:00', amount: 30 },
  { customer: 'a', at: '2024-02-01', amount: 99 },
  { customer: 'c', at: '2024-02-01', amount: 1 },
];

describe('summarise', () => {
  it('counts purchase days, ignores what comes after `until`, and averages repeat-day spend', () => {
    const [a, b, ...rest] = summarise(purchases, { until: '2024-01-21', unit: 'week' });
    expect(rest).toEqual([]);
    // a bought on 1, 8 and 14 January (15, 20 and 40 spent those days); 1 February is too late.
    expect(a).toEqual({
      customer: 'a',
      frequency: 2,
      recency: 13 / 7,
      T: 20 / 7,
      monetaryValue: 30,
      firstPurchase: '2024-01-01',
    });
    expect(b).toEqual({
      customer: 'b',
      frequency: 0,
      recency: 0,
      T: 18 / 7,
      monetaryValue: 0,
      firstPurchase: '2024-01-03',
    });
  });

  it('measures in days when asked, and counts `until` itself', () => {
    const [a, b] = summarise(purchases, { until: '2024-01-14', unit: 'day' });
    expect(a).toMatchObject({ frequency: 2, recency: 13, T: 13, monetaryValue: 30 });
    expect(b).toMatchObject({ frequency: 0, recency: 0, T: 11 });
  });

  it('reads times on the days of the time zone it is given', () => {
    const late: Purchase[] = [
      { customer: 'a', at: '2024-01-01T15:30:00Z', amount: 1 },
      // 00:30 on 2 January in Shanghai, 16:30 on 1 January in UTC.
      { customer: 'a', at: '2024-01-01T16:30:00Z', amount: 2 },
      // No offset: 00:30 of the zone's clock.
      { customer: 'a', at: '2024-01-03T00:30', amount: 4 },
    ];
    const week = { until: '2024-01-31', unit: 'day' } as const;
    expect(summarise(late, week)[0]).toMatchObject({ frequency: 1, monetaryValue: 4 });
    expect(summarise(late, { ...week, timeZone: 'Asia/Shanghai' })[0]).toMatchObject({
      frequency: 2,
      monetaryValue: 3,
      firstPurchase: '2024-01-01',
    });
    expect(summarise(late, { ...week, until: '2024-01-01', timeZone: 'Asia/Shanghai' })).toEqual([
      expect.objectContaining({ frequency: 0, T: 0 }),
    ]);
  });

  it('lists customers in the order of their first counted purchase', () => {
    const order = summarise(
      [
        { customer: 'late', at: '2024-03-01', amount: 1 },
        { customer: 'z', at: '2024-01-05', amount: 1 },
        { customer: 'late', at: '2024-01-09', amount: 1 },
        { customer: 'm', at: '2024-01-02', amount: 1 },
      ],
      { until: '2024-01-31', unit: 'week' },
    ).map((s) => s.customer);
    expect(order).toEqual(['z', 'late', 'm']);
  });

  it('names the field of bad input', () => {
    const week = { until: '2024-01-21', unit: 'week' } as const;
    const ok = { customer: 'a', at: '2024-01-01', amount: 1 };
    expect(fieldOf(() => summarise([ok, { ...ok, at: 'yesterday' }], week))).toBe('purchases.1.at');
    expect(fieldOf(() => summarise([ok, { ...ok, at: '2024-02-30' }], week))).toBe(
      'purchases.1.at',
    );
    expect(fieldOf(() => summarise([{ ...ok, amount: -1 }], week))).toBe('purchases.0.amount');
    expect(fieldOf(() => summarise([{ ...ok, amount: Number.NaN }], week))).toBe(
      'purchases.0.amount',
    );
    expect(fieldOf(() => summarise([{ ...ok, customer: '' }], week))).toBe('purchases.0.customer');
    expect(fieldOf(() => summarise([ok], { until: '2023-02-29', unit: 'week' }))).toBe('until');
    expect(fieldOf(() => summarise([ok], { until: '2024-01-21T00:00Z', unit: 'week' }))).toBe(
      'until',
    );
    expect(
      fieldOf(() => summarise([ok], { until: '2024-01-21', unit: 'month' as unknown as 'week' })),
    ).toBe('unit');
  });
});

describe('summarise on CDNOW', () => {
  const summaries = summarise(readCdnowSample(), { until: CDNOW_CALIBRATION_END, unit: 'week' });
  // The published files round t_x, T and zbar to two decimals, so they may differ by half a cent.
  const rounding = 0.005 + 1e-9;

  it('reproduces cdnow_customers_summary.csv for all 2,357 customers', () => {
    const published = readCdnowSummary();
    expect(summaries).toHaveLength(2357);
    expect(published.size).toBe(2357);
    for (const s of summaries) {
      const row = published.get(s.customer);
      expect(row, `customer ${s.customer}`).toBeDefined();
      expect(s.frequency, `frequency of ${s.customer}`).toBe(row?.frequency);
      expect(Math.abs(s.recency - (row?.recency ?? Number.NaN))).toBeLessThanOrEqual(rounding);
      expect(Math.abs(s.T - (row?.T ?? Number.NaN))).toBeLessThanOrEqual(rounding);
    }
  });

  it('reproduces zbar, the mean repeat spend, of cdnow_customers_summary_with_transactions.csv', () => {
    const published = readCdnowSummaryWithSpend();
    expect(published.size).toBe(2357);
    for (const s of summaries) {
      const row = published.get(s.customer);
      expect(s.frequency, `x of ${s.customer}`).toBe(row?.frequency);
      expect(Math.abs(s.monetaryValue - (row?.zbar ?? Number.NaN))).toBeLessThanOrEqual(rounding);
    }
  });
});

it('unitsBetween counts whole days in the unit asked for', () => {
  expect(unitsBetween('1997-09-30', '1998-06-30', 'week')).toBe(39);
  expect(unitsBetween('2024-02-28', '2024-03-01', 'day')).toBe(2);
  expect(() => unitsBetween('2024-02-30', '2024-03-01', 'day')).toThrow(
    expect.objectContaining({ issues: [{ path: 'from', message: 'must be a date, YYYY-MM-DD' }] }),
  );
});
