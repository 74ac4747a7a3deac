import type { Locale } from '@guanxi/core';

/** The words of the retention report. */
export interface RetentionPhrases {
  readonly title: string;
  readonly rule: string;
  readonly buyers: string;
  readonly cameBack: string;
  readonly shareOfWallet: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly percent: string;
  readonly short: readonly [string, string, string, string, string, string];
  readonly indicators: string;
  readonly repeat: string;
  readonly needsMet: string;
  readonly needsQuestion: string;
  readonly attention: string;
  readonly choosing: string;
  readonly price: string;
  readonly toleranceData: string;
  readonly toleranceSurvey: string;
  readonly wallet: string;
  readonly walletQuestion: string;
  percentMean(mean: number | null): string;
  days(mean: number | null): string;
  outOfFive(mean: number | null): string;
  answers(n: number): string;
  buyersOf(n: number): string;
  ordersOf(n: number): string;
  complainersOf(n: number): string;
}

export const RETENTION_PHRASES: Readonly<Record<Locale, RetentionPhrases>> = {
  en: {
    title: 'Customer retention',
    rule: 'Retention lengthens the relationship and raises the share of the customer’s spending that comes to us. Its indicators: how many buy again, how fully their needs are met, how much attention they pay us (getting in touch on their own), how long they take to choose, how much price moves them, how much quality trouble they bear, and our share of their wallet where they have told us.',
    buyers: 'Buyers',
    cameBack: 'Bought again',
    shareOfWallet: 'Share of wallet',
    chart: 'The indicators in percent',
    chartCaption:
      'Bought again, needs met, got in touch, orders at a discount, stayed after a quality complaint, share of wallet.',
    percent: 'Percent',
    short: ['Again', 'Needs', 'In touch', 'Discount', 'Stayed', 'Wallet'],
    indicators: 'Retention indicators',
    repeat: 'Repeat purchase rate',
    needsMet: 'Need-satisfaction rate',
    needsQuestion: 'how much of your need did we meet?',
    attention: 'Attention to us: buyers who got in touch on their own',
    choosing: 'Time spent choosing',
    price: 'Price sensitivity: orders at a discount',
    toleranceData: 'Tolerance of quality problems: bought again after a quality complaint',
    toleranceSurvey: 'Tolerance of quality problems, as they say (5: stays through them)',
    wallet: 'Share of wallet (where known)',
    walletQuestion: 'what share of your spending on such products comes to us?',
    percentMean: (mean) => (mean === null ? '—' : `${mean}%`),
    days: (mean) => (mean === null ? '—' : `${mean} days`),
    outOfFive: (mean) => (mean === null ? '—' : `${mean} / 5`),
    answers: (n) => (n === 1 ? '1 answer' : `${n} answers`),
    buyersOf: (n) => (n === 1 ? '1 buyer' : `${n} buyers`),
    ordersOf: (n) => (n === 1 ? '1 order' : `${n} orders`),
    complainersOf: (n) => (n === 1 ? '1 customer who complained' : `${n} customers who complained`),
  },
  'zh-CN': {
    title: '客户保持',
    rule: '客户保持就是延长客户关系、提高客户占有率（客户在同类产品上的花费中流向我们的比例）。其评价指标包括：重复购买率、需求满足率、对我们的关注程度（主动联系）、挑选时间、对价格的敏感程度、对质量问题的承受能力，以及在客户告知时的客户占有率。',
    buyers: '购买客户',
    cameBack: '重复购买',
    shareOfWallet: '客户占有率',
    chart: '各项指标（百分比）',
    chartCaption: '重复购买、需求满足、主动联系、折扣订单、质量投诉后仍购买、客户占有率。',
    percent: '百分比',
    short: ['重复', '需求', '联系', '折扣', '留下', '占有'],
    indicators: '客户保持指标',
    repeat: '重复购买率',
    needsMet: '需求满足率',
    needsQuestion: '我们满足了您多少需求？',
    attention: '关注程度：主动联系我们的购买客户',
    choosing: '挑选时间',
    price: '价格敏感度：折扣订单占比',
    toleranceData: '对质量问题的承受能力：质量投诉后仍再次购买',
    toleranceSurvey: '对质量问题的承受能力（调查，5：能够包容）',
    wallet: '客户占有率（已知部分）',
    walletQuestion: '您在同类产品上的花费中有多少给了我们？',
    percentMean: (mean) => (mean === null ? '—' : `${mean}%`),
    days: (mean) => (mean === null ? '—' : `${mean} 天`),
    outOfFive: (mean) => (mean === null ? '—' : `${mean} / 5`),
    answers: (n) => `${n} 份回答`,
    buyersOf: (n) => `${n} 位购买客户`,
    ordersOf: (n) => `${n} 笔订单`,
    complainersOf: (n) => `${n} 位投诉客户`,
  },
};
