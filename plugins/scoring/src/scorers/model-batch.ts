import type { PluginContext, ScoreInput } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { latestFit } from '../fits';
import { type ModelScore, modelScores } from '../model-scores';
import { purchaseDaysOf, type ScoringDb } from '../store';

export const today = (ctx: PluginContext) => ctx.clock.now().toISOString().slice(0, 10);

/** Model scores of a batch as of today, or none before the team's first fit. */
export async function modelBatch(
  batch: readonly ScoreInput[],
  ctx: PluginContext<ScoringConfig>,
): Promise<{ scores: ModelScore[]; unit: 'week' | 'day' } | null> {
  const db = ctx.db as ScoringDb;
  const fit = await latestFit(db, ctx.teamId);
  if (fit === null) return null;
  const until = today(ctx);
  const days = await purchaseDaysOf(
    db,
    batch.map((input) => input.customerId),
    until,
  );
  const facts = new Map(batch.map((input) => [input.customerId, input.facts]));
  return { scores: modelScores(fit, ctx.config, days, until, facts), unit: fit.unit };
}
