import { z } from 'zod';
import type { ModelName } from './models';

/** What a team or a job may ask for: one model by name, or `auto`. */
export const MODEL_CHOICES = ['auto', 'bgnbd', 'mbgnbd', 'pnbd'] as const satisfies readonly (
  | 'auto'
  | ModelName
)[];

export type ModelChoice = (typeof MODEL_CHOICES)[number];

/** Per-team settings of the scoring plugin. */
export const scoringConfig = z.strictObject({
  /**
   * The purchase-count model behind P(alive) and CLV; `auto` fits every model, backtests each on
   * the team's own history and keeps the one with the lowest holdout error.
   */
  model: z.enum(MODEL_CHOICES).default('auto'),
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
