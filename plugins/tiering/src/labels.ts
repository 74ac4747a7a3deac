import type { Locale } from '@guanxi/core';
import type { Measure } from './config';
import type { Boundary, LadderLevel, Strategy, Tier } from './tiers';

/** A text in each language the card speaks. */
export type Localised = Readonly<Record<Locale, string>>;

/** Tier names in the words of DOMAIN §4. */
export const TIER_LABELS: Readonly<Record<Tier, Localised>> = {
  important: { en: 'Key (important)', 'zh-CN': '重要客户' },
  secondary: { en: 'Key (secondary)', 'zh-CN': '次要客户' },
  normal: { en: 'Normal', 'zh-CN': '普通客户' },
  small: { en: 'Small', 'zh-CN': '小客户' },
};

/** Each boundary by the tier above it, as the "why" line names it. */
export const BOUNDARY_LABELS: Readonly<Record<Boundary, Localised>> = {
  important: { en: 'key/important', 'zh-CN': '重要客户' },
  secondary: { en: 'key/secondary', 'zh-CN': '次要客户' },
  normal: { en: 'normal', 'zh-CN': '普通客户' },
};

export const LADDER_LABELS: Readonly<Record<LadderLevel, Localised>> = {
  potential: { en: 'Potential', 'zh-CN': '潜在客户' },
  new: { en: 'New', 'zh-CN': '新客户' },
  regular: { en: 'Regular', 'zh-CN': '经常客户' },
  old: { en: 'Old', 'zh-CN': '老客户' },
  loyal: { en: 'Loyal', 'zh-CN': '忠诚客户' },
};

/** Relationship strategy by segment (seed 001) and what it means in practice. */
export const STRATEGY_LABELS: Readonly<Record<Strategy, Localised>> = {
  strategic: { en: 'Strategic customer: build an alliance', 'zh-CN': '战略客户：结成联盟' },
  main: {
    en: 'Main customer: a long-term learning relationship',
    'zh-CN': '主要客户：建立长期学习型关系',
  },
  transactional: {
    en: 'Transactional customer: keep it transactional',
    'zh-CN': '交易客户：保持交易关系',
  },
  risk: { en: 'Risk customer: refuse or end', 'zh-CN': '风险客户：拒绝或终止' },
};

export function measureLabel(measure: Measure): Localised {
  if (measure === 'revenue') return { en: 'revenue', 'zh-CN': '销售额' };
  if (measure === 'margin') return { en: 'margin', 'zh-CN': '毛利' };
  if (measure === 'clv') return { en: 'lifetime value', 'zh-CN': '客户终身价值' };
  const scorer = measure.slice('scorer:'.length);
  return { en: `score ${scorer}`, 'zh-CN': `评分 ${scorer}` };
}

/** The card's texts; numbers and dates come in already formatted for the language. */
export interface Phrases {
  readonly title: string;
  readonly tier: string;
  readonly ladder: string;
  readonly value: string;
  readonly rank: string;
  readonly why: string;
  readonly changed: string;
  readonly strategy: string;
  readonly none: string;
  /** A churned customer's strategy: win-back's to decide. */
  readonly churned: string;
  /** A non-customer's tier: not ranked. */
  readonly notCustomer: string;
  /** A recent order's placement is queued: label and line. */
  readonly pending: string;
  readonly pendingValue: string;
  rankOf(rank: string, of: string): string;
  ranked(rank: string, of: string, measure: string): string;
  notRanked(measure: string): string;
  boundary(name: string, value: string): string;
  readonly held: string;
  readonly separator: string;
  changedFrom(date: string, from: string): string;
  upgrade(strategy: string, next: string): string;
}

export const PHRASES: Readonly<Record<Locale, Phrases>> = {
  en: {
    title: 'Tier',
    tier: 'Tier',
    ladder: 'Loyalty',
    value: 'Value',
    rank: 'Rank',
    why: 'Why this tier',
    changed: 'Changed',
    strategy: 'Strategy',
    none: '—',
    churned: 'Churned: the win-back plan says what to do',
    notCustomer: 'Not ranked: not a customer',
    pending: 'Being updated',
    pendingValue: 'the latest order is not yet in this tier',
    rankOf: (rank, of) => `${rank} of ${of}`,
    ranked: (rank, of, measure) => `rank ${rank} of ${of} by ${measure}`,
    notRanked: (measure) =>
      `not ranked by ${measure} yet: the tiering:recompute job ranks the team`,
    boundary: (name, value) => `the ${name} boundary is ${value}`,
    held: 'kept in its tier by hysteresis',
    separator: '; ',
    changedFrom: (date, from) => `${date}, from ${from}`,
    upgrade: (strategy, next) => `${strategy} (next step up: ${next})`,
  },
  'zh-CN': {
    title: '客户等级',
    tier: '等级',
    ladder: '忠诚阶梯',
    value: '价值',
    rank: '排名',
    why: '分级依据',
    changed: '变更',
    strategy: '关系策略',
    none: '—',
    churned: '已流失：按客户挽回方案处理',
    notCustomer: '不参与排名：非客户',
    pending: '更新中',
    pendingValue: '最新订单尚未计入此等级',
    rankOf: (rank, of) => `第 ${rank} 名，共 ${of} 名`,
    ranked: (rank, of, measure) => `按${measure}排名第 ${rank} 名，共 ${of} 名`,
    notRanked: (measure) => `尚未按${measure}排名：由 tiering:recompute 任务排名`,
    boundary: (name, value) => `${name}门槛为 ${value}`,
    held: '在滞后区间内保留原等级',
    separator: '；',
    changedFrom: (date, from) => `${date} 由${from}调整`,
    upgrade: (strategy, next) => `${strategy}（升级方向：${next}）`,
  },
};
