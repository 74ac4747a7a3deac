import { addDays } from '@guanxi/core';
import { auc } from './auc';
import {
  expectedPurchases,
  fitModel,
  MODEL_NAMES,
  type ModelName,
  type ModelParams,
  pAlive,
} from './models';
import {
  type CustomerSummary,
  type Purchase,
  purchaseDayOf,
  summarise,
  type TimeUnit,
  unitsBetween,
} from './summary';
import { invalid } from './validate';

/**
 * Backtests in the manner of Fader, Hardie & Lee (2005): fit on a calibration period, forecast
 * the holdout after it, and compare with what the calibration customers did in it.
 */

/** A calibration period and the holdout after it; both ends are days (YYYY-MM-DD), inclusive. */
export interface HoldoutWindow {
  /** The last day of the calibration period. */
  readonly until: string;
  /** The last day of the holdout. */
  readonly holdoutEnd: string;
  readonly unit: TimeUnit;
}

/** The calibration customers, and the purchase days each made in the holdout. */
export interface HoldoutSplit {
  readonly summaries: CustomerSummary[];
  /** Purchase days in the holdout by customer, in day order; customers without any are absent. */
  readonly holdout: Map<string, string[]>;
  /** How many calibration customers there were, when these are a sample of them. */
  readonly sampledFrom?: number;
}

/** One week of the holdout: repeat purchases forecast and made in (from − 1 day, to]. */
export interface HoldoutWeek {
  readonly week: number;
  readonly from: string;
  readonly to: string;
  readonly forecast: number;
  readonly actual: number;
}

/** Customers of one calibration frequency (`7+` for seven or more) and their holdout purchases. */
export interface FrequencyRow {
  readonly frequency: string;
  readonly customers: number;
  /** Mean purchases in the holdout; null without customers. */
  readonly actualMean: number | null;
  readonly expectedMean: number | null;
}

/** How one model, fitted on the calibration period, did over the holdout. */
export interface ModelBacktest {
  readonly model: ModelName;
  readonly params: ModelParams;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly forecastRepeatPurchases: number;
  readonly actualRepeatPurchases: number;
  /** (forecast − actual) / actual; null when nobody bought in the holdout. */
  readonly forecastError: number | null;
  /** Mean over customers of |expected − actual| holdout purchases: the holdout error. */
  readonly meanAbsoluteError: number;
  /** How well P(alive) ranks who bought again; null when all or none did. */
  readonly aucPAlive: number | null;
  /** How well expected purchases rank who bought again; null when all or none did. */
  readonly aucExpectedPurchases: number | null;
  readonly weeks: readonly HoldoutWeek[];
  readonly byFrequency: readonly FrequencyRow[];
}

/** Every model's backtest over one window, and the one with the lowest holdout error. */
export interface Backtest extends HoldoutWindow {
  /** The holdout's length in `unit`s. */
  readonly holdoutLength: number;
  readonly customers: number;
  /** How many calibration customers `customers` were sampled from; null when all were used. */
  readonly sampledFrom: number | null;
  readonly repeatBuyers: number;
  /** Calibration customers who bought in the holdout. */
  readonly boughtAgain: number;
  readonly models: readonly ModelBacktest[];
  /** Models that could not be fitted, with the reason. */
  readonly failed: readonly { readonly model: ModelName; readonly error: string }[];
  /** The model with the lowest mean absolute error; null when none could be fitted. */
  readonly best: ModelName | null;
}

const DAYS_PER_WEEK = 7;
/** Histories shorter than this many days are not split: each side would be under two weeks. */
export const MIN_SPLIT_DAYS = 28;
/** The longest holdout the automatic split takes, in days. */
export const MAX_HOLDOUT_DAYS = 364;
/** The automatic choice backtests on at most this many calibration customers. */
export const MAX_CHOICE_CUSTOMERS = 25_000;
/** Calibration frequencies from this one up share the table's last row. */
const FREQUENCY_CAP = 7;

/**
 * The window an automatic choice backtests on: the holdout is the later half of the history from
 * `first` to `last` purchase day, at most 52 weeks, and ends at `last`. Null when the history is
 * under four weeks long.
 */
export function autoWindow(first: string, last: string, unit: TimeUnit): HoldoutWindow | null {
  const span = unitsBetween(first, last, 'day');
  if (span < MIN_SPLIT_DAYS) return null;
  const holdout = Math.min(Math.floor(span / 2), MAX_HOLDOUT_DAYS);
  return { until: addDays(last, -holdout), holdoutEnd: last, unit };
}

