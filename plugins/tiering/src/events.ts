import type { EventHook } from '@guanxi/core';
import type { Measure } from './config';
import type { Tier } from './tiers';

/** A customer moved from one tier to another, and why. */
export interface TierChange {
  readonly customerId: number;
  readonly from: Tier;
  readonly to: Tier;
  /** The customer's value by `measure` when it moved. */
  readonly value: number;
  /** Its rank when a recompute moved it; null when a write placed it against the thresholds. */
  readonly rank: number | null;
  /** How many customers the ranking held (N of the last recompute). */
  readonly of: number;
  /** The value at the boundary it crossed (see crossedBoundary); null if that tier is empty. */
  readonly threshold: number | null;
  readonly measure: Measure;
  /** `recompute`: the tiering:recompute job; `write`: an order, score or new customer. */
  readonly cause: 'recompute' | 'write';
  readonly changedAt: string;
}

declare module '@guanxi/core' {
  interface CoreHooks {
    /** Customers changed tier (DOMAIN §4: tier changes are events). */
    'tier:changed': EventHook<TierChange>;
  }
}
