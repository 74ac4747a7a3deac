import type { JobDefinition } from '@guanxi/core';
import { analyse } from '../analysis';
import type { ScoringConfig } from '../config';
import { type StoredFit, saveFit } from '../fits';
import { summariesOf } from '../model-scores';
import type { CustomerSummary } from '../models';
import { today } from '../scorers/model-batch';
import { type ScoringDb, teamPurchaseDays } from '../store';
import { parseJobArgs } from './args';

/** Every customer's summary as of `until`, read a page of customers at a time. */
export async function teamSummaries(
  db: ScoringDb,
  teamId: number,
  until: string,
  unit: 'week' | 'day',
): Promise<CustomerSummary[]> {
  const summaries: CustomerSummary[] = [];
  for await (const days of teamPurchaseDays(db, teamId, until)) {
    summaries.push(...summariesOf(days, until, unit));
  }
  return summaries;
}

export const fitJob: JobDefinition<ScoringConfig> = {
  description:
    'Fits the purchase model and Gamma-Gamma spend to the team history (args: model, unit, until)',
  async run(ctx) {
    const args = parseJobArgs(ctx.args);
    const unit = args.unit ?? ctx.config.unit;
    const until = args.until ?? today(ctx);
    const db = ctx.db as ScoringDb;
    const analysis = analyse(
      await teamSummaries(db, ctx.teamId, until, unit),
      args.model ?? ctx.config.model,
    );
    const fit: StoredFit = {
      ...analysis,
      params: { ...analysis.params },
      unit,
      until,
      fittedAt: ctx.clock.now().toISOString(),
    };
    await saveFit(db, ctx.teamId, fit);
    return { ...fit };
  },
};
