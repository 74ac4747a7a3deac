import { z } from 'zod';

const share = (fallback: number) => z.number().min(0).max(1).default(fallback);

/**
 * The share of the team's ranked customers in each tier, top down (DOMAIN §4). Each may be
 * set alone, but the four must sum to 1 (within 1e-9).
 */
export const sharesSchema = z
  .strictObject({
    important: share(0.01),
    secondary: share(0.19),
    normal: share(0.3),
    small: share(0.5),
  })
  .refine((s) => Math.abs(s.important + s.secondary + s.normal + s.small - 1) <= 1e-9, {
    message: 'shares must sum to 1 (important + secondary + normal + small)',
  })
  .prefault({});

export type Shares = z.output<typeof sharesSchema>;

const SCORER_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\/[^\s/]+$/;

/**
 * What customers are ranked by: `revenue` or `margin` (minor units, from the core's facts),
 * `clv` (the scoring plugin's `scoring/clv`), or any scorer's output as `scorer:<plugin>/<id>`.
 */
export const measureSchema = z.union(
  [
    z.enum(['revenue', 'margin', 'clv']),
    z.templateLiteral(['scorer:', z.string().regex(SCORER_KEY)]),
  ],
  { error: 'must be revenue, margin, clv or scorer:<plugin>/<scorer>' },
);

export type Measure = z.output<typeof measureSchema>;

/**
 * Thresholds of the loyalty ladder, in orders and days. A customer with no orders is
 * `potential`; one order, or a first order fewer than `newDays` ago, is `new`; then
 * `loyal` (≥ `loyalOrders` orders, first order ≥ `loyalDays` ago and an order within the last
 * `loyalRecentDays`), else `old` (≥ `regularOrders` orders and first order ≥ `oldDays` ago),
 * else `regular` (≥ `regularOrders` orders); anyone left is still `new`.
 */
export const ladderSchema = z
  .strictObject({
    newDays: z.number().int().min(0).max(36_500).default(90),
    regularOrders: z.number().int().min(2).default(2),
    oldDays: z.number().int().min(1).max(36_500).default(365),
    loyalOrders: z.number().int().min(2).default(5),
    loyalDays: z.number().int().min(1).max(36_500).default(730),
    loyalRecentDays: z.number().int().min(1).max(36_500).default(180),
  })
  .refine((l) => l.oldDays >= l.newDays, {
    path: ['oldDays'],
    message: 'must be at least newDays',
  })
  .refine((l) => l.loyalDays >= l.oldDays, {
    path: ['loyalDays'],
    message: 'must be at least oldDays',
  })
  .refine((l) => l.loyalOrders >= l.regularOrders, {
    path: ['loyalOrders'],
    message: 'must be at least regularOrders',
  })
  .prefault({});

export type LadderConfig = z.output<typeof ladderSchema>;

/** Per-team settings of the tiering plugin; `{}` gives the pyramid of DOMAIN §4 by revenue. */
export const tieringConfig = z.strictObject({
  shares: sharesSchema,
  measure: measureSchema.default('revenue'),
  /**
   * How far, as a fraction of the team's ranked customers, a customer's rank must pass a
   * boundary before its tier changes; 0 moves it at once. At each boundary the margin is
   * ⌊hysteresis × N⌋ ranks, but at most half of the smaller of the two tiers meeting there,
   * so every tier stays reachable (see pyramid.ts).
   */
  hysteresis: z.number().min(0).max(0.5).default(0.02),
  ladder: ladderSchema,
});

export type TieringConfig = z.output<typeof tieringConfig>;

/** The scorer key (`<plugin>/<scorer>`) a measure reads, or undefined for revenue and margin. */
export function scorerOf(measure: Measure): string | undefined {
  if (measure === 'clv') return 'scoring/clv';
  return measure.startsWith('scorer:') ? measure.slice('scorer:'.length) : undefined;
}
