import { type CustomerFacts, daysBetween } from '@guanxi/core';
import { type ExampleScorerConfig, FACTORS, type FactorId } from '../config';
import type { Signals } from '../signals/signals';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
/** What a factor without data counts as: neither good nor poor. */
const NEUTRAL = 0.5;

/** One factor a customer has data for. */
export interface Factor {
  readonly id: FactorId;
  readonly weight: number;
  /** 0 (poor) to 1 (good). */
  readonly value: number;
  /** The measure behind the value, in the factor's own unit (orders a year, a share, days). */
  readonly measure: number;
}

export interface Evaluation {
  /** 0–100, one decimal. */
  readonly score: number;
  /** The factors with data, in FACTORS order. */
  readonly factors: readonly Factor[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Each factor's measure and 0–1 value, or undefined where there is nothing to judge by. */
function measures(
  facts: CustomerFacts,
  signals: Signals,
  { thresholds }: ExampleScorerConfig,
  now: Date,
  timeZone: string,
): Record<FactorId, { measure: number; value: number } | undefined> {
  const firstOrder = facts.firstOrderAt === null ? now.getTime() : Date.parse(facts.firstOrderAt);
  // A customer younger than a year is measured over a whole year, so one order is not "12 a year".
  const years = Math.max(1, (now.getTime() - firstOrder) / YEAR_MS);
  const ordersPerYear = facts.orderCount / years;
  const revenueShare = facts.revenue / years / thresholds.revenuePerYear;
  const marginShare = facts.revenue > 0 ? facts.margin / facts.revenue : undefined;
  const discountShare =
    signals.discounts === undefined || facts.revenue + signals.discounts === 0
      ? undefined
      : signals.discounts / (facts.revenue + signals.discounts);
  const { payments } = signals;
  const onTime =
    payments === undefined || payments.settled === 0
      ? undefined
      : payments.onTime / payments.settled;
  const contactsPerOrder =
    facts.orderCount > 0 ? signals.inboundContacts / facts.orderCount : undefined;
  const daysSinceOrder =
    facts.lastOrderAt === null
      ? undefined
      : Math.max(0, daysBetween(facts.lastOrderAt, now, timeZone));
  return {
    frequency: { measure: ordersPerYear, value: clamp01(ordersPerYear / thresholds.ordersPerYear) },
    revenue: { measure: revenueShare, value: clamp01(revenueShare) },
    margin:
      marginShare === undefined
        ? undefined
        : { measure: marginShare, value: clamp01(marginShare / thresholds.goodMargin) },
    priceSensitivity:
      discountShare === undefined
        ? undefined
        : {
            measure: discountShare,
            value: 1 - clamp01(discountShare / thresholds.priceSensitiveShare),
          },
    punctuality: onTime === undefined ? undefined : { measure: onTime, value: onTime },
    serviceCost:
      contactsPerOrder === undefined
        ? undefined
        : {
            measure: contactsPerOrder,
            value: 1 - clamp01(contactsPerOrder / thresholds.costlyContactsPerOrder),
          },
    risk:
      daysSinceOrder === undefined
        ? undefined
        : { measure: daysSinceOrder, value: 1 - clamp01(daysSinceOrder / thresholds.dormantDays) },
  };
}

/**
 * The weighted mean of the factor values, scaled to 0–100. A factor without data counts as
 * neutral (0.5), so missing data neither helps nor hurts. Days are the team's (`timeZone`).
 */
export function evaluate(
  facts: CustomerFacts,
  signals: Signals,
  config: ExampleScorerConfig,
  now: Date,
  timeZone: string,
): Evaluation {
  const measured = measures(facts, signals, config, now, timeZone);
  const factors: Factor[] = [];
  let total = 0;
  let weights = 0;
  for (const id of FACTORS) {
    const weight = config.weights[id];
    const result = measured[id];
    weights += weight;
    total += weight * (result?.value ?? NEUTRAL);
    if (result !== undefined) factors.push({ id, weight, ...result });
  }
  return { score: Math.round((1000 * total) / weights) / 10, factors };
}

/**
 * The factors that raised the score most and lowered it most, strongest first: one factor
 * alone is both, and factors with no weight are never named.
 */
export function strongestAndWeakest(evaluation: Evaluation): Factor[] {
  const ranked = evaluation.factors
    .filter((factor) => factor.weight > 0)
    .map((factor) => ({ factor, effect: factor.weight * (factor.value - NEUTRAL) }))
    .sort((a, b) => b.effect - a.effect);
  const strongest = ranked[0];
  const weakest = ranked[ranked.length - 1];
  if (strongest === undefined || weakest === undefined) return [];
  return strongest === weakest ? [strongest.factor] : [strongest.factor, weakest.factor];
}
