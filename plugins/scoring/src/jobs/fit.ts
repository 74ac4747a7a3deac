import type { JobDefinition } from '@guanxi/core';
import { analyse, chooseModel } from '../analysis';
import { saveBacktest } from '../backtests';
import type { ScoringConfig } from '../config';
import { type StoredFit, saveFit } from '../fits';
import { summariesOf } from '../model-scores';
import { autoWindow, type CustomerSummary, type TimeUnit } from '../models';
import { today } from '../scorers/model-batch';
import { purchaseDayRange, type ScoringDb, teamPurchaseDays } from '../store';
import { parseJobArgs } from './args';
import { teamSplit } from './holdout';

/** Every customer's summary as of `until`, read a page of customers at a time. */
export async function teamSummaries(
  db: ScoringDb,
  teamId: number,
  until: string,
  unit: TimeUnit,
): Promise<CustomerSummary[]> {
  const summaries: CustomerSummary[] = [];
  for await (const days of teamPurchaseDays(db, teamId, until)) {
    summaries.push(...summariesOf(days, until, unit));
  }
  return summaries;
}

/** The team's own history up to `until`, split for an automatic choice; null if too short. */
async function holdoutOf(db: ScoringDb, teamId: number, until: string, unit: TimeUnit) {
  const range = await purchaseDayRange(db, teamId, until);
  const window = range === null ? null : autoWindow(range.first, range.last, unit);
  return window === null ? null : { window, split: await teamSplit(db, teamId, window) };
}

export const fitJob: JobDefinition<ScoringConfig> = {
  description:
    'Fits the purchase model (auto: the best of BG/NBD, MBG/NBD and Pareto/NBD by holdout error) and Gamma-Gamma spend to the team history (args: model, unit, until)',
  async run(ctx) {
    const args = parseJobArgs(ctx.args);
    const unit = args.unit ?? ctx.config.unit;
    const until = args.until ?? today(ctx);
    const requested = args.model ?? ctx.config.model;
    const db = ctx.db as ScoringDb;
    const summaries = await teamSummaries(db, ctx.teamId, until, unit);
    const holdout = requested === 'auto' ? await holdoutOf(db, ctx.teamId, until, unit) : null;
    const choice = chooseModel(requested, summaries, holdout);
    const analysis = analyse(summaries, choice.model);
    const fittedAt = ctx.clock.now().toISOString();
    const fit: StoredFit = {
      ...analysis,
      params: { ...analysis.params },
      selection: choice.selection,
      unit,
      until,
      fittedAt,
    };
    await saveFit(db, ctx.teamId, fit);
    if (choice.backtest !== null) await saveBacktest(db, ctx.teamId, choice.backtest, fittedAt);
    return { ...fit, backtest: choice.backtest };
  },
};
