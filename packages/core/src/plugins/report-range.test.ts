import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore, testDialects } from '../testing';
import {
  bucketOf,
  percentText,
  percentValue,
  rangeBuckets,
  rangeFields,
  rangeOfDays,
  reportRange,
  shareOf,
} from './report-range';

const NOW = new Date('2025-06-01T08:00:00Z');

test('without days, a report reads the twelve months to today in the team’s zone', () => {
  expect(reportRange({}, 'Asia/Shanghai', NOW)).toEqual({
    fromDay: '2024-07-01',
    toDay: '2025-06-01',
    from: '2024-06-30T16:00:00.000Z',
    to: '2025-06-01T16:00:00.000Z',
  });
  // 08:00 UTC on 1 June is still 31 May in Honolulu.
  expect(reportRange({ from: '' }, 'Pacific/Honolulu', NOW)).toMatchObject({
    fromDay: '2024-06-01',
    toDay: '2025-05-31',
  });
});

test('the days asked for are both included', () => {
  expect(reportRange({ from: '2025-01-01', to: '2025-01-31' }, 'Asia/Shanghai', NOW)).toEqual(
    rangeOfDays('2025-01-01', '2025-01-31', 'Asia/Shanghai'),
  );
  expect(rangeOfDays('2025-01-01', '2025-01-31', 'Asia/Shanghai')).toMatchObject({
    from: '2024-12-31T16:00:00.000Z',
    to: '2025-01-31T16:00:00.000Z',
  });
});

test.each([
  [{ from: '2025-02-30' }, 'from', 'must be a date, YYYY-MM-DD'],
  [{ to: 'yesterday' }, 'to', 'must be a date, YYYY-MM-DD'],
  [{ from: '2025-03-01', to: '2025-02-01' }, 'to', 'must not be before the start of the range'],
  [{ from: '2001-01-01', to: '2025-01-01' }, 'from', 'a range is at most ten years'],
])('a bad range %j is refused naming %s', (query, path, message) => {
  expect(() => reportRange(query, 'UTC', NOW)).toThrowError(
    expect.objectContaining({ code: 'GX_ERR_VALIDATION', issues: [{ path, message }] }),
  );
});

test('a chart over time counts the range’s months, clipped to it, or its years past two', () => {
  const range = rangeOfDays('2025-01-15', '2025-03-10', 'Asia/Shanghai');
  expect(rangeBuckets(range, 'Asia/Shanghai')).toEqual([
    { label: '2025-01', from: '2025-01-14T16:00:00.000Z', to: '2025-01-31T16:00:00.000Z' },
    { label: '2025-02', from: '2025-01-31T16:00:00.000Z', to: '2025-02-28T16:00:00.000Z' },
    { label: '2025-03', from: '2025-02-28T16:00:00.000Z', to: '2025-03-10T16:00:00.000Z' },
  ]);
  const long = rangeBuckets(rangeOfDays('2021-06-01', '2024-02-01', 'UTC'), 'UTC');
  expect(long.map((bucket) => bucket.label)).toEqual(['2021', '2022', '2023', '2024']);
  expect(long[0]?.from).toBe('2021-06-01T00:00:00.000Z');
  expect(long[3]?.to).toBe('2024-02-02T00:00:00.000Z');
  expect(rangeBuckets(rangeOfDays('2025-01-01', '2026-12-31', 'UTC'), 'UTC')).toHaveLength(24);
});

test('a range’s fields, in both languages; shares as percentages', () => {
  const range = rangeOfDays('2025-01-01', '2025-01-31', 'UTC');
  expect(rangeFields(range, 'zh-CN')).toEqual([
    { type: 'date', name: 'from', label: '起始日期', value: '2025-01-01', required: true },
    { type: 'date', name: 'to', label: '截止日期', value: '2025-01-31', required: true },
  ]);
  expect(rangeFields(range, 'en').map((field) => ('label' in field ? field.label : ''))).toEqual([
    'From',
    'To',
  ]);
  expect(percentText(shareOf(1, 8))).toBe('12.5%');
  expect(percentText(shareOf(2, 3))).toBe('66.7%');
  expect(percentText(shareOf(1, 0))).toBe('—');
  expect(percentValue(shareOf(2, 3))).toBe(66.7);
  expect(percentValue(null)).toBe(0);
});

describe.each(testDialects())('bucketOf on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  test('groups times by their bucket in one query', async () => {
    t = await createTestCore({ dialect });
    const range = rangeOfDays('2025-01-01', '2025-03-31', 'UTC');
    const buckets = rangeBuckets(range, 'UTC');
    const times = ['2025-01-01T00:00:00.000Z', '2025-01-31T23:59:59.000Z', '2025-03-31T12:00:00Z'];
    const values = sql.join(
      times.map((time) => sql`select ${time} as at`),
      sql` union all `,
    );
    const rows = await sql<{ bucket: number; n: number }>`
      select ${bucketOf(sql.ref('at'), buckets)} as bucket, count(*) as n
      from (${values}) as v group by bucket order by bucket`.execute(t.core.db);
    expect(rows.rows.map((row) => [Number(row.bucket), Number(row.n)])).toEqual([
      [0, 2],
      [2, 1],
    ]);
    const one = rangeBuckets(rangeOfDays('2025-01-01', '2025-01-31', 'UTC'), 'UTC');
    const single = await sql<{ bucket: number }>`
      select ${bucketOf(sql.ref('at'), one)} as bucket from (${values}) as v`.execute(t.core.db);
    expect(single.rows.map((row) => Number(row.bucket))).toEqual([0, 0, 0]);
  });
});
