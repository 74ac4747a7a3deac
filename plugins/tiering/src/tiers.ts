/** The customer pyramid, top down (DOMAIN §4): important + secondary are the key customers. */
export const TIERS = ['important', 'secondary', 'normal', 'small'] as const;
export type Tier = (typeof TIERS)[number];

/** The three boundaries between tiers, each named by the tier just above it. */
export const BOUNDARIES = ['important', 'secondary', 'normal'] as const;
export type Boundary = (typeof BOUNDARIES)[number];

/** The loyalty ladder, bottom up (DOMAIN §4). */
export const LADDER = ['potential', 'new', 'regular', 'old', 'loyal'] as const;
export type LadderLevel = (typeof LADDER)[number];

/** Relationship strategy by segment (DOMAIN §4, seed 001); the upgrade path runs up the list. */
export const STRATEGIES = ['transactional', 'main', 'strategic', 'risk'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export function tierIndex(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/**
 * The boundary a customer crossed last on its way from one tier to another: the top edge of
 * the new tier when it fell, the bottom edge when it rose.
 */
export function crossedBoundary(from: Tier, to: Tier): Boundary {
  const fell = tierIndex(to) > tierIndex(from);
  return BOUNDARIES[fell ? tierIndex(to) - 1 : tierIndex(to)] as Boundary;
}
