import type { Locale } from '@guanxi/core';
import type { Quadrant } from '../measures';

/** The words of the loyalty report in the console. */
export interface ReportPhrases {
  readonly title: string;
  readonly rule: string;
  readonly buyers: string;
  readonly boughtAgain: string;
  readonly discounted: string;
  readonly surveyed: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly orderBands: readonly [string, string, string, string];
  readonly measures: string;
  readonly repeats: string;
  readonly repeatsValue: (perBuyer: number | null) => string;
  readonly boughtAgainShare: string;
  readonly choosing: string;
  readonly days: (mean: number | null) => string;
  readonly competitors: string;
  readonly tolerance: string;
  readonly outOfFive: (mean: number | null) => string;
  readonly priceSensitivity: string;
  readonly spend: string;
  readonly ofBuyers: (n: number) => string;
  readonly ofAnswers: (n: number) => string;
  readonly ofOrders: (n: number) => string;
  readonly fromOrders: string;
  readonly fromSurveys: string;
  readonly fromFlags: string;
  readonly kinds: string;
  readonly kindsCaption: string;
  readonly kind: string;
  readonly meanings: Readonly<Record<Quadrant, string>>;
}

export const REPORT_PHRASES: Readonly<Record<Locale, ReportPhrases>> = {
  en: {
    title: 'Loyalty report',
    rule: 'Loyalty is buying again and again, not now and then. It shows in how often customers buy again, how long they take to choose, how they regard competitors, how much quality trouble they put up with, how little price moves them and how much they spend; attitude (from surveys) against buying behaviour gives four kinds: loyal, latent, spurious and not loyal.',
    buyers: 'Buyers',
    boughtAgain: 'Bought more than once',
    discounted: 'Orders at a discount',
    surveyed: 'Attitude surveys',
    chart: 'Buyers by orders in the range',
    chartCaption: 'How many times each buyer of the range ordered in it.',
    orderBands: ['1 order', '2 orders', '3–5 orders', '6 or more'],
    measures: 'Measures',
    repeats: 'Repeat purchases per buyer',
    repeatsValue: (perBuyer) => (perBuyer === null ? '—' : String(perBuyer)),
    boughtAgainShare: 'Buyers who bought more than once',
    choosing: 'Time spent choosing',
    days: (mean) => (mean === null ? '—' : `${mean} days`),
    competitors: 'Attitude to competitors (5: not interested)',
    tolerance: 'Tolerance of quality problems (5: stays through them)',
    outOfFive: (mean) => (mean === null ? '—' : `${mean} / 5`),
    priceSensitivity: 'Price sensitivity: orders at a discount',
    spend: 'Spend per buyer',
    ofBuyers: (n) => (n === 1 ? '1 buyer' : `${n} buyers`),
    ofAnswers: (n) => (n === 1 ? '1 answer' : `${n} answers`),
    ofOrders: (n) => (n === 1 ? '1 order' : `${n} orders`),
    fromOrders: 'Orders',
    fromSurveys: 'Attitude surveys',
    fromFlags: 'Discount flags on orders',
    kinds: 'Kinds of loyalty',
    kindsCaption: 'Customers surveyed in the range: attitude against repeat buying.',
    kind: 'Kind',
    meanings: {
      loyal: 'Favourable and buying again: the core to keep.',
      latent: 'Favourable but not buying again yet: remove what stops them.',
      spurious: 'Buying again without liking us: held by habit or cost, easily lost.',
      not_loyal: 'Neither: not worth special effort.',
    },
  },
  'zh-CN': {
    title: '忠诚报表',
    rule: '忠诚是一再重复购买，而不是偶尔购买。它体现在：重复购买的次数、挑选所花的时间、对竞争品牌的态度、对质量问题的承受程度、对价格的敏感程度以及购买金额；调查中的态度与实际购买行为交叉，可分为忠诚、潜在忠诚、虚伪忠诚和不忠诚四类。',
    buyers: '购买客户',
    boughtAgain: '多次购买',
    discounted: '折扣订单',
    surveyed: '态度调查',
    chart: '按区间内订单数的购买客户',
    chartCaption: '区间内每位购买客户在区间内下单的次数。',
    orderBands: ['1 单', '2 单', '3–5 单', '6 单及以上'],
    measures: '指标',
    repeats: '人均重复购买次数',
    repeatsValue: (perBuyer) => (perBuyer === null ? '—' : String(perBuyer)),
    boughtAgainShare: '多次购买的客户占比',
    choosing: '挑选时间',
    days: (mean) => (mean === null ? '—' : `${mean} 天`),
    competitors: '对竞争品牌的态度（5：不感兴趣）',
    tolerance: '对质量问题的承受程度（5：能够包容）',
    outOfFive: (mean) => (mean === null ? '—' : `${mean} / 5`),
    priceSensitivity: '价格敏感度：折扣订单占比',
    spend: '人均购买金额',
    ofBuyers: (n) => `${n} 位购买客户`,
    ofAnswers: (n) => `${n} 份回答`,
    ofOrders: (n) => `${n} 笔订单`,
    fromOrders: '订单',
    fromSurveys: '态度调查',
    fromFlags: '订单折扣标记',
    kinds: '忠诚类型',
    kindsCaption: '区间内接受调查的客户：态度与重复购买交叉。',
    kind: '类型',
    meanings: {
      loyal: '态度好且重复购买：要重点保持。',
      latent: '态度好但尚未重复购买：消除阻碍其购买的因素。',
      spurious: '重复购买但态度不佳：靠习惯或转换成本维系，容易流失。',
      not_loyal: '两者皆无：不值得特别投入。',
    },
  },
};
