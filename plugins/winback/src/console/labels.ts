import type { Locale } from '@guanxi/core';

/** The console's words for the win-back worklist. */
export interface ConsolePhrases {
  readonly page: string;
  readonly rule: string;
  readonly open: string;
  readonly overdue: string;
  readonly key: string;
  readonly atRisk: string;
  readonly tier: string;
  readonly kind: string;
  readonly due: string;
  readonly dueChoices: { readonly overdue: string };
  readonly shown: string;
  readonly shownChoices: { readonly all: string };
  readonly churnedTitle: string;
  readonly churnedCaption: string;
  readonly customer: string;
  readonly policy: string;
  readonly nextStep: string;
  readonly late: string;
  readonly doIt: string;
  readonly churnedEmpty: string;
  readonly riskTitle: string;
  readonly riskCaption: string;
  readonly assessed: string;
  readonly risk: string;
  readonly decidedBy: string;
  readonly checkedIn: string;
  readonly checkIn: string;
  readonly riskEmpty: string;
  readonly done: { readonly step: string; readonly checkIn: string };
  readonly notYours: string;
  readonly notAtRisk: string;
}

export const CONSOLE_PHRASES: Readonly<Record<Locale, ConsolePhrases>> = {
  en: {
    page: 'Win-back worklist',
    rule: 'Win back by tier: key customers at all costs, normal customers with a real effort, small ones when it is cheap; malicious churn, and small customers who lose money, are let go. Each playbook finds out why they left, calms their dissatisfaction, applies the remedy that fits the kind of churn, and invites them back. Customers past half the way to churn are checked on before they lapse.',
    open: 'Playbooks with a step to do',
    overdue: 'Steps overdue',
    key: 'Key customers to win back',
    atRisk: 'At risk, not yet checked on',
    tier: 'Tier',
    kind: 'Churn kind',
    due: 'Due',
    dueChoices: { overdue: 'Overdue' },
    shown: 'At-risk customers',
    shownChoices: { all: 'Include those checked on' },
    churnedTitle: 'Churned: the next step of each playbook',
    churnedCaption: 'Key customers first, then the step due first.',
    customer: 'Customer',
    policy: 'How hard to try',
    nextStep: 'Next step',
    late: 'overdue',
    doIt: 'Done',
    churnedEmpty: 'No playbook has a step to do.',
    riskTitle: 'At risk: check on them before they lapse',
    riskCaption:
      'As the last churn detection (winback:detect) found them; key customers first, then the longest without an order.',
    assessed: 'Found',
    risk: 'Churn risk',
    decidedBy: 'Decided by',
    checkedIn: 'Checked on',
    checkIn: 'Checked on them',
    riskEmpty: 'Nobody is at risk.',
    done: { step: 'Step done.', checkIn: 'Check-in noted.' },
    notYours: 'is not a customer of the team you may act for',
    notAtRisk: 'is not on the at-risk list',
  },
  'zh-CN': {
    page: '客户挽回工作清单',
    rule: '按客户等级挽回：关键客户不惜代价，普通客户尽力挽回，小客户见机挽回；恶意流失和亏损的小客户予以放弃。每个挽回方案先调查流失原因，再安抚客户的不满，然后对症下药，最后邀请客户回归。接近流失一半期限的客户，应在流失前主动联系。',
    open: '有待办步骤的挽回方案',
    overdue: '已超期的步骤',
    key: '待挽回的关键客户',
    atRisk: '有流失风险、尚未联系',
    tier: '客户等级',
    kind: '流失类型',
    due: '到期',
    dueChoices: { overdue: '已超期' },
    shown: '风险客户',
    shownChoices: { all: '包括已联系的' },
    churnedTitle: '已流失：各挽回方案的下一步',
    churnedCaption: '关键客户优先，其次按到期时间排列。',
    customer: '客户',
    policy: '挽回力度',
    nextStep: '下一步',
    late: '已超期',
    doIt: '完成',
    churnedEmpty: '没有待办的挽回步骤。',
    riskTitle: '流失风险：在流失前主动联系',
    riskCaption: '依据最近一次流失检测（winback:detect）；关键客户优先，其次按距上次下单时间排列。',
    assessed: '检测时间',
    risk: '流失风险',
    decidedBy: '判定依据',
    checkedIn: '已联系',
    checkIn: '已联系',
    riskEmpty: '没有流失风险客户。',
    done: { step: '步骤已完成。', checkIn: '已记录联系。' },
    notYours: '不是您可处理的本团队客户',
    notAtRisk: '不在流失风险名单上',
  },
};
