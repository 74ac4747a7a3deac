import { dayOf, type PluginContext, type ScoreInput } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { latestFit } from '../fits';
import { type ModelScore, modelScores } from '../model-scores';
import { type PurchaseDay, purchaseDaysOf, type ScoringDb } from '../store';

/** Today in the team's time zone, YYYY-MM-DD. */
export const today = (ctx: PluginContext) => dayOf(ctx.clock.now(), ctx.timeZone);

type ModelBatch = { scores: ModelScore[]; unit: 'week' | 'day' } | null;

// The scoring plugin's scorers run one after another over the same batch: they share its
// purchase days and model scores, read once per batch.
const daysByBatch = new WeakMap<readonly ScoreInput[], Promise<PurchaseDay[]>>();
const modelsByBatch = new WeakMap<readonly ScoreInput[], Promise<ModelBatch>>();

function remembered<T>(
  memo: WeakMap<readonly ScoreInput[], Promise<T>>,
  batch: readonly ScoreInput[],
  compute: () => Promise<T>,
): Promise<T> {
  const known = memo.get(batch);
  if (known !== undefined) return known;
  const computed = compute();
  memo.set(batch, computed);
  return computed;
}

/** The batch's purchase days up to today, grouped by customer in day order. */
export function batchDays(
  batch: readonly ScoreInput[],
  ctx: PluginContext<ScoringConfig>,
): Promise<PurchaseDay[]> {
  return remembered(daysByBatch, batch, () =>
    purchaseDaysOf(
      ctx.db as ScoringDb,
      ctx.teamId,
      batch.map((input) => input.customerId),
      today(ctx),
    ),
  );
}

/** Model scores of a batch as of today, or none before the team's first fit. */
export function modelBatch(
  batch: readonly ScoreInput[],
  ctx: PluginContext<ScoringConfig>,
): Promise<ModelBatch> {
  return remembered(modelsByBatch, batch, async () => {
    const fit = await latestFit(ctx.db as ScoringDb, ctx.teamId);
    if (fit === null) return null;
    const facts = new Map(batch.map((input) => [input.customerId, input.facts]));
    const days = await batchDays(batch, ctx);
    return { scores: modelScores(fit, ctx.config, days, today(ctx), facts), unit: fit.unit };
  });
}
