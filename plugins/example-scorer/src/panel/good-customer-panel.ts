import type { Locale, PanelDefinition } from '@guanxi/core';
import { goodCustomerSlotSchema } from '../card-slots';
import type { ExampleScorerConfig } from '../config';
import { evaluate, strongestAndWeakest } from '../score/evaluate';
import { phrase } from '../score/reasons';
import { loadSignals } from '../signals/signals';

const LABELS: Record<Locale, { title: string; score: string; strongest: string; weakest: string }> =
  {
    en: { title: 'Good customer', score: 'Score', strongest: 'Strongest', weakest: 'Weakest' },
    'zh-CN': { title: '好客户评分', score: '评分', strongest: '优势', weakest: '短板' },
  };

/** The good-customer score and why, computed live from the same facts the scorer reads. */
export const goodCustomerPanel: PanelDefinition<ExampleScorerConfig> = {
  id: 'good-customer',
  slots: { goodCustomer: goodCustomerSlotSchema },
  async render({ customer, facts, locale }, ctx) {
    const signalsOf = await loadSignals(ctx, [customer.id], ctx.config.thresholds.graceDays);
    const evaluation = evaluate(
      facts,
      signalsOf(customer.id),
      ctx.config,
      ctx.clock.now(),
      ctx.timeZone,
    );
    const labels = LABELS[locale];
    const [strongest, weakest] = strongestAndWeakest(evaluation);
    const items = [{ label: labels.score, value: `${evaluation.score} / 100` }];
    if (strongest !== undefined) {
      items.push({ label: labels.strongest, value: phrase(strongest, locale) });
    }
    if (weakest !== undefined) {
      items.push({ label: labels.weakest, value: phrase(weakest, locale) });
    }
    return {
      title: labels.title,
      items,
      actions: [],
      slots: { goodCustomer: { score: evaluation.score } },
    };
  },
};
