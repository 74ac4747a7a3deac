import type { Bilingual } from '../labels';

/** Signs that a customer is about to be persuaded. */
export const BUYING_SIGNALS = [
  'compares_terms',
  'complains_other_brand',
  'asks_lower_price',
  'asks_details',
  'introduces_manager',
  'better_reception',
] as const;

export type BuyingSignal = (typeof BUYING_SIGNALS)[number];

export const SIGNAL_LABELS: Readonly<Record<BuyingSignal, Bilingual>> = {
  compares_terms: {
    en: 'Weighs our terms against a competitor’s',
    'zh-CN': '拿我方条件与竞争对手对比',
  },
  complains_other_brand: {
    en: 'Complains about another brand they use',
    'zh-CN': '抱怨正在使用的其他品牌',
  },
  asks_lower_price: { en: 'Asks for a lower price', 'zh-CN': '要求降价' },
  asks_details: {
    en: 'Asks about details, precautions or after-sales service',
    'zh-CN': '询问细节、注意事项或售后服务',
  },
  introduces_manager: {
    en: 'Introduces you to a manager or director',
    'zh-CN': '把你引荐给部门经理或总经理',
  },
  better_reception: { en: 'Receives you noticeably better', 'zh-CN': '接待规格明显提高' },
};
