import type { CustomerFacts, Locale, PanelDefinition, ScorerDefinition } from '@guanxi/core';
import { z } from 'zod';
import type { MyPluginConfig } from './config';

// The card's typed field this plugin fills: card.slots.myPlugin.
declare module '@guanxi/core' {
  interface CardSlots {
    myPlugin?: { score: number };
  }
}

/** The rule, from 0 to 100: half for revenue, half for orders, each up to its threshold. */
export function scoreOf(facts: CustomerFacts, config: MyPluginConfig): number {
  const revenue = Math.min(facts.revenue / config.goodRevenue, 1);
  const orders = Math.min(facts.orderCount / config.goodOrders, 1);
  return Math.round(50 * revenue + 50 * orders);
}

/** The scoring plugin runs this over a team's buyers and stores what it returns. */
export const scorer: ScorerDefinition<MyPluginConfig> = {
  id: 'score',
  version: '1',
  async score(batch, ctx) {
    return batch.map(({ customerId, facts }) => ({
      customerId,
      value: scoreOf(facts, ctx.config),
      reasons: [`${facts.orderCount} orders`],
    }));
  },
};

const TEXT: Record<Locale, { title: string; score: string }> = {
  en: { title: 'My score', score: 'Score' },
  'zh-CN': { title: '我的评分', score: '评分' },
};

/** The plugin's section of the customer card, in the reader's language. */
export const panel: PanelDefinition<MyPluginConfig> = {
  id: 'score',
  // The slot's schema: the API's document, and clients generated from it, describe it.
  slots: { myPlugin: z.strictObject({ score: z.number().int() }) },
  async render({ facts, locale }, ctx) {
    const score = scoreOf(facts, ctx.config);
    return {
      title: TEXT[locale].title,
      items: [{ label: TEXT[locale].score, value: String(score) }],
      actions: [],
      slots: { myPlugin: { score } },
    };
  },
};