/**
 * The first and last purchase days of a log, days of `timeZone`, up to and including `until`
 * when given.
 */
export function dayRange(
  purchases: readonly Purchase[],
  until?: string,
  timeZone = 'UTC',
): { first: string; last: string } | null {
  let first: string | undefined;
  let last: string | undefined;
  for (let i = 0; i < purchases.length; i++) {
    const day = purchaseDayOf((purchases[i] as Purchase).at, timeZone);
    if (day === undefined) invalid(`purchases.${i}.at`, 'must be an ISO-8601 date or time');
    if (until !== undefined && day > until) continue;
    if (first === undefined || day < first) first = day;
    if (last === undefined || day > last) last = day;
  }
  return first === undefined || last === undefined ? null : { first, last };
}

/** Checks that the holdout ends after the calibration period does. */
export function checkWindow(window: HoldoutWindow): void {
  if (!(window.holdoutEnd > window.until)) {
    invalid('holdoutEnd', `must be after the calibration end ${window.until}`);
  }
}

/**
 * Splits purchases at the calibration end: summaries as of `until`, and each calibration
 * customer's distinct purchase days in (until, holdoutEnd], days of `timeZone` as `summarise`
 * reads them. Customers whose first purchase is in the holdout are left out of both.
 */
export function splitPurchases(
  purchases: readonly Purchase[],
  window: HoldoutWindow,
  timeZone = 'UTC',
): HoldoutSplit {
  checkWindow(window);
  const summaries = summarise(purchases, { until: window.until, unit: window.unit, timeZone });
  const calibrated = new Set(summaries.map((s) => s.customer));
  const days = new Map<string, Set<string>>();
  for (const purchase of purchases) {
    if (!calibrated.has(purchase.customer)) continue;
    const day = purchaseDayOf(purchase.at, timeZone) as string;
    if (day <= window.until || day > window.holdoutEnd) continue;
    const seen = days.get(purchase.customer);
    if (seen === undefined) days.set(purchase.customer, new Set([day]));
    else seen.add(day);
  }
  const holdout = new Map<string, string[]>();
  for (const [customer, seen] of days) holdout.set(customer, [...seen].sort());
  return { summaries, holdout };
}

/**
 * Every k-th calibration customer, k the smallest step that leaves at most `max`; the split as it
 * is when it is no larger. Pareto/NBD's fit grows with the distinct (x, t_x, T) of a base, so the
 * automatic choice compares models on a sample of a large one.
 */
export function sampleSplit(split: HoldoutSplit, max: number): HoldoutSplit {
  const count = split.summaries.length;
  if (count <= max) return split;
  const step = Math.ceil(count / max);
  const summaries = split.summaries.filter((_, i) => i % step === 0);
  const holdout = new Map<string, string[]>();
  for (const { customer } of summaries) {
    const days = split.holdout.get(customer);
    if (days !== undefined) holdout.set(customer, days);
  }
  return { summaries, holdout, sampledFrom: count };
}

