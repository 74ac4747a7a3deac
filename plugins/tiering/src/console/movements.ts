import type { PluginContext } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { tieringDb } from '../store';
import type { Tier } from '../tiers';

/** How many customers moved from one tier to another, at the recompute or on a write since. */
export interface MoveCount {
  readonly from: Tier;
  readonly to: Tier;
  readonly byRecompute: number;
  readonly byWrite: number;
}

export interface Move {
  readonly id: number;
  readonly customerId: number;
  readonly from: Tier;
  readonly to: Tier;
  readonly value: number;
  /** The rank the recompute gave; null for a move on a new order or score. */
  readonly rank: number | null;
  readonly changedAt: string;
}

export interface MoveFilter {
  readonly since: string;
  readonly from?: Tier | undefined;
  readonly to?: Tier | undefined;
}

/** The team's tier changes at or after `since`, by (team, time): the movements index. */
function changesSince(ctx: PluginContext<TieringConfig>, filter: MoveFilter) {
  return tieringDb(ctx)
    .selectFrom('tiering_changes')
    .where('team_id', '=', ctx.teamId)
    .where('changed_at', '>=', filter.since)
    .$if(filter.from !== undefined, (q) => q.where('from_tier', '=', filter.from as Tier))
    .$if(filter.to !== undefined, (q) => q.where('to_tier', '=', filter.to as Tier));
}

/** Each (from, to) pair's movements since the last recompute, split by what moved them. */
export async function moveCounts(
  ctx: PluginContext<TieringConfig>,
  since: string,
): Promise<MoveCount[]> {
  const rows = await changesSince(ctx, { since })
    .select((eb) => [
      'from_tier',
      'to_tier',
      eb.fn.count<number | string>('run_id').as('by_recompute'),
      eb.fn.countAll<number | string>().as('moves'),
    ])
    .groupBy(['from_tier', 'to_tier'])
    .execute();
  return rows.map((row) => ({
    from: row.from_tier,
    to: row.to_tier,
    byRecompute: Number(row.by_recompute),
    byWrite: Number(row.moves) - Number(row.by_recompute),
  }));
}

/** A page of the movements, the latest recorded first; `after` is the last id of the page before. */
export async function moves(
  ctx: PluginContext<TieringConfig>,
  filter: MoveFilter,
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<Move[]> {
  const rows = await changesSince(ctx, filter)
    .select(['id', 'customer_id', 'from_tier', 'to_tier', 'value', 'rank', 'changed_at'])
    .$if(page.after !== undefined, (q) => q.where('id', '<', page.after as number))
    .orderBy('id', 'desc')
    .limit(page.size)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    from: row.from_tier,
    to: row.to_tier,
    value: Number(row.value),
    rank: row.rank === null ? null : Number(row.rank),
    changedAt: row.changed_at,
  }));
}
