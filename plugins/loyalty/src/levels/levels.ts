import { chunked, daysBetween, startOfDayFrom } from '@guanxi/core';
import type { LevelConfig } from '../config';
import { isoNow, type LoyaltyContext } from '../context';
import {
  type Account,
  type AccountDates,
  readAccountDates,
  readAccounts,
} from '../ledger/accounts';
import { customerEntries, type LedgerRow } from '../ledger/customer-entries';
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

/** An entry's part in the level value: a reverse takes back all its order earned, spent or not. */
function levelPoints(entry: Pick<LedgerRow, 'kind' | 'points' | 'shortfall'>): number {
  const points = Number(entry.points);
  return entry.kind === 'reverse' ? points - Number(entry.shortfall ?? 0) : points;
}

/** The level value of these customers' entries since `since`, read from the ledger. */
async function periodValues(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
  since: string,
): Promise<Map<number, number>> {
  const entries = await customerEntries(ctx, customerIds, (query) =>
    query.where('kind', 'in', ['earn', 'reverse']).where('at', '>=', since),
  );
  const values = new Map<number, number>();
  for (const entry of entries) {
    const id = Number(entry.customer_id);
    const value =
      ctx.config.levels.basis === 'points' ? levelPoints(entry) : Number(entry.amount ?? 0);
    values.set(id, (values.get(id) ?? 0) + value);
  }
  return values;
}

/**
 * What each customer has done over the level period: points earned (reversed orders count
 * in full, spent or not) or spend in minor units. An account that first earned within the
 * period holds it already (its whole history); the others are read from the ledger.
 */
async function levelValues(
  ctx: LoyaltyContext,
  accounts: readonly Account[],
  dates: ReadonlyMap<number, AccountDates>,
): Promise<Map<number, number>> {
  const { basis, periodDays } = ctx.config.levels;
  // The period is the team's `periodDays` days up to and including today.
  const since = startOfDayFrom(ctx.clock.now(), 1 - periodDays, ctx.timeZone);
  const values = new Map<number, number>();
  const older: number[] = [];
  for (const account of accounts) {
    const first = dates.get(account.customerId)?.firstEarnedAt;
    if (first === undefined || (first !== null && first < since)) {
      older.push(account.customerId);
    } else {
      values.set(account.customerId, basis === 'points' ? account.earned : account.spend);
    }
  }
  for (const [id, value] of await periodValues(ctx, older, since)) values.set(id, value);
  return values;
}

export interface LevelChange {
  readonly customerId: number;
  readonly from: string;
  readonly to: string;
}

export interface RelevelOptions {
  /** Only up: earning's part; the levels job also moves down. */
  readonly upgradeOnly: boolean;
  /** These customers' accounts as they are now, when the caller has them: not read again. */
  readonly accounts?: ReadonlyMap<number, Account>;
}

/**
 * Re-levels these customers: up at once; down only under the `grace` rule, once they have
 * stayed below their level's threshold for `graceDays` (the job's part; on earning,
 * `upgradeOnly` skips it). Returns the changes.
 */
export async function relevel(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
  options: RelevelOptions,
): Promise<LevelChange[]> {
  const { upgradeOnly } = options;
  const levels = ctx.config.levels.thresholds;
  const rule = ctx.config.levels.downgrade;
  const now = isoNow(ctx);
  const accounts = options.accounts ?? (await readAccounts(ctx, customerIds));
  const dates = await readAccountDates(ctx, customerIds);
  const values = await levelValues(ctx, [...accounts.values()], dates);
  const moves = new Map<string, number[]>();
  const falling: number[] = [];
  const steady: number[] = [];
  const changes: LevelChange[] = [];
  const move = (account: Account, to: string) => {
    moves.set(to, [...(moves.get(to) ?? []), account.customerId]);
    changes.push({ customerId: account.customerId, from: account.level, to });
  };
  for (const account of accounts.values()) {
    const belowSince = dates.get(account.customerId)?.belowSince ?? null;
    const target = levelFor(levels, values.get(account.customerId) ?? 0);
    const current = rankOf(levels, account.level);
    const reached = rankOf(levels, target.id);
    const known = levels.some((level) => level.id === account.level);
    if (reached > current || !known) {
      move(account, target.id);
    } else if (reached === current) {
      if (belowSince !== null) steady.push(account.customerId);
    } else if (!upgradeOnly && rule.rule === 'grace') {
      if (belowSince === null) falling.push(account.customerId);
      else if (daysBetween(belowSince, now, ctx.timeZone) >= rule.graceDays) {
        move(account, target.id);
      }
    }
  }
  for (const [to, ids] of moves) {
    await setLevel(ctx, ids, to);
    await setDates(ctx, ids, { level_since: now, below_since: null });
  }
  await setDates(ctx, falling, { below_since: now });
  await setDates(ctx, steady, { below_since: null });
  return changes;
}

/** Moves these accounts to the level. */
async function setLevel(ctx: LoyaltyContext, customerIds: readonly number[], level: string) {
  for (const chunk of chunked(customerIds, 500)) {
    await loyaltyDb(ctx)
      .updateTable('loyalty_accounts')
      .set({ level })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', chunk)
      .execute();
  }
}

/** Sets these accounts' level dates. */
async function setDates(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
  dates: { level_since?: string; below_since: string | null },
) {
  for (const chunk of chunked(customerIds, 500)) {
    await loyaltyDb(ctx)
      .updateTable('loyalty_account_dates')
      .set({ ...dates, updated_at: isoNow(ctx) })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', chunk)
      .execute();
  }
}
