import type { Locale } from '@guanxi/core';

/** The console's words for the tiering plugin's page, widget, filter and timeline. */
export interface ConsolePhrases {
  readonly page: string;
  readonly widget: string;
  rule(measure: string, shares: string): string;
  readonly ranked: string;
  readonly measure: string;
  readonly recomputed: string;
  readonly notYet: string;
  readonly chart: string;
  chartCaption(measure: string): string;
  valueShare(percent: number): string;
  readonly tiers: string;
  readonly tier: string;
  readonly customers: string;
  readonly customerShare: string;
  readonly targetShare: string;
  readonly value: string;
  readonly valueShareColumn: string;
  readonly strategy: string;
  readonly empty: string;
  readonly filter: string;
  readonly timeline: string;
  change(from: string, to: string, how: string): string;
  byRecompute(rank: string, of: string): string;
  readonly byWrite: string;
}

export const CONSOLE_PHRASES: Readonly<Record<Locale, ConsolePhrases>> = {
  en: {
    page: 'Customer pyramid',
    widget: 'Customer pyramid',
    rule: (measure, shares) =>
      `The customer pyramid: the team's customers ranked by ${measure} and cut in the shares ${shares} (important, secondary, normal, small); the top two tiers are the key customers. A tier changes only when a rank passes a boundary by the hysteresis margin.`,
    ranked: 'Customers ranked',
    measure: 'Ranked by',
    recomputed: 'Last recompute',
    notYet: 'not yet: run tiering:recompute',
    chart: 'Customers by tier',
    chartCaption: (measure) => `Each tier's customers and its share of the team's ${measure}.`,
    valueShare: (percent) => `${percent}% of value`,
    tiers: 'Tiers',
    tier: 'Tier',
    customers: 'Customers',
    customerShare: 'Share of customers',
    targetShare: 'Target share',
    value: 'Value',
    valueShareColumn: 'Share of value',
    strategy: 'Strategy',
    empty: 'No customers are ranked yet.',
    filter: 'Tier',
    timeline: 'Tier',
    change: (from, to, how) => `${from} → ${to} (${how})`,
    byRecompute: (rank, of) => `recompute, rank ${rank} of ${of}`,
    byWrite: 'placed on a new order or score',
  },
  'zh-CN': {
    page: '客户金字塔',
    widget: '客户金字塔',
    rule: (measure, shares) =>
      `客户金字塔：按${measure}为本团队客户排名，按 ${shares} 的比例划分为重要、次要、普通、小客户；前两层为关键客户。排名越过分界线并超出滞后区间时，等级才会变化。`,
    ranked: '已排名客户',
    measure: '排名依据',
    recomputed: '最近一次重算',
    notYet: '尚未重算：请运行 tiering:recompute',
    chart: '各等级客户数',
    chartCaption: (measure) => `各等级的客户数及其占团队${measure}的比例。`,
    valueShare: (percent) => `占价值 ${percent}%`,
    tiers: '等级',
    tier: '等级',
    customers: '客户数',
    customerShare: '客户占比',
    targetShare: '目标比例',
    value: '价值',
    valueShareColumn: '价值占比',
    strategy: '关系策略',
    empty: '尚无已排名的客户。',
    filter: '客户等级',
    timeline: '客户等级',
    change: (from, to, how) => `${from} → ${to}（${how}）`,
    byRecompute: (rank, of) => `重算，第 ${rank} 名，共 ${of} 名`,
    byWrite: '因新订单或新评分调整',
  },
};
