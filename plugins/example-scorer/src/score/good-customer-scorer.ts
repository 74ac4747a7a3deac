import type { ScorerDefinition } from '@guanxi/core';
import type { ExampleScorerConfig } from '../config';
import { loadSignals } from '../signals/signals';
import { evaluate } from './evaluate';
import { reasonsOf } from './reasons';

/** Signals are read once per batch; the reasons are in English, as stored scores are. */
export const goodCustomerScorer: ScorerDefinition<ExampleScorerConfig> = {
  id: 'good-customer',
  version: '1',
  async score(batch, ctx) {
    const now = ctx.clock.now();
    const ids = batch.map((input) => input.customerId);
    const signalsOf = await loadSignals(ctx, ids, ctx.config.thresholds.graceDays);
    return batch.map(({ customerId, facts }) => {
      const evaluation = evaluate(facts, signalsOf(customerId), ctx.config, now, ctx.timeZone);
      return { customerId, value: evaluation.score, reasons: reasonsOf(evaluation, 'en') };
    });
  },
};
