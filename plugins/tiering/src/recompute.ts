import type { PluginContext } from '@guanxi/core';
import { chunked } from '@guanxi/core';
import { sql } from 'kysely';
import { ANNOUNCE_BATCH, announceChanges } from './changes';
import type { TieringConfig } from './config';
import type { TierChange } from './events';
import { ladderCutoffs, ladderSql } from './ladder';
import {
  type Cut,
  cutRanks,
  planBoundaries,
  type RankKey,
  type Thresholds,
  thresholdValue,
} from './pyramid';
import { refreshValues } from './refresh';
import { type TieringDb, tieringDb } from './store';
import { loadThresholds, saveThresholds } from './thresholds';
import { crossedThresholdSql, placeTierSql } from './tier-sql';
import { BOUNDARIES, type Boundary, type Tier } from './tiers';
import { unrankNonCustomers } from './unrank';

export interface RecomputeOptions {
  /** Reload every value through the core API first (plugin enabled late, measure changed). */
  readonly refresh: boolean;
}

export interface RecomputeResult {
  /** N: how many customers were ranked. */
  readonly customers: number;
  /** How many changed tier. */
  readonly changed: number;
  /** The value at each boundary, named by the tier above it; null when that tier is empty. */
  readonly thresholds: Readonly<Record<Boundary, number | null>>;
  /** Whether hysteresis held customers in their tiers (not on a team's first ranking). */
  readonly hysteresis: boolean;
  /** How many customers the refresh reloaded; null without one. */
  readonly refreshed: number | null;
}

/** The ranking, best first; ties go to the lower (older) customer id. */
function ranked(db: TieringDb, teamId: number) {
  return db
    .selectFrom('tiering_values')
    .select([
      'team_id',
      'customer_id',
      'value',
      'tier',
      sql<number>`row_number() over (order by value desc, customer_id)`.as('rank'),
    ])
    .where('team_id', '=', teamId);
}

