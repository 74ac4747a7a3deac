import type { Locale, PanelDefinition } from '@guanxi/core';

const TEXT: Record<Locale, { title: string; orders: string; revenue: string }> = {
  en: { title: 'Orders at a glance', orders: 'Orders', revenue: 'Revenue' },
  'zh-CN': { title: '订单一览', orders: '订单数', revenue: '收入' },
};

/** A section of the customer card, in the reader's language; null shows nothing. */
export const panel: PanelDefinition<unknown> = {
  id: 'orders',
  async render({ facts, locale }) {
    if (facts.orderCount === 0) return null;
    return {
      title: TEXT[locale].title,
      items: [
        { label: TEXT[locale].orders, value: String(facts.orderCount) },
        { label: TEXT[locale].revenue, value: (facts.revenue / 100).toFixed(2) },
      ],
      actions: [],
    };
  },
};
