import { GuanxiError, type JobDefinition } from '@guanxi/core';
import { analyse } from '../analysis';
import type { ScoringConfig } from '../config';
import { auc, expectedPurchases, pAlive, unitsBetween } from '../models';
import { today } from '../scorers/model-batch';
import { type ScoringDb, teamPurchaseDays } from '../store';
import { parseJobArgs } from './args';
import { teamSummaries } from './fit';

/**
 * Fits the model on the history up to `until` only, then checks it against what happened
 * between `until` and today (the clock): how well P(alive) ranks who bought again (AUC), the
 * same for the expected number of purchases, and the forecast against the actual number of
 * repeat purchase days.
 */
export const backtestJob: JobDefinition<ScoringConfig> = {
  description: 'Fits on history up to --until and scores the forecast against what came after',
  async run(ctx) {
    const args = parseJobArgs(ctx.args);
    const holdoutEnd = today(ctx);
    if (args.until === undefined || args.until >= holdoutEnd) {
      throw new GuanxiError('GX_ERR_VALIDATION', 'Backtest needs a calibration end before today', {
        issues: [{ path: 'args.until', message: `must be a date before ${holdoutEnd}` }],
      });
    }
    const until = args.until;
    const unit = args.unit ?? ctx.config.unit;
    const db = ctx.db as ScoringDb;
    const summaries = await teamSummaries(db, ctx.teamId, until, unit);
    const analysis = analyse(summaries, args.model ?? ctx.config.model);

    const later = new Map<number, number>();
    for await (const days of teamPurchaseDays(db, ctx.teamId, holdoutEnd)) {
      for (const day of days) {
        if (day.day > until) later.set(day.customerId, (later.get(day.customerId) ?? 0) + 1);
      }
    }
    const holdout = unitsBetween(until, holdoutEnd, unit);
    const alive: number[] = [];
    const expected: number[] = [];
    const boughtAgain: boolean[] = [];
    let forecast = 0;
    let actual = 0;
    for (const summary of summaries) {
      const purchases = later.get(Number(summary.customer)) ?? 0;
      const forecastOne = expectedPurchases(analysis.model, analysis.params, summary, holdout);
      alive.push(pAlive(analysis.model, analysis.params, summary));
      expected.push(forecastOne);
      boughtAgain.push(purchases > 0);
      forecast += forecastOne;
      actual += purchases;
    }
    return {
      model: analysis.model,
      unit,
      until,
      holdoutEnd,
      holdoutLength: holdout,
      params: analysis.params,
      logLikelihood: analysis.logLikelihood,
      customers: analysis.customers,
      repeatBuyers: analysis.repeatBuyers,
      boughtAgain: boughtAgain.filter(Boolean).length,
      auc: auc(alive, boughtAgain),
      aucExpectedPurchases: auc(expected, boughtAgain),
      forecastRepeatPurchases: forecast,
      actualRepeatPurchases: actual,
      forecastError: actual === 0 ? null : (forecast - actual) / actual,
    };
  },
};
