import type { Locale } from '@guanxi/core';

/** The four combinations of satisfaction and loyalty. */
export const COMBINATIONS = [
  'satisfied_loyal',
  'satisfied_not_loyal',
  'dissatisfied_loyal',
  'dissatisfied_not_loyal',
] as const;
export type Combination = (typeof COMBINATIONS)[number];

/** The words of the satisfaction × loyalty report. */
export interface SatisfactionLoyaltyPhrases {
  readonly title: string;
  readonly rule: string;
  readonly surveyed: string;
  readonly satisfiedShare: string;
  readonly loyalShare: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly satisfied: string;
  readonly dissatisfied: string;
  readonly loyal: string;
  readonly notLoyal: string;
  readonly table: string;
  readonly combination: string;
  readonly off: string;
  readonly labels: Readonly<Record<Combination, string>>;
  readonly meanings: Readonly<Record<Combination, string>>;
}

export const SATISFACTION_LOYALTY_PHRASES: Readonly<Record<Locale, SatisfactionLoyaltyPhrases>> = {
  en: {
    title: 'Satisfaction and loyalty',
    rule: 'Satisfaction is not loyalty: a satisfied customer will probably stay loyal but may not, a dissatisfied one usually will not, yet may stay when leaving costs too much. Customers who answered a satisfaction survey (CSAT) in the range, satisfied at a mean of 4 or 5, against whether they buy again as the loyalty plugin counts it.',
    surveyed: 'Customers surveyed',
    satisfiedShare: 'Satisfied',
    loyalShare: 'Loyal',
    chart: 'Satisfaction against loyalty',
    chartCaption: 'Customers surveyed in the range, by satisfaction and by loyalty.',
    satisfied: 'Satisfied',
    dissatisfied: 'Not satisfied',
    loyal: 'Loyal',
    notLoyal: 'Not loyal',
    table: 'The four combinations',
    combination: 'Combination',
    off: 'No figures: this report needs the service and loyalty plugins on for the team.',
    labels: {
      satisfied_loyal: 'Satisfied and loyal',
      satisfied_not_loyal: 'Satisfied, not loyal',
      dissatisfied_loyal: 'Not satisfied, loyal',
      dissatisfied_not_loyal: 'Not satisfied, not loyal',
    },
    meanings: {
      satisfied_loyal: 'Satisfaction carried into buying again: keep it so.',
      satisfied_not_loyal: 'Satisfied is not enough: give them reasons to come back.',
      dissatisfied_loyal:
        'Held by habit or the cost of leaving: fix what displeases them before they go.',
      dissatisfied_not_loyal: 'The usual result of dissatisfaction: find out why.',
    },
  },
  'zh-CN': {
    title: '满意与忠诚',
    rule: '满意不等于忠诚：满意的客户多半会忠诚，但也可能不忠诚；不满意的客户一般不会忠诚，但在转换成本太高时也可能留下。统计区间内回答过满意度调查（CSAT）的客户，平均 4 分或 5 分视为满意，并与忠诚插件判定的重复购买行为交叉。',
    surveyed: '接受调查的客户',
    satisfiedShare: '满意',
    loyalShare: '忠诚',
    chart: '满意与忠诚交叉',
    chartCaption: '区间内接受调查的客户，按满意与否和忠诚与否统计。',
    satisfied: '满意',
    dissatisfied: '不满意',
    loyal: '忠诚',
    notLoyal: '不忠诚',
    table: '四种组合',
    combination: '组合',
    off: '无数据：本报表需要本团队启用服务插件和忠诚插件。',
    labels: {
      satisfied_loyal: '满意且忠诚',
      satisfied_not_loyal: '满意但不忠诚',
      dissatisfied_loyal: '不满意但忠诚',
      dissatisfied_not_loyal: '不满意且不忠诚',
    },
    meanings: {
      satisfied_loyal: '满意转化为重复购买：继续保持。',
      satisfied_not_loyal: '仅有满意还不够：要给客户再来的理由。',
      dissatisfied_loyal: '靠习惯或转换成本维系：在其离开前消除不满。',
      dissatisfied_not_loyal: '不满意的常见结果：查明原因。',
    },
  },
};
