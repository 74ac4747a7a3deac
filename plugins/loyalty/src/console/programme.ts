import { chunked, type PluginContext, startOfDayFrom } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { listRewards, type Reward } from '../rewards';
import { loyaltyDb } from '../tables';

type Ctx = PluginContext<LoyaltyConfig>;

export interface CatalogueRow extends Reward {
  readonly redeemed: number;
}

/** Every reward of the team, active first then by cost, with how often each was redeemed. */
export async function catalogue(ctx: Ctx): Promise<CatalogueRow[]> {
  const [rewards, counts] = await Promise.all([
    listRewards(ctx, { all: true }),
    loyaltyDb(ctx)
      .selectFrom('loyalty_redemptions')
      .select((eb) => ['reward_id', eb.fn.countAll<number | string>().as('redeemed')])
      .where('team_id', '=', ctx.teamId)
      .groupBy('reward_id')
      .execute(),
  ]);
  const redeemed = new Map(counts.map((row) => [Number(row.reward_id), Number(row.redeemed)]));
  return rewards
    .map((reward) => ({ ...reward, redeemed: redeemed.get(reward.id) ?? 0 }))
    .sort((a, b) => Number(b.active) - Number(a.active));
}

/** How many redemptions the team made since `since` (ISO). */
export async function redemptionsSince(ctx: Ctx, since: string): Promise<number> {
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_redemptions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('team_id', '=', ctx.teamId)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface LevelCount {
  readonly level: string;
  readonly members: number;
  readonly points: number;
}

/** Members and points held at each level the team's accounts hold. */
export async function levelCounts(ctx: Ctx): Promise<LevelCount[]> {
  const rows = await loyaltyDb(ctx)
    .selectFrom('loyalty_accounts')
    .select((eb) => [
      'level',
      eb.fn.countAll<number | string>().as('members'),
      eb.fn.sum<number | string>('balance').as('points'),
    ])
    .where('team_id', '=', ctx.teamId)
    .groupBy('level')
    .execute();
  return rows.map((row) => ({
    level: row.level,
    members: Number(row.members),
    points: Number(row.points ?? 0),
  }));
}

export interface Member {
  readonly customerId: number;
  readonly level: string;
  readonly balance: number;
  readonly earned: number;
}

/**
 * A page of members, of one level or all, by customer; `after` is the last of the page
 * before. A level's page is found in the level index alone, then read by the accounts' key:
 * asked for the accounts' other columns at once, SQLite walks the whole team by its key
 * instead, however few customers the level holds.
 */
export async function members(
  ctx: Ctx,
  level: string | undefined,
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<Member[]> {
  const db = loyaltyDb(ctx);
  const accounts = db
    .selectFrom('loyalty_accounts')
    .select(['customer_id', 'level', 'balance', 'earned'])
    .where('team_id', '=', ctx.teamId)
    .orderBy('customer_id');
  let rows: Awaited<ReturnType<typeof accounts.execute>>;
  if (level === undefined) {
    rows = await accounts
      .$if(page.after !== undefined, (q) => q.where('customer_id', '>', page.after as number))
      .limit(page.size)
      .execute();
  } else {
    const ids = await db
      .selectFrom('loyalty_accounts')
      .select('customer_id')
      .where('team_id', '=', ctx.teamId)
      .where('level', '=', level)
      .$if(page.after !== undefined, (q) => q.where('customer_id', '>', page.after as number))
      .orderBy('customer_id')
      .limit(page.size)
      .execute();
    rows = [];
    for (const chunk of chunked(ids, 500)) {
      rows.push(
        ...(await accounts
          .where(
            'customer_id',
            'in',
            chunk.map((row) => row.customer_id),
          )
          .execute()),
      );
    }
  }
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    level: row.level,
    balance: Number(row.balance),
    earned: Number(row.earned),
  }));
}

export interface RedemptionRow {
  readonly id: number;
  readonly customerId: number;
  readonly reward: string;
  readonly points: number;
  readonly actor: string;
  readonly at: string;
}

/** A page of the team's redemptions, newest first; `after` is the last id of the page before. */
export async function latestRedemptions(
  ctx: Ctx,
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<RedemptionRow[]> {
  const rows = await loyaltyDb(ctx)
    .selectFrom('loyalty_redemptions as r')
    .innerJoin('loyalty_rewards as w', 'w.id', 'r.reward_id')
    .select(['r.id', 'r.customer_id', 'w.name', 'r.points', 'r.actor', 'r.at'])
    .where('r.team_id', '=', ctx.teamId)
    .$if(page.after !== undefined, (q) => q.where('r.id', '<', page.after as number))
    .orderBy('r.id', 'desc')
    .limit(page.size)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    reward: row.name,
    points: Number(row.points),
    actor: row.actor,
    at: row.at,
  }));
}

/**
 * From now to the end of the team's day `days` days from today (ISO times): the points that
 * lapse at any of the coming `days` midnights.
 */
export function comingDays(ctx: Ctx, days: number): { from: string; to: string } {
  const now = ctx.clock.now();
  return { from: now.toISOString(), to: startOfDayFrom(now, days + 1, ctx.timeZone) };
}

/** Unspent points lapsing within the range, read from the lapsing index alone (migration 0004). */
function unspent(ctx: Ctx, range: { from: string; to: string }) {
  return loyaltyDb(ctx)
    .selectFrom('loyalty_ledger')
    .where('team_id', '=', ctx.teamId)
    .where('remaining', '>', 0)
    .where('expires_at', '>=', range.from)
    .where('expires_at', '<', range.to);
}

export interface Expiry {
  readonly expiresAt: string;
  readonly points: number;
}

/** Each lapse time in the range with its points, soonest first. */
export async function expiries(ctx: Ctx, range: { from: string; to: string }): Promise<Expiry[]> {
  const rows = await unspent(ctx, range)
    .select((eb) => ['expires_at', eb.fn.sum<number | string>('remaining').as('points')])
    .groupBy('expires_at')
    .orderBy('expires_at')
    .execute();
  return rows.map((row) => ({
    expiresAt: row.expires_at as string,
    points: Number(row.points),
  }));
}

/** How many customers lose points in the range. */
export async function customersLosing(
  ctx: Ctx,
  range: { from: string; to: string },
): Promise<number> {
  const row = await unspent(ctx, range)
    .select((eb) => eb.fn.count<number | string>('customer_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface CustomerExpiry {
  readonly customerId: number;
  readonly expiresAt: string;
  readonly points: number;
}

/**
 * The points that lapse first in the range, by day and customer, in the index's own order:
 * the page stops after `size` of them however many lapse.
 */
export async function soonestExpiring(
  ctx: Ctx,
  range: { from: string; to: string },
  size: number,
): Promise<CustomerExpiry[]> {
  const rows = await unspent(ctx, range)
    .select((eb) => [
      'expires_at',
      'customer_id',
      eb.fn.sum<number | string>('remaining').as('points'),
    ])
    .groupBy(['expires_at', 'customer_id'])
    .orderBy('expires_at')
    .orderBy('customer_id')
    .limit(size)
    .execute();
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    expiresAt: row.expires_at as string,
    points: Number(row.points),
  }));
}
