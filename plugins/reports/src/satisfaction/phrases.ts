import type { Locale } from '@guanxi/core';

/** The words of the satisfaction report. */
export interface SatisfactionPhrases {
  readonly title: string;
  readonly rule: string;
  readonly csat: string;
  readonly satisfied: string;
  readonly buyers: string;
  readonly complaints: string;
  readonly chart: string;
  readonly chartCaption: string;
  readonly percent: string;
  readonly measures: string;
  readonly reputation: string;
  readonly byName: string;
  readonly byNameQuestion: string;
  readonly returnRate: string;
  readonly complaintRate: string;
  readonly purchases: string;
  readonly priceSensitivity: string;
  /** The six measures in a word or two, for the chart. */
  readonly short: readonly [string, string, string, string, string];
  outOfFive(mean: number | null): string;
  nps(score: number | null, promoters: string): string;
  per100(rate: number | null): string;
  purchasesValue(total: string, perBuyer: string): string;
  answers(n: number): string;
  buyersOf(n: number): string;
  ordersOf(n: number): string;
  complaintsOf(complaints: number, buyers: number): string;
}

export const SATISFACTION_PHRASES: Readonly<Record<Locale, SatisfactionPhrases>> = {
  en: {
    title: 'Customer satisfaction',
    rule: 'Customer satisfaction is measured six ways: reputation (would they recommend us), being asked for by name, how many come back to buy, how many complain, how much they buy and how little price moves them. Satisfied customers recommend us, ask for us, return, seldom complain, buy more and care less about price.',
    csat: 'CSAT (mean)',
    satisfied: 'Satisfied (4 or 5)',
    buyers: 'Buyers',
    complaints: 'Complaints',
    chart: 'The measures in percent',
    chartCaption:
      'Promoters, asked for by name, came back, complaints per 100 buyers and orders at a discount.',
    percent: 'Percent',
    measures: 'The six measures',
    reputation: 'Reputation: would recommend us (NPS)',
    byName: 'Asked for us by name',
    byNameQuestion: 'did you ask for us by name?',
    returnRate: 'Return rate: buyers who came back',
    complaintRate: 'Complaint rate: complaints per 100 buyers',
    purchases: 'Purchase amount',
    priceSensitivity: 'Price sensitivity: orders at a discount',
    short: ['Promoters', 'By name', 'Came back', 'Complaints', 'Discounted'],
    outOfFive: (mean) => (mean === null ? '—' : `${mean} / 5`),
    nps: (score, promoters) => (score === null ? '—' : `NPS ${score}, ${promoters} promoters`),
    per100: (rate) => (rate === null ? '—' : String(rate)),
    purchasesValue: (total, perBuyer) => `${total} (${perBuyer} a buyer)`,
    answers: (n) => (n === 1 ? '1 answer' : `${n} answers`),
    buyersOf: (n) => (n === 1 ? '1 buyer' : `${n} buyers`),
    ordersOf: (n) => (n === 1 ? '1 order' : `${n} orders`),
    complaintsOf: (complaints, buyers) => `${complaints} complaints, ${buyers} buyers`,
  },
  'zh-CN': {
    title: '客户满意度',
    rule: '客户满意度从六个方面衡量：美誉度（是否愿意推荐我们）、指名度（购买时是否点名要我们）、回头率、投诉率、购买额以及对价格的敏感度。满意的客户会推荐我们、点名购买、再次光顾、很少投诉、买得更多，也不那么在意价格。',
    csat: 'CSAT 平均分',
    satisfied: '满意（4 或 5 分）',
    buyers: '购买客户',
    complaints: '投诉',
    chart: '各项指标（百分比）',
    chartCaption: '推荐者、指名购买、回头、每百位客户投诉数与折扣订单。',
    percent: '百分比',
    measures: '六项指标',
    reputation: '美誉度：愿意推荐（NPS）',
    byName: '指名度：点名购买',
    byNameQuestion: '您购买时是否点名要我们？',
    returnRate: '回头率：再次购买的客户',
    complaintRate: '投诉率：每百位购买客户的投诉数',
    purchases: '购买额',
    priceSensitivity: '价格敏感度：折扣订单占比',
    short: ['推荐者', '指名', '回头', '投诉', '折扣'],
    outOfFive: (mean) => (mean === null ? '—' : `${mean} / 5`),
    nps: (score, promoters) => (score === null ? '—' : `NPS ${score}，推荐者 ${promoters}`),
    per100: (rate) => (rate === null ? '—' : String(rate)),
    purchasesValue: (total, perBuyer) => `${total}（人均 ${perBuyer}）`,
    answers: (n) => `${n} 份回答`,
    buyersOf: (n) => `${n} 位购买客户`,
    ordersOf: (n) => `${n} 笔订单`,
    complaintsOf: (complaints, buyers) => `${complaints} 件投诉，${buyers} 位购买客户`,
  },
};
