import { startOfDayFrom } from '@guanxi/core';
import { type RawBuilder, sql } from 'kysely';
import type { LadderConfig } from './config';
import type { LadderLevel } from './tiers';

/** What the ladder reads of a customer's facts. */
export interface LadderFacts {
  readonly orderCount: number;
  readonly firstOrderAt: string | null;
  readonly lastOrderAt: string | null;
}

/**
 * The ladder's day thresholds as the starts of the team's days before `now` (ISO-8601 UTC text
 * compares as time): a first order from `newFrom` on is fewer than `newDays` days ago; one
 * before `oldBefore`, `oldDays` or more; a last order from `recentFrom` on, within
 * `loyalRecentDays`. Worked out once for a batch of customers.
 */
export interface LadderCutoffs {
  readonly config: LadderConfig;
  readonly newFrom: string;
  readonly oldBefore: string;
  readonly loyalBefore: string;
  readonly recentFrom: string;
}

/** The ladder's cutoffs at `now` for `config`, on the days of `timeZone`. */
export function ladderCutoffs(now: Date, config: LadderConfig, timeZone: string): LadderCutoffs {
  const dayStart = (daysAgo: number) => startOfDayFrom(now, -daysAgo, timeZone);
  return {
    config,
    newFrom: dayStart(config.newDays - 1),
    oldBefore: dayStart(config.oldDays - 1),
    loyalBefore: dayStart(config.loyalDays - 1),
    recentFrom: dayStart(config.loyalRecentDays),
  };
}

/** The customer's rung on the loyalty ladder (rules in config.ts, `ladderSchema`). */
export function ladderLevel(facts: LadderFacts, c: LadderCutoffs): LadderLevel {
  const { config } = c;
  const first = facts.firstOrderAt;
  const last = facts.lastOrderAt;
  if (facts.orderCount === 0) return 'potential';
  if (facts.orderCount === 1 || (first !== null && first >= c.newFrom)) return 'new';
  if (
    facts.orderCount >= config.loyalOrders &&
    first !== null &&
    first < c.loyalBefore &&
    last !== null &&
    last >= c.recentFrom
  ) {
    return 'loyal';
  }
  if (facts.orderCount >= config.regularOrders && first !== null && first < c.oldBefore) {
    return 'old';
  }
  return facts.orderCount >= config.regularOrders ? 'regular' : 'new';
}

/** `ladderLevel` as SQL over tiering_values' copies of the facts, for the recompute job. */
export function ladderSql(c: LadderCutoffs): RawBuilder<LadderLevel> {
  const { config } = c;
  return sql<LadderLevel>`case
    when order_count = 0 then 'potential'
    when order_count = 1 or first_order_at >= ${c.newFrom} then 'new'
    when order_count >= ${config.loyalOrders} and first_order_at < ${c.loyalBefore}
      and last_order_at >= ${c.recentFrom} then 'loyal'
    when order_count >= ${config.regularOrders} and first_order_at < ${c.oldBefore} then 'old'
    when order_count >= ${config.regularOrders} then 'regular'
    else 'new' end`;
}
