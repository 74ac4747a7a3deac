import { GuanxiError } from '@guanxi/core';
import {
  type CustomerSummary,
  clv,
  expectedPurchases,
  fitGammaGamma,
  fitModel,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  type ModelName,
  type ModelParams,
  pAlive,
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

/** Fits the purchase model and, given enough repeat buyers, Gamma-Gamma spend. */
export function analyse(summaries: readonly CustomerSummary[], model: ModelName): Analysis {
  if (summaries.length === 0) {
    throw new GuanxiError('GX_ERR_VALIDATION', 'No purchases to fit a model to', {
      issues: [{ path: 'orders', message: 'no purchases on or before the calibration end' }],
    });
  }
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
