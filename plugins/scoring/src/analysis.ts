import { GuanxiError } from '@guanxi/core';
import type { ModelChoice } from './config';
import {
  autoWindow,
  type Backtest,
  backtestModels,
  type CustomerSummary,
  clv,
  dayRange,
  expectedPurchases,
  fitGammaGamma,
  fitModel,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  type HoldoutSplit,
  type HoldoutWindow,
  MAX_CHOICE_CUSTOMERS,
  MODEL_NAMES,
  type ModelName,
  type ModelParams,
  type Purchase,
  pAlive,
  sampleSplit,
  splitPurchases,
  summarise,
  type TimeUnit,
} from './models';

/** Fewer repeat buyers than this and spend is not modelled (each customer's own mean is used). */
export const MIN_REPEAT_BUYERS_FOR_SPEND = 10;

export interface Analysis {
  readonly model: ModelName;
  readonly params: ModelParams;
  readonly logLikelihood: number;
  readonly spend: GammaGammaParams | null;
  readonly customers: number;
  readonly repeatBuyers: number;
}

function requireCustomers(summaries: readonly CustomerSummary[]): void {
  if (summaries.length === 0) {
    throw new GuanxiError('GX_ERR_VALIDATION', 'No purchases to fit a model to', {
      issues: [{ path: 'orders', message: 'no purchases on or before the calibration end' }],
    });
  }
}

/** Fits the purchase model and, given enough repeat buyers, Gamma-Gamma spend. */
export function analyse(summaries: readonly CustomerSummary[], model: ModelName): Analysis {
  requireCustomers(summaries);
  const fit = fitModel(model, summaries);
  const repeat = summaries.filter((s) => s.frequency > 0);
  const spend = repeat.length >= MIN_REPEAT_BUYERS_FOR_SPEND ? fitGammaGamma(repeat).params : null;
  return {
    model,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    spend,
    customers: summaries.length,
    repeatBuyers: repeat.length,
  };
}

/**
 * How a fit's model was chosen: named (by the team's setting or the job), by the lowest holdout
 * error of a backtest on the team's own history, or, when the history was too short to hold any
 * out, by the highest likelihood.
 */
export type Selection = 'named' | 'holdout' | 'likelihood';

export interface Choice {
  readonly model: ModelName;
  readonly selection: Selection;
  /** The backtest behind a choice by holdout error; null otherwise. */
  readonly backtest: Backtest | null;
}

/**
 * The model to fit: the one named, or for `auto` the one with the lowest holdout error on
 * `split` (at most MAX_CHOICE_CUSTOMERS of its customers, evenly sampled) over `window`. Without a window (a history too short to split), or when no model could
 * be backtested, `auto` keeps the model with the highest likelihood over `summaries`.
 */
export function chooseModel(
  choice: ModelChoice,
  summaries: readonly CustomerSummary[],
  holdout: { readonly split: HoldoutSplit; readonly window: HoldoutWindow } | null,
): Choice {
  if (choice !== 'auto') return { model: choice, selection: 'named', backtest: null };
  requireCustomers(summaries);
  if (holdout !== null) {
    const backtest = backtestModels(
      sampleSplit(holdout.split, MAX_CHOICE_CUSTOMERS),
      holdout.window,
    );
    if (backtest.best !== null) return { model: backtest.best, selection: 'holdout', backtest };
  }
  return { model: mostLikely(summaries), selection: 'likelihood', backtest: null };
}

export interface LogOptions {
  /** The calibration end, YYYY-MM-DD. */
  readonly until: string;
  readonly unit: TimeUnit;
  readonly model: ModelChoice;
  /** The IANA zone whose days purchases fall on; UTC when not given. */
  readonly timeZone?: string;
}

/**
 * Fits a purchase log up to `until`: the model named, or for `auto` the one with the lowest
 * holdout error on the later half of the log's own history (see `autoWindow`).
 */
export function analyseLog(
  purchases: readonly Purchase[],
  options: LogOptions,
): { analysis: Analysis; choice: Choice; summaries: CustomerSummary[] } {
  const { until, unit, timeZone } = options;
  const summaries = summarise(purchases, { until, unit, timeZone });
  const range = options.model === 'auto' ? dayRange(purchases, until, timeZone) : null;
  const window = range === null ? null : autoWindow(range.first, range.last, unit);
  const holdout =
    window === null ? null : { window, split: splitPurchases(purchases, window, timeZone) };
  const choice = chooseModel(options.model, summaries, holdout);
  return { analysis: analyse(summaries, choice.model), choice, summaries };
}

/**
 * Backtests a purchase log: fits up to `until` and compares with what the same customers did up
 * to `holdoutEnd`, by default the log's last purchase day; `auto` backtests every model.
 */
export function backtestLog(
  purchases: readonly Purchase[],
  options: LogOptions & { readonly holdoutEnd?: string },
): Backtest {
  const holdoutEnd = options.holdoutEnd ?? dayRange(purchases, undefined, options.timeZone)?.last;
  if (holdoutEnd === undefined) {
    throw new GuanxiError('GX_ERR_VALIDATION', 'No purchases to backtest', {
      issues: [{ path: 'orders', message: 'holds no purchases' }],
    });
  }
  const window = { until: options.until, holdoutEnd, unit: options.unit };
  const models = options.model === 'auto' ? MODEL_NAMES : [options.model];
  return backtestModels(splitPurchases(purchases, window, options.timeZone), window, models);
}

/** The model whose fit has the highest log-likelihood; the models all have four parameters. */
function mostLikely(summaries: readonly CustomerSummary[]): ModelName {
  let best: { model: ModelName; logLikelihood: number } | undefined;
  for (const model of MODEL_NAMES) {
    const { logLikelihood } = fitModel(model, summaries);
    if (best === undefined || logLikelihood > best.logLikelihood) best = { model, logLikelihood };
  }
  return (best as { model: ModelName }).model;
}

export interface Prediction {
  readonly customer: string;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  readonly p_alive: number;
  readonly expected_purchases: number;
  readonly expected_spend: number;
  readonly clv: number;
}

export interface PredictOptions {
  /** In the analysis's time unit. */
  readonly horizon: number;
  /** Per time unit. */
  readonly discountRate: number;
  /** Share of spend that is margin, 0–1. */
  readonly margin: number;
}

/** One customer's forecast from a fitted analysis. */
export function predict(
  analysis: Analysis,
  summary: CustomerSummary,
  options: PredictOptions,
): Prediction {
  const expected = (t: number) => expectedPurchases(analysis.model, analysis.params, summary, t);
  const spend =
    analysis.spend === null
      ? summary.monetaryValue
      : gammaGammaExpectedSpend(analysis.spend, summary);
  return {
    customer: summary.customer,
    frequency: summary.frequency,
    recency: summary.recency,
    T: summary.T,
    p_alive: pAlive(analysis.model, analysis.params, summary),
    expected_purchases: expected(options.horizon),
    expected_spend: spend,
    clv: clv({
      expectedPurchases: expected,
      spend,
      margin: options.margin,
      horizon: options.horizon,
      discountRate: options.discountRate,
      step: Math.max(1, Math.round(options.horizon / 13)),
    }),
  };
}
