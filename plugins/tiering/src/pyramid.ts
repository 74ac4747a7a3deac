import type { Measure, Shares } from './config';
import { BOUNDARIES, type Boundary, type Tier, tierIndex } from './tiers';

/**
 * Where a customer stands in the ranking: the higher value first; equal values by customer id
 * ascending, so the older customer ranks first.
 */
export interface RankKey {
  readonly value: number;
  readonly customerId: number;
}

/** A rank in the last recompute's ranking and the key of the customer who held it. */
export interface Cut {
  readonly rank: number;
  /** Null when the rank lies outside 1…N, so nobody held it. */
  readonly key: RankKey | null;
}

/** One boundary between two tiers, as the last recompute placed it. */
export interface BoundaryThreshold {
  readonly boundary: Boundary;
  /** The last rank of the tier above; `at.key.value` is the threshold value. */
  readonly at: Cut;
  /** The hysteresis margin at this boundary, in ranks. */
  readonly margin: number;
  /** Rank `at + margin`: a customer of the tier above keeps its tier while ranked here or better. */
  readonly keepAbove: Cut;
  /** Rank `at − margin`: a customer of the tier below keeps its tier while ranked below this. */
  readonly keepBelow: Cut;
}

/** A team's pyramid as of its last recompute: enough to place a customer without ranking. */
export interface Thresholds {
  readonly measure: Measure;
  /** N: how many customers were ranked. */
  readonly customers: number;
  /** The three boundaries, top down (BOUNDARIES). */
  readonly boundaries: readonly BoundaryThreshold[];
  readonly computedAt: string;
}

/** A boundary before its keys are known: the ranks the recompute will look up. */
export interface BoundaryPlan {
  readonly boundary: Boundary;
  readonly rank: number;
  readonly margin: number;
}

const NANO = 1_000_000_000n;

/**
 * The last rank of each of the top three tiers among `customers` ranked customers:
 * N × the cumulative share (important, important + secondary, …), rounded half up, with the
 * shares taken to 1e-9. Rounding the cumulative sums rather than each share makes the four
 * counts add up to N; with the default shares, 10,000 customers give 100/1,900/3,000/5,000.
 */
export function boundaryRanks(customers: number, shares: Shares): [number, number, number] {
  let cumulative = 0n;
  const n = BigInt(customers);
  const ranks = BOUNDARIES.map((tier) => {
    cumulative += BigInt(Math.round(shares[tier] * 1e9));
    return Math.min(customers, Number((n * cumulative + NANO / 2n) / NANO));
  });
  return ranks as [number, number, number];
}

/**
 * The boundaries with their hysteresis margins. A margin is ⌊hysteresis × N⌋ ranks, but at most
 * half of the smaller of the two tiers meeting at the boundary (rounded down): otherwise with
 * the defaults (1% important, 2% margin) no one could ever rise into the top tier.
 */
export function planBoundaries(
  customers: number,
  shares: Shares,
  hysteresis: number,
): [BoundaryPlan, BoundaryPlan, BoundaryPlan] {
  const edges = [0, ...boundaryRanks(customers, shares), customers];
  const wanted = Math.floor(hysteresis * customers + 1e-9);
  const plans = BOUNDARIES.map((boundary, i) => {
    const start = edges[i] as number;
    const rank = edges[i + 1] as number;
    const end = edges[i + 2] as number;
    const margin = Math.min(wanted, Math.floor(Math.min(rank - start, end - rank) / 2));
    return { boundary, rank, margin };
  });
  return plans as [BoundaryPlan, BoundaryPlan, BoundaryPlan];
}

/** The ranks whose keys a recompute must record to build the thresholds of these plans. */
export function cutRanks(plans: readonly BoundaryPlan[]): number[] {
  return plans.flatMap((p) => [p.rank, p.rank + p.margin, p.rank - p.margin]);
}

/** Whether a customer ranks at or above `cut`, that is within its first `cut.rank` places. */
export function within(key: RankKey, cut: Cut, customers: number): boolean {
  if (cut.rank <= 0) return false;
  if (cut.rank >= customers || cut.key === null) return true;
  return (
    key.value > cut.key.value ||
    (key.value === cut.key.value && key.customerId <= cut.key.customerId)
  );
}

/** The tier the ranking alone gives a customer, without hysteresis. */
export function rankedTier(key: RankKey, thresholds: Thresholds): Tier {
  for (const b of thresholds.boundaries) {
    if (within(key, b.at, thresholds.customers)) return b.boundary;
  }
  return 'small';
}

/**
 * Whether a customer of `tier` stays in it under hysteresis: its rank is inside the tier's
 * rank range widened by the margin at each end.
 */
export function keepsTier(key: RankKey, tier: Tier, thresholds: Thresholds): boolean {
  const above = thresholds.boundaries[tierIndex(tier) - 1];
  const below = thresholds.boundaries[tierIndex(tier)];
  return (
    (above === undefined || !within(key, above.keepBelow, thresholds.customers)) &&
    (below === undefined || within(key, below.keepAbove, thresholds.customers))
  );
}

/**
 * The tier of a customer with this key: its current tier while hysteresis keeps it there,
 * else the ranked tier. A new customer (no current tier) takes the ranked tier.
 */
export function placeTier(
  key: RankKey,
  current: Tier | undefined,
  thresholds: Thresholds,
  hysteresis: boolean,
): Tier {
  if (current !== undefined && hysteresis && keepsTier(key, current, thresholds)) return current;
  return rankedTier(key, thresholds);
}

/** The value at a boundary: the value of the last customer inside the tier above it. */
export function thresholdValue(thresholds: Thresholds, boundary: Boundary): number | null {
  return thresholds.boundaries.find((b) => b.boundary === boundary)?.at.key?.value ?? null;
}
