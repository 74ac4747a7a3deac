import type { Locale } from '@guanxi/core';

/** The console's words for the tiering plugin's movements page. */
export interface MovementPhrases {
  readonly page: string;
  readonly rule: string;
  readonly recomputed: string;
  readonly notYet: string;
  readonly byRecompute: string;
  readonly byWrite: string;
  readonly up: string;
  readonly down: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly movedUp: string;
  readonly movedDown: string;
  readonly matrix: string;
  readonly matrixCaption: string;
  readonly from: string;
  into(tier: string): string;
  readonly customers: string;
  readonly customer: string;
  readonly to: string;
  readonly when: string;
  readonly how: string;
  readonly value: string;
  rank(rank: string): string;
  readonly onWrite: string;
  readonly empty: string;
}

export const MOVEMENT_PHRASES: Readonly<Record<Locale, MovementPhrases>> = {
  en: {
    page: 'Tier movements',
    rule: 'Tier movements since the last recompute: at a recompute a customer changes tier only when their rank passes a boundary by more than the hysteresis margin; between recomputes, a new order or score places them against the same boundaries.',
    recomputed: 'Last recompute',
    notYet: 'No recompute yet: run tiering:recompute',
    byRecompute: 'Moved by the recompute',
    byWrite: 'Moved since, by new orders or scores',
    up: 'Moved up',
    down: 'Moved down',
    chart: 'Movements into each tier',
    chartCaption: 'Customers who came into each tier from below and from above.',
    movedUp: 'From below',
    movedDown: 'From above',
    matrix: 'From tier to tier',
    matrixCaption: 'Each row is the tier customers left, each column the tier they reached.',
    from: 'From',
    into: (tier) => `To ${tier}`,
    customers: 'Customers who moved',
    customer: 'Customer',
    to: 'To',
    when: 'When',
    how: 'How',
    value: 'Value',
    rank: (rank) => `recompute, rank ${rank}`,
    onWrite: 'a new order or score',
    empty: 'No customer has changed tier since the last recompute.',
  },
  'zh-CN': {
    page: '等级变动',
    rule: '自最近一次重算以来的等级变动：重算时，客户排名越过分界线并超出滞后区间才会变更等级；两次重算之间，新订单或新评分按同一分界线调整等级。',
    recomputed: '最近一次重算',
    notYet: '尚未重算：请运行 tiering:recompute',
    byRecompute: '重算调整',
    byWrite: '此后因新订单或新评分调整',
    up: '升级',
    down: '降级',
    chart: '进入各等级的客户',
    chartCaption: '从下一级升入和从上一级降入各等级的客户数。',
    movedUp: '升入',
    movedDown: '降入',
    matrix: '等级流向',
    matrixCaption: '每行为原等级，每列为新等级。',
    from: '原等级',
    into: (tier) => `转为${tier}`,
    customers: '变动的客户',
    customer: '客户',
    to: '新等级',
    when: '时间',
    how: '原因',
    value: '价值',
    rank: (rank) => `重算，第 ${rank} 名`,
    onWrite: '新订单或新评分',
    empty: '自最近一次重算以来没有客户变更等级。',
  },
};
