import type { Tier } from '@guanxi/plugin-tiering';
import type { ChurnKind } from './kinds';

/** How hard to try (DOMAIN §8): key → at all costs, normal → try hard, small → when cheap. */
export const POLICIES = ['all_costs', 'try_hard', 'when_cheap', 'let_go'] as const;
export type Policy = (typeof POLICIES)[number];

/** How win-back stores a customer's tier with a churn and a playbook. */
export const TIER_RANK: Readonly<Record<Tier, number>> = {
  important: 4,
  secondary: 3,
  normal: 2,
  small: 1,
};

/** The tier of a stored rank (see TIER_RANK); no rank counts as normal. */
export function tierName(value: number | null): Tier {
  if (value === null) return 'normal';
  if (value >= 4) return 'important';
  if (value >= 3) return 'secondary';
  if (value >= 2) return 'normal';
  return 'small';
}

/**
 * The policy for a churned customer: malicious churn, and small customers who lose us money,
 * are let go; otherwise by tier, a customer without a tier counting as normal.
 */
export function policyFor(kind: ChurnKind, tier: number | null, margin: number): Policy {
  if (kind === 'malicious') return 'let_go';
  const name = tierName(tier);
  if (name === 'small') return margin < 0 ? 'let_go' : 'when_cheap';
  return name === 'normal' ? 'try_hard' : 'all_costs';
}

/** The next best action's priority for a customer of this tier. */
export function priorityOf(tier: number | null): number {
  const name = tierName(tier);
  if (name === 'important' || name === 'secondary') return 70;
  return name === 'normal' ? 55 : 40;
}
