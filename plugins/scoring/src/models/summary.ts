import { addDays, dayOf, normaliseTime } from '@guanxi/core';
import { invalid } from './validate';

/**
 * One purchase: who, when (`YYYY-MM-DD` or an ISO date-time; without an offset, a wall-clock
 * time of the summary's time zone) and how much.
 */
export interface Purchase {
  customer: string;
  at: string;
  amount: number;
}

/** A time unit of the models: every duration is a number of these. */
export type TimeUnit = 'week' | 'day';

/** Frequency, recency and age: what BG/NBD and Pareto/NBD need of a customer. */
export type RFT = { frequency: number; recency: number; T: number };

/** A customer's purchase history as the customer-base models read it. */
export interface CustomerSummary {
  customer: string;
  /** Repeat purchase days after the first purchase day (x). */
  frequency: number;
  /** Time from the first to the last purchase day (t_x), in units. */
  recency: number;
  /** Time from the first purchase day to the end of the period, in units. */
  T: number;
  /** Mean spend of the repeat purchase days; 0 when frequency is 0. */
  monetaryValue: number;
  /** The first purchase day, `YYYY-MM-DD`. */
  firstPurchase: string;
}

export interface SummariseOptions {
  /** The last day of the period, `YYYY-MM-DD`, inclusive. */
  until: string;
  unit: TimeUnit;
  /** The IANA zone whose days purchases fall on; UTC when not given. */
  timeZone?: string;
}

const DAY_MS = 86_400_000;
const DAYS_PER_UNIT: Record<TimeUnit, number> = { week: 7, day: 1 };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface History {
  days: number[];
  amounts: number[];
}

/**
 * Summarises purchases per customer with the conventions of the literature: purchases on the same
 * day (of `timeZone`) count once (their amounts add up to that day's spend), and purchases after `until` are
 * ignored, as are customers with none before it. Customers come out in the order in which their
 * first counted purchase appears in the input.
 */
export function summarise(
  purchases: Iterable<Purchase>,
  options: SummariseOptions,
): CustomerSummary[] {
  const unitDays = DAYS_PER_UNIT[options.unit];
  if (unitDays === undefined) invalid('unit', "must be 'week' or 'day'");
  if (typeof options.until !== 'string' || !DATE.test(options.until)) {
    invalid('until', 'must be a date such as 2024-05-01');
  }
  const until = dayNumber(options.until);
  if (until === undefined) invalid('until', 'must be a date such as 2024-05-01');

  const days = new Map<string, number>();
  const histories = new Map<string, History>();
  let index = 0;
  for (const purchase of purchases) {
    const path = `purchases.${index}`;
    index++;
    if (typeof purchase.customer !== 'string' || purchase.customer === '') {
      invalid(`${path}.customer`, 'must be a non-empty string');
    }
    const amount = purchase.amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      invalid(`${path}.amount`, 'must be a finite number of at least 0');
    }
    let day = days.get(purchase.at);
    if (day === undefined) {
      day =
        purchaseDay(purchase.at, options.timeZone ?? 'UTC') ??
        invalid(`${path}.at`, 'must be an ISO-8601 date or time');
      days.set(purchase.at, day);
    }
    if (day > until) continue;
    const history = histories.get(purchase.customer);
    if (history === undefined) {
      histories.set(purchase.customer, { days: [day], amounts: [amount] });
    } else {
      history.days.push(day);
      history.amounts.push(amount);
    }
  }

  const summaries: CustomerSummary[] = [];
  for (const [customer, history] of histories) {
    summaries.push(summariseOne(customer, history, until, unitDays));
  }
  return summaries;
}

function summariseOne(
  customer: string,
  history: History,
  until: number,
  unitDays: number,
): CustomerSummary {
  const { days, amounts } = inDayOrder(history);
  const first = days[0] as number;
  let last = first;
  let repeatDays = 0;
  let repeatSpend = 0;
  for (let i = 1; i < days.length; i++) {
    const day = days[i] as number;
    const amount = amounts[i] as number;
    if (day !== last) {
      repeatDays++;
      last = day;
    }
    if (day !== first) repeatSpend += amount;
  }
  return {
    customer,
    frequency: repeatDays,
    recency: (last - first) / unitDays,
    T: (until - first) / unitDays,
    monetaryValue: repeatDays === 0 ? 0 : repeatSpend / repeatDays,
    firstPurchase: addDays('1970-01-01', first),
  };
}

/** Purchase logs are usually in time order already; sort only when they are not. */
function inDayOrder(history: History): History {
  const { days, amounts } = history;
  let sorted = true;
  for (let i = 1; i < days.length && sorted; i++) {
    sorted = (days[i - 1] as number) <= (days[i] as number);
  }
  if (sorted) return history;
  const order = days.map((_, i) => i).sort((i, j) => (days[i] as number) - (days[j] as number));
  return {
    days: order.map((i) => days[i] as number),
    amounts: order.map((i) => amounts[i] as number),
  };
}

/** Time from one `YYYY-MM-DD` day to another, in units. */
export function unitsBetween(from: string, to: string, unit: TimeUnit): number {
  const [start, end] = [dayNumber(from), dayNumber(to)];
  if (start === undefined) invalid('from', 'must be a date, YYYY-MM-DD');
  if (end === undefined) invalid('to', 'must be a date, YYYY-MM-DD');
  return (end - start) / DAYS_PER_UNIT[unit];
}

/**
 * The day of `timeZone` (UTC when not given) a purchase time falls on, `YYYY-MM-DD`, or
 * undefined if `at` is not a time.
 */
export function purchaseDayOf(at: string, timeZone = 'UTC'): string | undefined {
  const day = purchaseDay(at, timeZone);
  return day === undefined ? undefined : addDays('1970-01-01', day);
}

/** Days since 1970-01-01 of the day of `zone` `at` falls on, or undefined if `at` is not a time. */
function purchaseDay(at: unknown, zone: string): number | undefined {
  if (typeof at !== 'string') return undefined;
  if (DATE.test(at)) return dayNumber(at);
  const time = normaliseTime(at, zone);
  return time === undefined ? undefined : dayNumber(dayOf(time, zone));
}

function dayNumber(date: string): number | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / DAY_MS;
}
