import type { CustomerFacts } from '@guanxi/core';
import type { LoyaltyConfig } from './config';

export type Quadrant = 'loyal' | 'latent' | 'spurious' | 'not_loyal';

/** Orders after the first (DOMAIN §7: loyalty is repeated purchase). */
export function repeatPurchases(facts: Pick<CustomerFacts, 'orderCount'>): number {
  return Math.max(0, facts.orderCount - 1);
}

/** The share of the customer's orders flagged as discounted; null with no orders. */
export function priceSensitivity(discounted: number, orderCount: number): number | null {
  return orderCount === 0 ? null : Math.min(1, discounted / orderCount);
}

/**
 * Attitude × behaviour (DOMAIN §7): a favourable survey attitude and repeat buying is
 * loyal; the attitude alone is latent; buying alone is spurious; neither is not loyal.
 * Null until the customer has an attitude score.
 */
export function quadrant(
  attitude: number | null,
  repeats: number,
  thresholds: LoyaltyConfig['quadrant'],
): Quadrant | null {
  if (attitude === null) return null;
  const favourable = attitude >= thresholds.attitudeThreshold;
  const buying = repeats >= thresholds.repeatThreshold;
  if (favourable) return buying ? 'loyal' : 'latent';
  return buying ? 'spurious' : 'not_loyal';
}
