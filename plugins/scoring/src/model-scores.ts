import type { CustomerFacts } from '@guanxi/core';
import { type Analysis, type Prediction, predict } from './analysis';
import type { ScoringConfig } from './config';
import type { StoredFit } from './fits';
import { type CustomerSummary, type ModelParams, pAlive, pAliveDefined, summarise } from './models';
import type { PurchaseDay } from './store';

/** What the fitted model says of one customer, with the margin share its CLV used. */
export interface ModelScore extends Prediction {
  readonly customerId: number;
  readonly margin: number;
  /** False where the model's P(alive) tells nothing (BG/NBD without a repeat purchase). */
  readonly pAliveDefined: boolean;
}

const UNITS_PER_YEAR = { week: 52, day: 365 } as const;

/** Customers' summaries as of `until` (YYYY-MM-DD). */
export function summariesOf(
  days: readonly PurchaseDay[],
  until: string,
  unit: 'week' | 'day',
): CustomerSummary[] {
  return summarise(
    days.map((d) => ({ customer: String(d.customerId), at: d.day, amount: d.amount })),
    { until, unit },
  );
}

/** The customer's own margin share when their orders carry costs, else the team's default. */
function marginShare(facts: CustomerFacts | undefined, config: ScoringConfig): number {
  if (facts === undefined || facts.margin <= 0 || facts.revenue <= 0) return config.defaultMargin;
  return Math.min(1, facts.margin / facts.revenue);
}

/** The configured horizon and yearly discount rate in the fit's own time unit. */
function inFitUnits(fit: StoredFit, config: ScoringConfig) {
  const scale = fit.unit === config.unit ? 1 : fit.unit === 'day' ? 7 : 1 / 7;
  return {
    horizon: config.horizon * scale,
    discountRate: (1 + config.annualDiscountRate) ** (1 / UNITS_PER_YEAR[fit.unit]) - 1,
  };
}

/** P(alive), expected purchases, expected spend and CLV per customer from the team's fit. */
export function modelScores(
  fit: StoredFit,
  config: ScoringConfig,
  days: readonly PurchaseDay[],
  until: string,
  facts: ReadonlyMap<number, CustomerFacts>,
): ModelScore[] {
  const analysis: Analysis = { ...fit, params: fit.params as unknown as ModelParams };
  const units = inFitUnits(fit, config);
  return summariesOf(days, until, fit.unit).map((summary) => {
    const customerId = Number(summary.customer);
    const margin = marginShare(facts.get(customerId), config);
    return {
      customerId,
      margin,
      pAliveDefined: pAliveDefined(fit.model, summary),
      ...predict(analysis, summary, { ...units, margin }),
    };
  });
}

/**
 * P(alive) per customer from the team's fit, without the rest of the forecast; none for a
 * customer whose P(alive) the model does not define, as the `scoring/p-alive` scorer leaves out.
 */
export function pAliveScores(
  fit: StoredFit,
  days: readonly PurchaseDay[],
  until: string,
): Map<number, number> {
  const params = fit.params as unknown as ModelParams;
  return new Map(
    summariesOf(days, until, fit.unit)
      .filter((summary) => pAliveDefined(fit.model, summary))
      .map((summary) => [Number(summary.customer), pAlive(fit.model, params, summary)]),
  );
}