/** Fits `model` on the calibration customers and compares its forecast with the holdout. */
export function backtestModel(
  model: ModelName,
  split: HoldoutSplit,
  window: HoldoutWindow,
): ModelBacktest {
  checkWindow(window);
  const fit = fitModel(model, split.summaries);
  const params: ModelParams = fit.params;
  const weeks = holdoutWeeks(window);
  const horizons = weeks.map((w) => unitsBetween(window.until, w.to, window.unit));
  const forecastByWeek = new Float64Array(weeks.length);
  const actualByWeek = new Float64Array(weeks.length);
  const rows = frequencyRows();
  const alive: number[] = [];
  const expected: number[] = [];
  const boughtAgain: boolean[] = [];
  let absoluteError = 0;
  // Customers with the same (x, t_x, T) have the same forecast: compute it once for them all.
  const paths = new Map<string, Float64Array>();
  const aliveByKey = new Map<string, number>();

  for (const summary of split.summaries) {
    const key = `${summary.frequency}|${summary.recency}|${summary.T}`;
    let path = paths.get(key);
    if (path === undefined) {
      path = Float64Array.from(horizons, (t) => expectedPurchases(model, params, summary, t));
      paths.set(key, path);
      aliveByKey.set(key, pAlive(model, params, summary));
    }
    const days = split.holdout.get(summary.customer) ?? [];
    let previous = 0;
    for (let w = 0; w < weeks.length; w++) {
      const cumulative = path[w] as number;
      forecastByWeek[w] = (forecastByWeek[w] as number) + cumulative - previous;
      previous = cumulative;
    }
    for (const day of days) {
      const index = Math.floor((unitsBetween(window.until, day, 'day') - 1) / DAYS_PER_WEEK);
      actualByWeek[index] = (actualByWeek[index] as number) + 1;
    }
    const total = path[weeks.length - 1] as number;
    absoluteError += Math.abs(total - days.length);
    alive.push(aliveByKey.get(key) as number);
    expected.push(total);
    boughtAgain.push(days.length > 0);
    const row = rows[Math.min(summary.frequency, FREQUENCY_CAP)] as MutableRow;
    row.customers += 1;
    row.actual += days.length;
    row.expected += total;
  }

  const forecast = forecastByWeek.reduce((sum, v) => sum + v, 0);
  const actual = actualByWeek.reduce((sum, v) => sum + v, 0);
  return {
    model,
    params,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    forecastRepeatPurchases: forecast,
    actualRepeatPurchases: actual,
    forecastError: actual === 0 ? null : (forecast - actual) / actual,
    meanAbsoluteError: absoluteError / split.summaries.length,
    aucPAlive: rankingAuc(alive, boughtAgain),
    aucExpectedPurchases: rankingAuc(expected, boughtAgain),
    weeks: weeks.map((w, i) => ({
      ...w,
      forecast: forecastByWeek[i] as number,
      actual: actualByWeek[i] as number,
    })),
    byFrequency: rows.map((row) => ({
      frequency: row.frequency,
      customers: row.customers,
      actualMean: row.customers === 0 ? null : row.actual / row.customers,
      expectedMean: row.customers === 0 ? null : row.expected / row.customers,
    })),
  };
}

/**
 * Backtests each of `models` on the same split; a model that cannot be fitted is listed with the
 * reason and left out of the choice.
 */
export function backtestModels(
  split: HoldoutSplit,
  window: HoldoutWindow,
  models: readonly ModelName[] = MODEL_NAMES,
): Backtest {
  checkWindow(window);
  if (split.summaries.length === 0) invalid('until', 'no customer bought on or before this day');
  const results: ModelBacktest[] = [];
  const failed: { model: ModelName; error: string }[] = [];
  for (const model of models) {
    try {
      results.push(backtestModel(model, split, window));
    } catch (error) {
      failed.push({ model, error: error instanceof Error ? error.message : String(error) });
    }
  }
  let best: ModelBacktest | undefined;
  for (const result of results) {
    if (best === undefined || result.meanAbsoluteError < best.meanAbsoluteError) best = result;
  }
  return {
    ...window,
    holdoutLength: unitsBetween(window.until, window.holdoutEnd, window.unit),
    customers: split.summaries.length,
    sampledFrom: split.sampledFrom ?? null,
    repeatBuyers: split.summaries.filter((s) => s.frequency > 0).length,
    boughtAgain: split.holdout.size,
    models: results,
    failed,
    best: best?.model ?? null,
  };
}

interface MutableRow {
  frequency: string;
  customers: number;
  actual: number;
  expected: number;
}

function frequencyRows(): MutableRow[] {
  return Array.from({ length: FREQUENCY_CAP + 1 }, (_, x) => ({
    frequency: x === FREQUENCY_CAP ? `${FREQUENCY_CAP}+` : String(x),
    customers: 0,
    actual: 0,
    expected: 0,
  }));
}

/** The holdout's weeks from the day after `until`; the last one ends at `holdoutEnd`. */
function holdoutWeeks(window: HoldoutWindow): { week: number; from: string; to: string }[] {
  const days = unitsBetween(window.until, window.holdoutEnd, 'day');
  const weeks: { week: number; from: string; to: string }[] = [];
  for (let start = 0; start < days; start += DAYS_PER_WEEK) {
    weeks.push({
      week: weeks.length + 1,
      from: addDays(window.until, start + 1),
      to: addDays(window.until, Math.min(start + DAYS_PER_WEEK, days)),
    });
  }
  return weeks;
}

function rankingAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const positives = labels.filter(Boolean).length;
  return positives === 0 || positives === labels.length ? null : auc(scores, labels);
}
