import { invalid, nonNegative, positive } from './validate';

export interface ClvOptions {
  /** Cumulative conditional expected purchases by time t (in units), e.g. from bgNbdExpectedPurchases. */
  expectedPurchases: (t: number) => number;
  /** Expected spend per purchase, e.g. from gammaGammaExpectedSpend. */
  spend: number;
  /** Share of spend that is margin, 0..1. */
  margin: number;
  /** How far ahead to count, in units. */
  horizon: number;
  /** Discount rate per unit, e.g. 0.0015 per week (about 8% a year). */
  discountRate: number;
  /** Length of one step in units; 1 by default. */
  step?: number;
}

const MAX_STEPS = 1_000_000;

/**
 * Discounted, margin-aware customer lifetime value over `horizon`:
 *
 *   CLV = Σₖ₌₁ⁿ [E(tₖ) − E(tₖ₋₁)] · spend · margin / (1 + discountRate)^tₖ
 *
 * with tₖ = min(k·step, horizon), t₀ = 0 and n = ⌈horizon/step⌉: the purchases expected in each
 * step are valued at the end of that step.
 */
export function clv(options: ClvOptions): number {
  const { expectedPurchases, step = 1 } = options;
  if (typeof expectedPurchases !== 'function') invalid('expectedPurchases', 'must be a function');
  const spend = nonNegative(options.spend, 'spend');
  const margin = nonNegative(options.margin, 'margin');
  if (margin > 1) invalid('margin', 'must be between 0 and 1');
  const horizon = nonNegative(options.horizon, 'horizon');
  const rate = nonNegative(options.discountRate, 'discountRate');
  positive(step, 'step');
  const steps = Math.ceil(horizon / step);
  if (steps > MAX_STEPS) invalid('step', `must split the horizon into at most ${MAX_STEPS} steps`);

  const logDiscount = Math.log1p(rate);
  let previous = expected(expectedPurchases, 0);
  let value = 0;
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(k * step, horizon);
    const current = expected(expectedPurchases, t);
    value += (current - previous) * Math.exp(-t * logDiscount);
    previous = current;
  }
  return value * spend * margin;
}

function expected(expectedPurchases: (t: number) => number, t: number): number {
  const value = expectedPurchases(t);
  if (!Number.isFinite(value)) {
    invalid('expectedPurchases', `returned ${value} at t = ${t}; it must return a finite number`);
  }
  return value;
}
