import { chunked } from '@guanxi/core';
import { sql } from 'kysely';
import type { LevelConfig } from '../config';
import { isoDaysFrom, type LoyaltyContext } from '../context';
import { type Account, readAccounts } from '../ledger/accounts';
import { loyaltyDb } from '../tables';

/** The highest level whose threshold the value reaches. */
export function levelFor(levels: readonly LevelConfig[], value: number): LevelConfig {
  let reached = levels[0] as LevelConfig;
  for (const level of levels) if (value >= level.threshold) reached = level;
  return reached;
}

/** A level's place in the ladder; an id no longer configured counts as the bottom. */
export function rankOf(levels: readonly LevelConfig[], id: string): number {
  return Math.max(
    0,
    levels.findIndex((level) => level.id === id),
  );
}

/**
 * What each customer has done over the level period: points earned (reversed orders count
 * in full, spent or not) or spend in minor units.
 */
export async function qualifying(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const { basis, periodDays } = ctx.config.levels;
  const since = isoDaysFrom(ctx, -periodDays);
  const values = new Map<number, number>();
  for (const ids of chunked([...new Set(customerIds)], 500)) {
    const rows = await loyaltyDb(ctx)
      .selectFrom('loyalty_ledger')
      .select([
        'customer_id',
        sql<number>`sum(case when kind = 'reverse' then points - coalesce(shortfall, 0) else points end)`.as(
          'points',
        ),
        sql<number>`sum(coalesce(amount, 0))`.as('spend'),
      ])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .where('kind', 'in', ['earn', 'reverse'])
      .where('at', '>=', since)
      .groupBy('customer_id')
      .execute();
    for (const row of rows) {
      values.set(Number(row.customer_id), Number(basis === 'points' ? row.points : row.spend));
    }
  }
  return values;
}

export interface LevelChange {
  readonly customerId: number;
  readonly from: string;
  readonly to: string;
}

/**
 * Re-levels these customers: up at once; down only under the `grace` rule, once they have
 * stayed below their level's threshold for `graceDays` (the job's part; on earning,
 * `upgradeOnly` skips it). Returns the changes.
 */
export async function relevel(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
  { upgradeOnly }: { upgradeOnly: boolean },
): Promise<LevelChange[]> {
  const levels = ctx.config.levels.thresholds;
  const rule = ctx.config.levels.downgrade;
  const now = isoDaysFrom(ctx);
  const [accounts, values] = await Promise.all([
    readAccounts(ctx, customerIds),
    qualifying(ctx, customerIds),
  ]);
  const moves = new Map<string, number[]>();
  const falling: number[] = [];
  const steady: number[] = [];
  const changes: LevelChange[] = [];
  const move = (account: Account, to: string) => {
    moves.set(to, [...(moves.get(to) ?? []), account.customerId]);
    changes.push({ customerId: account.customerId, from: account.level, to });
  };
  for (const account of accounts.values()) {
    const target = levelFor(levels, values.get(account.customerId) ?? 0);
    const current = rankOf(levels, account.level);
    const reached = rankOf(levels, target.id);
    const known = levels.some((level) => level.id === account.level);
    if (reached > current || !known) {
      move(account, target.id);
    } else if (reached === current) {
      if (account.belowSince !== null) steady.push(account.customerId);
    } else if (!upgradeOnly && rule.rule === 'grace') {
      if (account.belowSince === null) falling.push(account.customerId);
      else if (account.belowSince <= isoDaysFrom(ctx, -rule.graceDays)) move(account, target.id);
    }
  }
  const db = loyaltyDb(ctx);
  for (const [to, ids] of moves) {
    for (const chunk of chunked(ids, 500)) {
      await db
        .updateTable('loyalty_accounts')
        .set({ level: to, level_since: now, below_since: null, updated_at: now })
        .where('team_id', '=', ctx.teamId)
        .where('customer_id', 'in', chunk)
        .execute();
    }
  }
  for (const [ids, belowSince] of [
    [falling, now],
    [steady, null],
  ] as const) {
    for (const chunk of chunked(ids, 500)) {
      await db
        .updateTable('loyalty_accounts')
        .set({ below_since: belowSince, updated_at: now })
        .where('team_id', '=', ctx.teamId)
        .where('customer_id', 'in', chunk)
        .execute();
    }
  }
  return changes;
}
