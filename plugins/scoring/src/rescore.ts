import { chunked, type PluginContext } from '@guanxi/core';
import type { ScoringConfig } from './config';
import type { ScoreRecord } from './events';
import { dropScores, type ScoringDb, storeScores } from './store';

/** What every enabled scorer gave some customers: the scores, and whom each scorer left out. */
export interface Rescored {
  readonly records: readonly ScoreRecord[];
  /** By scorer key, the customers it no longer scores. */
  readonly unscored: ReadonlyMap<string, readonly number[]>;
}

/**
 * Runs every scorer the team has enabled (the scoring plugin's own and other plugins') over
 * these customers, stamped with each scorer's version and the time. Reads only.
 */
export async function computeScores(
  ctx: PluginContext<ScoringConfig>,
  customerIds: readonly number[],
): Promise<Rescored> {
  const scorers = await ctx.core.plugins.scorers(ctx.teamId);
  const scoredAt = ctx.clock.now().toISOString();
  const facts = await ctx.core.facts.many(ctx.teamId, customerIds);
  const batch = facts.map((f) => ({ customerId: f.customerId, facts: f }));
  const records: ScoreRecord[] = [];
  const unscored = new Map<string, number[]>();
  for (const scorer of scorers) {
    const scored = new Set<number>();
    for (const score of await scorer.score(batch)) {
      scored.add(score.customerId);
      records.push({
        customerId: score.customerId,
        scorer: scorer.key,
        version: scorer.version,
        value: score.value,
        reasons: score.reasons,
        scoredAt,
      });
    }
    const left = customerIds.filter((id) => !scored.has(id));
    if (left.length > 0) unscored.set(scorer.key, left);
  }
  return { records, unscored };
}

/**
 * Stores what `computeScores` gave, for `customerIds` only when given (a subset of those it
 * ran on), drops the stored score of each scorer that left a customer out, so an old value
 * never lingers on the card, and reports the scores as `scoring:scored`. Returns how many
 * scores were stored.
 */
export async function storeRescored(
  ctx: PluginContext<ScoringConfig>,
  { records, unscored }: Rescored,
  customerIds?: readonly number[],
): Promise<number> {
  const only = customerIds === undefined ? undefined : new Set(customerIds);
  const kept = (id: number) => only === undefined || only.has(id);
  const db = ctx.db as ScoringDb;
  for (const [scorer, ids] of unscored) {
    const dropped = ids.filter(kept);
    if (dropped.length > 0) await dropScores(db, scorer, dropped);
  }
  const stored = records.filter((record) => kept(record.customerId));
  await storeScores(db, ctx.teamId, stored);
  if (stored.length > 0) await ctx.emit('scoring:scored', stored);
  return stored.length;
}

/**
 * Re-scores these customers and stores the scores (see computeScores, storeRescored), 2,000
 * at a time. Returns how many scores were stored. The caller refreshes cached cards where the
 * write itself did not.
 */
export async function rescore(
  ctx: PluginContext<ScoringConfig>,
  customerIds: readonly number[],
): Promise<number> {
  let stored = 0;
  for (const ids of chunked(customerIds, 2_000)) {
    stored += await storeRescored(ctx, await computeScores(ctx, ids));
  }
  return stored;
}
