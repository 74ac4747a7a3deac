import type { LoyaltyConfig } from '../config';

/**
 * Points for an order: spend in currency units × points per unit × tier × level multiplier,
 * rounded down, so a bigger contribution earns more (never a flat amount for everyone).
 */
export function pointsFor(
  amount: number,
  earning: LoyaltyConfig['earning'],
  tierMultiplier: number,
  levelMultiplier: number,
): number {
  const raw =
    ((amount * earning.pointsPerUnit) / earning.unitMinor) * tierMultiplier * levelMultiplier;
  // The epsilon keeps 1.15 × 100 = 114.99999… from losing a point.
  return Math.max(0, Math.floor(raw + 1e-9));
}
