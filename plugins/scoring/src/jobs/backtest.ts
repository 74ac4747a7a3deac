import { type FieldIssue, GuanxiError, type JobDefinition } from '@guanxi/core';
import { saveBacktest } from '../backtests';
import type { ScoringConfig } from '../config';
import { backtestModels, MODEL_NAMES } from '../models';
import { purchaseDayRange, type ScoringDb } from '../store';
import { type JobArgs, parseJobArgs } from './args';
import { teamSplit } from './holdout';

function refuse(issue: FieldIssue): never {
  throw new GuanxiError('GX_ERR_VALIDATION', `Cannot backtest: ${issue.path} ${issue.message}`, {
    issues: [issue],
  });
}

/** The calibration end and the holdout end: by default the team's last purchase day. */
function windowOf(args: JobArgs, last: string | undefined): { until: string; holdoutEnd: string } {
  const { until } = args;
  if (until === undefined) refuse({ path: 'args.until', message: 'is required' });
  if (args.holdoutEnd !== undefined) {
    if (args.holdoutEnd <= until)
      refuse({ path: 'args.holdoutEnd', message: `must be after ${until}` });
    return { until, holdoutEnd: args.holdoutEnd };
  }
  if (last === undefined) refuse({ path: 'args.until', message: 'the team has no orders yet' });
  if (until >= last)
    refuse({ path: 'args.until', message: `must be a date before ${last}, the last order` });
  return { until, holdoutEnd: last };
}

/**
 * Fits on the history up to `until` only, then checks the forecast against what the same
 * customers did from then to `holdoutEnd`, by default the team's last purchase day: per week,
 * by calibration frequency, per customer, and how well P(alive) and expected purchases rank who
 * bought again. `auto` (the model argument or the team's setting) backtests every model. The
 * result is kept as the team's latest backtest.
 */
export const backtestJob: JobDefinition<ScoringConfig> = {
  description:
    'Fits on history up to --until and scores the forecast against what came after, to --holdout-end or the last order',
  async run(ctx) {
    const args = parseJobArgs(ctx.args);
    const db = ctx.db as ScoringDb;
    const range = await purchaseDayRange(db, ctx.teamId);
    const window = { ...windowOf(args, range?.last), unit: args.unit ?? ctx.config.unit };
    const split = await teamSplit(db, ctx.teamId, window);
    if (split.summaries.length === 0) {
      refuse({
        path: 'args.until',
        message: `must not be before the first order, ${range?.first}`,
      });
    }
    const model = args.model ?? ctx.config.model;
    const backtest = backtestModels(split, window, model === 'auto' ? MODEL_NAMES : [model]);
    await saveBacktest(db, ctx.teamId, backtest, ctx.clock.now().toISOString());
    return { ...backtest };
  },
};
