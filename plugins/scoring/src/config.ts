import { z } from 'zod';

/** Per-team settings of the scoring plugin. */
export const scoringConfig = z.strictObject({
  /** The purchase-count model behind P(alive) and CLV. */
  model: z.enum(['bgnbd', 'pnbd']).default('bgnbd'),
  /** The time unit the model is fitted in. */
  unit: z.enum(['week', 'day']).default('week'),
  /** How far ahead CLV looks, in `unit`s (52 weeks = one year). */
  horizon: z.number().int().min(1).max(520).default(52),
  /** Yearly discount rate for CLV, e.g. 0.1 = 10% a year. */
  annualDiscountRate: z.number().min(0).max(1).default(0.1),
  /** Margin assumed when a customer's orders carry no cost, as a share of revenue. */
  defaultMargin: z.number().min(0).max(1).default(0.3),
  /** Below this P(alive) the card calls the customer at risk. */
  atRiskBelow: z.number().min(0).max(1).default(0.3),
});

export type ScoringConfig = z.output<typeof scoringConfig>;
