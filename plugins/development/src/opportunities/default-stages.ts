/**
 * The successful sales visit as a pipeline: the appointment with its rapport and the visit
 * with its purpose and first trust come first; the two after them are a starting point each
 * team replaces with its own later steps.
 */
export const DEFAULT_STAGES = [
  {
    id: 'appointment',
    label: { en: 'Appointment', 'zh-CN': '销售预约' },
    probability: 0.1,
    action: {
      en: 'Phone to book the visit and build rapport',
      'zh-CN': '电话预约拜访，建立亲和',
    },
  },
  {
    id: 'visit',
    label: { en: 'Sales visit', 'zh-CN': '销售拜访' },
    probability: 0.25,
    action: {
      en: 'Visit with a clear purpose and earn their first trust',
      'zh-CN': '带着明确目的拜访，取得初步信任',
    },
  },
  {
    id: 'proposal',
    label: { en: 'Proposal', 'zh-CN': '方案与报价' },
    probability: 0.5,
    action: {
      en: 'Show how we solve their key issue and what it costs',
      'zh-CN': '说明我们如何解决其关键议题及所需投入',
    },
  },
  {
    id: 'negotiation',
    label: { en: 'Negotiation', 'zh-CN': '商务谈判' },
    probability: 0.75,
    action: {
      en: 'Settle the terms and the contract',
      'zh-CN': '敲定条款与合同',
    },
  },
];
