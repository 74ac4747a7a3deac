import type { PluginContext } from '@guanxi/core';
import { latestBacktest, type StoredBacktest } from './backtests';
import type { ModelChoice, ScoringConfig } from './config';
import { latestFit, type StoredFit } from './fits';
import type { ScoringDb } from './store';

/** What a report tells of the team's fit: the model, how it was chosen, on what, and when. */
export type ReportedFit = Pick<
  StoredFit,
  'model' | 'selection' | 'unit' | 'until' | 'logLikelihood' | 'fittedAt'
>;

/** The team's model as its setting asks, as fitted and chosen, and the backtest behind it. */
export interface ModelReport {
  readonly setting: ModelChoice;
  readonly fit: ReportedFit | null;
  /** Per model: weekly forecast and actual over the holdout, the frequency table, error, AUCs. */
  readonly backtest: StoredBacktest | null;
}

export async function modelReport(
  ctx: Pick<PluginContext<ScoringConfig>, 'db' | 'teamId' | 'config'>,
): Promise<ModelReport> {
  const db = ctx.db as ScoringDb;
  const fit = await latestFit(db, ctx.teamId);
  return {
    setting: ctx.config.model,
    fit:
      fit === null
        ? null
        : {
            model: fit.model,
            selection: fit.selection,
            unit: fit.unit,
            until: fit.until,
            logLikelihood: fit.logLikelihood,
            fittedAt: fit.fittedAt,
          },
    backtest: await latestBacktest(db, ctx.teamId),
  };
}
