import type { Locale } from '@guanxi/core';
import type { ChurnKind } from '../kinds';

/** Churn kinds in a word or two, for a chart's labels (the tables give the full names). */
export const SHORT_KIND_LABELS: Readonly<Record<ChurnKind, Readonly<Record<Locale, string>>>> = {
  natural: { en: 'Natural', 'zh-CN': '自然' },
  competitive: { en: 'Competitive', 'zh-CN': '竞争' },
  fault: { en: 'Our fault', 'zh-CN': '过失' },
  non_malicious: { en: 'Non-malicious', 'zh-CN': '非恶意' },
  retaliatory: { en: 'Retaliatory', 'zh-CN': '报复性' },
  malicious: { en: 'Malicious', 'zh-CN': '恶意' },
};

/** The words of the win-back plugin's reports in the console. */
export interface ReportPhrases {
  readonly churnTitle: string;
  readonly churnRule: string;
  readonly churned: string;
  readonly keyChurned: string;
  readonly wonBackSince: string;
  readonly churnChart: string;
  readonly churnCaption: string;
  readonly byKind: string;
  readonly kind: string;
  readonly type: string;
  readonly active: string;
  readonly passive: string;
  readonly total: string;
  readonly allKinds: string;
  readonly noChurns: string;
  readonly winbackTitle: string;
  readonly winbackRule: string;
  readonly playbooks: string;
  readonly open: string;
  readonly wonBack: string;
  readonly letGo: string;
  readonly rate: string;
  readonly rateChart: string;
  readonly rateCaption: string;
  readonly byTier: string;
  readonly tier: string;
  readonly byRule: string;
  readonly rule: string;
  readonly noPlaybooks: string;
}

export const REPORT_PHRASES: Readonly<Record<Locale, ReportPhrases>> = {
  en: {
    churnTitle: 'Churn report',
    churnRule:
      'Customers who churned in the range, by kind and by tier. They leave of their own accord (natural: moved or closed; competitive: lost to a rival on price or service; our fault) or are lost passively (non-malicious: forgot to renew, so remind them; retaliatory: angry about a complaint, so settle it; malicious: fraud or bad credit, not kept). The effort to win them back follows the tier: key customers at all costs, normal ones with real effort, small ones when the chance comes.',
    churned: 'Churned',
    keyChurned: 'Key customers churned',
    wonBackSince: 'Won back since',
    churnChart: 'Churn by kind and tier',
    churnCaption: 'Customers who churned in the range, each at the tier they had then.',
    byKind: 'By kind and tier',
    kind: 'Kind',
    type: 'Type',
    active: 'Active churn',
    passive: 'Passive churn',
    total: 'All tiers',
    allKinds: 'All kinds',
    noChurns: 'Nobody churned in the range.',
    winbackTitle: 'Win-back report',
    winbackRule:
      'The win-back rate: customers won back ÷ win-back playbooks started for the churns of the range, by churn kind (each kind has its own remedy) and by tier (each tier its own effort). Malicious churn gets no playbook.',
    playbooks: 'Playbooks',
    open: 'Still open',
    wonBack: 'Won back',
    letGo: 'Let go',
    rate: 'Win-back rate',
    rateChart: 'Playbooks and wins by churn kind',
    rateCaption: 'Playbooks started for the range’s churns, and the customers they won back.',
    byTier: 'By tier',
    tier: 'Tier',
    byRule: 'By what decided the churn',
    rule: 'Decided by',
    noPlaybooks: 'No playbook was started in the range.',
  },
  'zh-CN': {
    churnTitle: '流失报表',
    churnRule:
      '区间内流失的客户，按流失类型和客户等级统计。主动流失包括自然流失（搬迁或停业）、竞争流失（因价格或服务被对手吸引）和我方过失造成的流失；被动流失包括非恶意流失（忘记续约，应提醒）、报复性流失（因投诉不满，应先处理投诉）和恶意流失（欺诈或信用差，不予挽留）。挽回力度依等级而定：关键客户极力挽回，普通客户尽力挽回，小客户见机行事。',
    churned: '流失客户',
    keyChurned: '流失的关键客户',
    wonBackSince: '此后已挽回',
    churnChart: '按类型和等级的流失',
    churnCaption: '区间内流失的客户，按流失时所在等级统计。',
    byKind: '按类型和等级',
    kind: '流失类型',
    type: '类别',
    active: '主动流失',
    passive: '被动流失',
    total: '全部等级',
    allKinds: '全部类型',
    noChurns: '区间内没有客户流失。',
    winbackTitle: '挽回报表',
    winbackRule:
      '挽回率 = 挽回的客户数 ÷ 为区间内流失客户启动的挽回方案数，按流失类型（各类型对症下药）和客户等级（各等级投入不同）统计。恶意流失不启动挽回方案。',
    playbooks: '挽回方案',
    open: '进行中',
    wonBack: '已挽回',
    letGo: '已放弃',
    rate: '挽回率',
    rateChart: '各流失类型的挽回方案与挽回数',
    rateCaption: '为区间内流失客户启动的挽回方案，及其挽回的客户。',
    byTier: '按等级',
    tier: '客户等级',
    byRule: '按流失判定依据',
    rule: '判定依据',
    noPlaybooks: '区间内没有启动挽回方案。',
  },
};
