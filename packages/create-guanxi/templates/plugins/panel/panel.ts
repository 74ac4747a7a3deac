import { dayOf, formatMoney, type Locale, type PanelDefinition } from '@guanxi/core';

const TEXT: Record<Locale, { title: string; orders: string; revenue: string; last: string }> = {
  en: { title: 'Orders at a glance', orders: 'Orders', revenue: 'Revenue', last: 'Last order' },
  'zh-CN': { title: '订单一览', orders: '订单数', revenue: '收入', last: '最近下单' },
};

/** A section of the customer card, in the reader's language; null shows nothing. */
export const panel: PanelDefinition<unknown> = {
  id: 'orders',
  async render({ facts, locale }, ctx) {
    if (facts.lastOrderAt === null) return null;
    // Money is in the currency's minor units (fen for CNY); days are the team's own.
    const { currency } = await ctx.core.teams.get(ctx.teamId);
    return {
      title: TEXT[locale].title,
      items: [
        { label: TEXT[locale].orders, value: String(facts.orderCount) },
        { label: TEXT[locale].revenue, value: formatMoney(facts.revenue, currency, locale) },
        { label: TEXT[locale].last, value: dayOf(facts.lastOrderAt, ctx.timeZone) },
      ],
      actions: [],
    };
  },
};
