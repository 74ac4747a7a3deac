import { defineService, type PluginContext } from '@guanxi/core';
import type { ScoringConfig } from './config';
import { latestFit } from './fits';
import { pAliveScores } from './model-scores';
import { today } from './scorers/model-batch';
import { purchaseDaysOf, type ScoringDb } from './store';

/** What other plugins read of scoring: the chance that each customer is still buying. */
export interface PAliveReader {
  /**
   * P(alive), 0–1, of each of these customers as of today by the team's latest fit, as the
   * `scoring/p-alive` scorer gives it; none before the team's first fit, none for a customer
   * without a purchase, and none where the fitted model does not define it (`pAliveDefined`:
   * BG/NBD for a customer without a repeat purchase), so the reader falls back to its own rule.
   */
  pAlive(customerIds: readonly number[]): Promise<ReadonlyMap<number, number>>;
}

/** The P(alive) reader, for `uses` and `ctx.use` in plugins that act on churn risk. */
export const pAliveService = defineService<PAliveReader>('scoring.p-alive');

/** Reads P(alive) for the context's team in its transaction. */
export function pAliveReader(ctx: PluginContext<ScoringConfig>): PAliveReader {
  const db = ctx.db as ScoringDb;
  return {
    async pAlive(customerIds) {
      const fit = customerIds.length === 0 ? null : await latestFit(db, ctx.teamId);
      if (fit === null) return new Map();
      const until = today(ctx);
      return pAliveScores(fit, await purchaseDaysOf(db, ctx.teamId, customerIds, until), until);
    },
  };
}
