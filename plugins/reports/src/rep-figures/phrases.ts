import type { Locale } from '@guanxi/core';

/** The words of each rep's figures. */
export interface RepFiguresPhrases {
  readonly title: string;
  readonly rule: string;
  readonly members: string;
  readonly csat: string;
  readonly satisfied: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly cameBack: string;
  readonly table: string;
  readonly member: string;
  readonly customers: string;
  readonly buyers: string;
  readonly revenue: string;
  readonly complaints: string;
  readonly complaintRate: string;
  readonly csatAnswers: string;
  readonly churned: string;
  readonly wonBack: string;
  readonly team: string;
  readonly empty: string;
}

export const REP_FIGURES_PHRASES: Readonly<Record<Locale, RepFiguresPhrases>> = {
  en: {
    title: 'Each rep’s figures',
    rule: 'Customer satisfaction is part of how staff are appraised: each member’s customers (the ones they own), with what they bought in the range, how many came back, complained, said they were satisfied (CSAT 4 or 5), churned and were won back.',
    members: 'Members',
    csat: 'CSAT (mean)',
    satisfied: 'Satisfied (4 or 5)',
    chart: 'Satisfied customers and returns by member',
    chartCaption:
      'The share of each member’s surveyed customers who were satisfied, and of their buyers who came back.',
    cameBack: 'Came back',
    table: 'By member',
    member: 'Member',
    customers: 'Customers owned',
    buyers: 'Buyers',
    revenue: 'Revenue',
    complaints: 'Complaints',
    complaintRate: 'Complaints per 100 buyers',
    csatAnswers: 'CSAT answers',
    churned: 'Churned',
    wonBack: 'Won back',
    team: 'Whole team',
    empty: 'The team has no members.',
  },
  'zh-CN': {
    title: '员工业绩',
    rule: '客户满意度是考核员工工作绩效的依据：按成员统计其负责的客户在区间内的购买、回头、投诉、满意（CSAT 4 或 5 分）、流失与挽回情况。',
    members: '成员',
    csat: 'CSAT 平均分',
    satisfied: '满意（4 或 5 分）',
    chart: '各成员的客户满意与回头',
    chartCaption: '各成员接受调查的客户中满意者的比例，及其购买客户中再次购买者的比例。',
    cameBack: '回头',
    table: '按成员',
    member: '成员',
    customers: '负责的客户',
    buyers: '购买客户',
    revenue: '销售额',
    complaints: '投诉',
    complaintRate: '每百位购买客户的投诉',
    csatAnswers: 'CSAT 回答数',
    churned: '流失',
    wonBack: '挽回',
    team: '全团队',
    empty: '本团队没有成员。',
  },
};
