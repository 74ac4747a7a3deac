import { type CustomerFacts, daysBetween } from '@guanxi/core';
import type { WinbackConfig } from './config';
import { medianGapDays } from './order-days';

/** The detection rules, each judging some customers (see `assess`). */
export const RISK_RULES = ['p_alive', 'median_gap', 'one_order'] as const;

export type RiskRule = (typeof RISK_RULES)[number];

/** How close an active customer is to churning, and by which rule. */
export interface Risk {
  readonly rule: RiskRule;
  readonly churned: boolean;
  /** Past half the way to churn: time to check in. */
  readonly atRisk: boolean;
  readonly pAlive: number | null;
  readonly daysSinceLastOrder: number;
  /** Days without an order that mean churned; null under the P(alive) rule. */
  readonly thresholdDays: number | null;
}

/**
 * P(alive) under `pAliveBelow` when the customer is scored; otherwise no order for
 * `gapMultiple` × their median gap, or `oneOrderDays` after a single order day. Days are the
 * team's (`timeZone`): an order at 23:00 is a day old at midnight. A customer who never
 * ordered has no risk.
 */
export function assess(
  config: WinbackConfig,
  facts: CustomerFacts,
  pAlive: number | undefined,
  orderDays: readonly string[],
  now: Date,
  timeZone: string,
): Risk | null {
  if (facts.lastOrderAt === null) return null;
  const daysSinceLastOrder = daysBetween(facts.lastOrderAt, now, timeZone);
  if (pAlive !== undefined) {
    return {
      rule: 'p_alive',
      churned: pAlive < config.pAliveBelow,
      atRisk: pAlive < Math.min(1, config.pAliveBelow * 2),
      pAlive,
      daysSinceLastOrder,
      thresholdDays: null,
    };
  }
  const gap = medianGapDays(orderDays);
  const thresholdDays = gap === null ? config.oneOrderDays : config.gapMultiple * gap;
  return {
    rule: gap === null ? 'one_order' : 'median_gap',
    churned: daysSinceLastOrder > thresholdDays,
    atRisk: daysSinceLastOrder > thresholdDays / 2,
    pAlive: null,
    daysSinceLastOrder,
    thresholdDays,
  };
}
