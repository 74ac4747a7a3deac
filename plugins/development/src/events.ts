import type { EventHook } from '@guanxi/core';

/** An opportunity as its events report it, after the change. */
export interface OpportunityEvent {
  readonly opportunityId: number;
  readonly customerId: number;
  readonly ownerUserId: number;
  /** The stage before; null when the opportunity was opened. */
  readonly from: string | null;
  /** The stage now: an open stage id, `won` or `lost`. */
  readonly stage: string;
  readonly status: 'open' | 'won' | 'lost';
  /** Minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  /** The stage's probability of winning: 1 when won, 0 when lost. */
  readonly probability: number;
  /** The expected close, a day of the team's time zone. */
  readonly closeDay: string;
  readonly lostReason: string | null;
  readonly competitor: string | null;
  /** The order a won opportunity recorded. */
  readonly orderId: number | null;
  /** Who made the change (`user:12`). */
  readonly actor: string;
  readonly at: string;
}

declare module '@guanxi/core' {
  interface CoreHooks {
    /** An opportunity was opened or moved to another stage, won and lost included. */
    'opportunity:stageChanged': EventHook<OpportunityEvent>;
    /** An opportunity was won; its order is recorded. */
    'opportunity:won': EventHook<OpportunityEvent>;
    /** An opportunity was lost, with the reason and the competitor if any. */
    'opportunity:lost': EventHook<OpportunityEvent>;
  }
}

export const OPPORTUNITY_EVENTS = [
  'opportunity:stageChanged',
  'opportunity:won',
  'opportunity:lost',
] as const;