async function countRanked(db: TieringDb, teamId: number): Promise<number> {
  const row = await db
    .selectFrom('tiering_values')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The key `offset` places below `from` in the ranking (from the top when `from` is null). */
async function keyBelow(
  db: TieringDb,
  teamId: number,
  from: RankKey | null,
  offset: number,
): Promise<RankKey | undefined> {
  let query = db
    .selectFrom('tiering_values')
    .select(['value', 'customer_id'])
    .where('team_id', '=', teamId);
  if (from !== null) {
    query = query
      .where('value', '<=', from.value)
      .where((eb) =>
        eb.or([eb('value', '<', from.value), eb('customer_id', '>', from.customerId)]),
      );
  }
  const row = await query
    .orderBy('value', 'desc')
    .orderBy('customer_id')
    .limit(1)
    .offset(offset)
    .executeTakeFirst();
  return row === undefined ? undefined : { value: row.value, customerId: row.customer_id };
}

/**
 * Walks the ranking index once, top down, and keeps in tiering_marks the key at every
 * ⌈2√N⌉-th rank (so a card finds a rank by counting at most that many rows) and at every rank
 * the thresholds need: about √N/2 small queries, with no sort and no write per customer.
 * Returns the new thresholds.
 */
async function markRanking(
  db: TieringDb,
  ctx: PluginContext<TieringConfig>,
  customers: number,
  computedAt: string,
): Promise<Thresholds> {
  const { teamId, config } = ctx;
  const plans = planBoundaries(customers, config.shares, config.hysteresis);
  const step = Math.max(1, Math.ceil(2 * Math.sqrt(customers)));
  const targets = new Set(cutRanks(plans).filter((rank) => rank >= 1 && rank <= customers));
  for (let rank = step; rank <= customers; rank += step) targets.add(rank);
  const keys = new Map<number, RankKey>();
  let previous: { rank: number; key: RankKey | null } = { rank: 0, key: null };
  for (const rank of [...targets].sort((a, b) => a - b)) {
    const key = await keyBelow(db, teamId, previous.key, rank - previous.rank - 1);
    if (key === undefined) break;
    keys.set(rank, key);
    previous = { rank, key };
  }
  await db.deleteFrom('tiering_marks').where('team_id', '=', teamId).execute();
  for (const chunk of chunked([...keys], 500)) {
    await db
      .insertInto('tiering_marks')
      .values(
        chunk.map(([rank, key]) => ({
          team_id: teamId,
          rank,
          value: key.value,
          customer_id: key.customerId,
        })),
      )
      .execute();
  }
  const cut = (rank: number): Cut => ({ rank, key: keys.get(rank) ?? null });
  const boundaries = plans.map((p) => ({
    boundary: p.boundary,
    margin: p.margin,
    at: cut(p.rank),
    keepAbove: cut(p.rank + p.margin),
    keepBelow: cut(p.rank - p.margin),
  }));
  return {
    measure: config.measure,
    customers,
    computedAt,
    boundaries: boundaries,
  };
}

/**
 * Records every customer whose tier the thresholds change, with its rank, then moves them:
 * two set-based statements that only write the rows that change. Returns how many moved.
 */
async function moveTiers(
  db: TieringDb,
  teamId: number,
  runId: number,
  thresholds: Thresholds,
  hysteresis: boolean,
  at: string,
): Promise<number> {
  const target = placeTierSql(thresholds, hysteresis);
  const moving = await db
    .selectFrom('tiering_values')
    .select('customer_id')
    .where('team_id', '=', teamId)
    .where(sql<boolean>`tier <> ${target}`)
    .limit(1)
    .executeTakeFirst();
  if (moving === undefined) return 0;
  const placed = db.selectFrom(ranked(db, teamId).as('r')).selectAll().select(target.as('to_tier'));
  const inserted = await db
    .insertInto('tiering_changes')
    .columns([
      'team_id',
      'customer_id',
      'run_id',
      'from_tier',
      'to_tier',
      'value',
      'rank',
      'threshold',
      'measure',
      'changed_at',
    ])
    .expression(
      db
        .selectFrom(placed.as('p'))
        .select([
          'team_id',
          'customer_id',
          sql<number>`cast(${runId} as bigint)`.as('run_id'),
          'tier',
          'to_tier',
          'value',
          'rank',
          crossedThresholdSql(thresholds).as('threshold'),
          sql<string>`cast(${thresholds.measure} as text)`.as('measure'),
          sql<string>`cast(${at} as text)`.as('changed_at'),
        ])
        .where(sql<boolean>`to_tier <> tier`),
    )
    .executeTakeFirstOrThrow();
  await db
    .updateTable('tiering_values')
    .set({ tier: target, previous_tier: sql<Tier>`tier`, tier_since: at })
    .where('team_id', '=', teamId)
    .where(sql<boolean>`tier <> ${target}`)
    .execute();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Fires `tier:changed` for one run's changes, a page at a time. The run's
 * rows all have ids above `after`, the highest id before the run, so the primary key finds
 * them without an index on the run.
 */
async function announceRun(
  db: TieringDb,
  ctx: PluginContext<TieringConfig>,
  run: { readonly id: number; readonly after: number },
  thresholds: Thresholds,
): Promise<void> {
  let after = run.after;
  for (;;) {
    const rows = await db
      .selectFrom('tiering_changes')
      .select(['id', 'customer_id', 'from_tier', 'to_tier', 'value', 'rank', 'threshold'])
      .where('run_id', '=', run.id)
      .where('id', '>', after)
      .orderBy('id')
      .limit(ANNOUNCE_BATCH)
      .execute();
    if (rows.length === 0) return;
    const changes = rows.map(
      (row): TierChange => ({
        customerId: row.customer_id,
        from: row.from_tier,
        to: row.to_tier,
        value: row.value,
        rank: row.rank,
        of: thresholds.customers,
        threshold: row.threshold,
        measure: thresholds.measure,
        cause: 'recompute',
        changedAt: thresholds.computedAt,
      }),
    );
    await announceChanges(ctx, changes, { touch: false });
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/**
 * Re-tiers a team: takes non-customers out (see unrank.ts), ranks every customer by the
 * measure in SQL, moves those whose tier changes
 * (keeping customers inside their tier's widened band when hysteresis applies), records and
 * announces the changes, updates the ladder and stores the new thresholds. Hysteresis applies
 * from the second ranking by the same measure on: the first places everyone by rank alone.
 */
export async function recompute(
  ctx: PluginContext<TieringConfig>,
  options: RecomputeOptions,
): Promise<RecomputeResult> {
  const db = tieringDb(ctx);
  const { teamId, config } = ctx;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const refreshed = options.refresh ? await refreshValues(ctx) : null;
  await unrankNonCustomers(ctx);
  const customers = await countRanked(db, teamId);
  const prior = await loadThresholds(db, teamId);
  const hysteresis = prior?.measure === config.measure && config.hysteresis > 0;
  const thresholds = await markRanking(db, ctx, customers, at);
  const last = await db
    .selectFrom('tiering_changes')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const run = await db
    .insertInto('tiering_runs')
    .values({
      team_id: teamId,
      measure: config.measure,
      customers,
      changed: 0,
      hysteresis: hysteresis ? 1 : 0,
      ran_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const changed = await moveTiers(db, teamId, run.id, thresholds, hysteresis, at);
  const ladder = ladderSql(ladderCutoffs(now, config.ladder, ctx.timeZone));
  await db
    .updateTable('tiering_values')
    .set({ ladder })
    .where('team_id', '=', teamId)
    .where(sql<boolean>`ladder <> ${ladder}`)
    .execute();
  await saveThresholds(db, teamId, thresholds);
  await db.updateTable('tiering_runs').set({ changed }).where('id', '=', run.id).execute();
  // The changes are kept either way (the card's "why"); reading them back as events is only
  // worth it when a plugin or a webhook of the team takes `tier:changed`.
  if (await ctx.listened('tier:changed')) {
    await announceRun(db, ctx, { id: run.id, after: Number(last?.id ?? 0) }, thresholds);
  }
  // Every card's "why" names the thresholds, which a run moves: refresh the team's cards.
  await ctx.core.customers.touchAll(teamId);
  return {
    customers,
    changed,
    thresholds: Object.fromEntries(
      BOUNDARIES.map((b) => [b, thresholdValue(thresholds, b)]),
    ) as Record<Boundary, number | null>,
    hysteresis,
    refreshed,
  };
}
