import { type Expression, sql } from 'kysely';
import { validationError } from '../errors';
import { addDays, dayOf, daysFromDayTo, startOfDay } from '../local-days';
import { isCalendarDay } from '../time';
import type { Field } from './console';
import type { Locale } from './define-plugin';

/**
 * The date range of a report: days of the team's time zone, both included, and the instants
 * they cover, as every report of the console reads them from its `from` and `to` query.
 */
export interface ReportRange {
  readonly fromDay: string;
  readonly toDay: string;
  /** The instant `fromDay` begins: a time at or after it is in the range. */
  readonly from: string;
  /** The instant the day after `toDay` begins: a time before it is in the range. */
  readonly to: string;
}

/** One bar or point of a chart over time: a month (or a year) of the range, clipped to it. */
export interface ReportBucket {
  /** `2025-03`, or `2025` when the range is longer than two years. */
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** The longest range a report reads: ten years of days. */
const MAX_DAYS = 3660;
/** Beyond this many months a chart over time counts years instead. */
const MAX_MONTHS = 24;

const RANGE_LABELS = {
  en: { from: 'From', to: 'To' },
  'zh-CN': { from: '起始日期', to: '截止日期' },
} as const;

/** The range `fromDay` to `toDay` of `zone`, both days included. */
export function rangeOfDays(fromDay: string, toDay: string, zone: string): ReportRange {
  return {
    fromDay,
    toDay,
    from: startOfDay(fromDay, zone),
    to: startOfDay(addDays(toDay, 1), zone),
  };
}

/**
 * A report's range from its query: `from` and `to` as `YYYY-MM-DD` days of the team's zone.
 * Without them, the twelve months to today: from the first of the month eleven months back
 * to today. A day that is not a date, an end before the start or a span of more than ten
 * years is GX_ERR_VALIDATION naming the field.
 */
export function reportRange(
  query: Readonly<Record<string, string>>,
  zone: string,
  now: Date,
): ReportRange {
  const today = dayOf(now, zone);
  const issues: { path: string; message: string }[] = [];
  const day = (name: 'from' | 'to', fallback: string) => {
    const value = query[name]?.trim();
    if (value === undefined || value === '') return fallback;
    if (isCalendarDay(value)) return value;
    issues.push({ path: name, message: 'must be a date, YYYY-MM-DD' });
    return fallback;
  };
  const toDay = day('to', today);
  const fromDay = day('from', firstOfMonthBefore(toDay, 11));
  if (issues.length === 0 && fromDay > toDay) {
    issues.push({ path: 'to', message: 'must not be before the start of the range' });
  }
  if (issues.length === 0 && daysFromDayTo(fromDay, toDay) >= MAX_DAYS) {
    issues.push({ path: 'from', message: 'a range is at most ten years' });
  }
  if (issues.length > 0) throw validationError(issues);
  return rangeOfDays(fromDay, toDay, zone);
}

/** The first day of the month `months` before `day`'s month. */
function firstOfMonthBefore(day: string, months: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 - months;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** The first day of the month (or year) after the one `day` is in. */
function nextStart(day: string, unit: 'month' | 'year'): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  const next = unit === 'month' ? Date.UTC(year, month + 1, 1) : Date.UTC(year + 1, 0, 1);
  return new Date(next).toISOString().slice(0, 10);
}

/**
 * The months of the range in order (the first and last clipped to it), or its years when it
 * spans more than two years: the labels of a chart over time.
 */
export function rangeBuckets(range: ReportRange, zone: string): ReportBucket[] {
  const months =
    (Number(range.toDay.slice(0, 4)) - Number(range.fromDay.slice(0, 4))) * 12 +
    Number(range.toDay.slice(5, 7)) -
    Number(range.fromDay.slice(5, 7)) +
    1;
  const unit = months > MAX_MONTHS ? 'year' : 'month';
  const buckets: ReportBucket[] = [];
  let day = range.fromDay;
  while (day <= range.toDay) {
    const next = nextStart(day, unit);
    buckets.push({
      label: unit === 'month' ? day.slice(0, 7) : day.slice(0, 4),
      from: startOfDay(day, zone),
      to: next > range.toDay ? range.to : startOfDay(next, zone),
    });
    day = next;
  }
  return buckets;
}

/**
 * The index of the bucket a time column falls in, for `group by` in one query: the
 * column must already be held to the range the buckets cover.
 */
export function bucketOf(column: Expression<string>, buckets: readonly ReportBucket[]) {
  if (buckets.length <= 1) return sql<number>`0`;
  const cases = buckets
    .slice(0, -1)
    .map((bucket, index) => sql`when ${column} < ${bucket.to} then ${sql.lit(index)}`);
  return sql<number>`case ${sql.join(cases, sql` `)} else ${sql.lit(buckets.length - 1)} end`;
}

/** The filter fields of a report's range, in the reader's language, holding its days. */
export function rangeFields(range: ReportRange, locale: Locale): Field[] {
  const labels = RANGE_LABELS[locale];
  return [
    { type: 'date', name: 'from', label: labels.from, value: range.fromDay, required: true },
    { type: 'date', name: 'to', label: labels.to, value: range.toDay, required: true },
  ];
}

/** A share (0–1) as a percentage to one decimal (`12.5%`), or `—` without a basis. */
export function percentText(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10}%`;
}

/** A share (0–1) as a chart draws it: a percentage to one decimal, 0 without a basis. */
export function percentValue(share: number | null): number {
  return share === null ? 0 : Math.round(share * 1000) / 10;
}

/** A ratio of counts, null when the whole is zero. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
