import type { Locale } from '@guanxi/core';
import type { ChurnKind } from './kinds';
import type { Action } from './playbook/plan';
import type { Policy } from './policy';
import type { RiskRule } from './risk';

type Words<K extends string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>;

export const KIND_LABELS: Words<ChurnKind> = {
  natural: { en: 'Natural (moved or closed)', 'zh-CN': '自然流失' },
  competitive: { en: 'Competitive (lost to a rival)', 'zh-CN': '竞争流失' },
  fault: { en: 'Our fault', 'zh-CN': '过失流失' },
  non_malicious: { en: 'Non-malicious (forgot to renew)', 'zh-CN': '非恶意流失' },
  retaliatory: { en: 'Retaliatory (angry about a complaint)', 'zh-CN': '报复性流失' },
  malicious: { en: 'Malicious (fraud or bad credit)', 'zh-CN': '恶意流失' },
};

export const POLICY_LABELS: Words<Policy> = {
  all_costs: { en: 'Win back at all costs', 'zh-CN': '不惜代价挽回' },
  try_hard: { en: 'Try hard to win back', 'zh-CN': '尽力挽回' },
  when_cheap: { en: 'Win back when cheap', 'zh-CN': '见机挽回' },
  let_go: { en: 'Let go', 'zh-CN': '放弃' },
};

export const ACTION_LABELS: Words<Action> = {
  investigate: { en: 'Find out why they left', 'zh-CN': '调查流失原因' },
  soothe: { en: 'Call to calm their dissatisfaction', 'zh-CN': '安抚客户的不满' },
  resolve_complaint: { en: 'Resolve the open complaint first', 'zh-CN': '先解决未结的投诉' },
  match_offer: {
    en: 'Offer to match the rival on price or service',
    'zh-CN': '提出对标竞争对手的价格或服务',
  },
  remind_renew: {
    en: 'Remind them to renew and sort out payment',
    'zh-CN': '提醒续约并处理付款问题',
  },
  apologise_fix: { en: 'Apologise and fix our mistake', 'zh-CN': '道歉并纠正我方过失' },
  check_location: { en: 'Check their new location or contact', 'zh-CN': '核实新的地址或联系人' },
  invite_back: { en: 'Invite them back with a fitted offer', 'zh-CN': '以合适的方案邀请其回归' },
};

/** What decided that a customer churned (or is at risk): a detection rule, or a person. */
export const RULE_LABELS: Words<RiskRule | 'person'> = {
  p_alive: { en: 'P(alive) from the purchase model', 'zh-CN': '购买模型的存活概率' },
  median_gap: {
    en: 'Their own order rhythm (a multiple of the median gap)',
    'zh-CN': '自身下单节奏（中位间隔的倍数）',
  },
  one_order: { en: 'One order only: days since it', 'zh-CN': '仅下单一次：距今天数' },
  person: { en: 'A person’s decision', 'zh-CN': '人工判定' },
};

/** A playbook's name says its remedy. */
export const PLAYBOOK_NAMES: Words<Exclude<ChurnKind, 'malicious'>> = {
  retaliatory: { en: 'Win back: resolve the complaint first', 'zh-CN': '挽回：先解决投诉' },
  competitive: { en: 'Win back: match the rival', 'zh-CN': '挽回：对标竞争对手' },
  non_malicious: { en: 'Win back: remind and renew', 'zh-CN': '挽回：提醒续约' },
  fault: { en: 'Win back: apologise and fix', 'zh-CN': '挽回：道歉并改正' },
  natural: { en: 'Win back: find them again', 'zh-CN': '挽回：重新联系' },
};

export const PANEL_LABELS: Readonly<
  Record<
    Locale,
    {
      title: string;
      risk: string;
      kind: string;
      rule: string;
      action: string;
      nextStep: string;
      pAlive: (value: number, below: number) => string;
      days: (days: number, threshold: number) => string;
      /** `day`: the step's due day in the team's time zone, YYYY-MM-DD. */
      due: (label: string, day: string) => string;
      none: string;
      keep: string;
      checkIn: string;
      nbaReason: (kind: string) => string;
      checkInReason: string;
    }
  >
> = {
  en: {
    title: 'Win-back',
    risk: 'Churn risk',
    kind: 'Churn kind',
    rule: 'Decided by',
    action: 'Recommended action',
    nextStep: 'Next step',
    pAlive: (value, below) =>
      `P(alive) ${(value * 100).toFixed(0)}% (churned under ${(below * 100).toFixed(0)}%)`,
    days: (days, threshold) =>
      `${days} days since the last order (churned after ${Math.round(threshold)})`,
    due: (label, day) => `${label}, due ${day}`,
    none: 'None',
    keep: 'Keep serving as usual',
    checkIn: 'Check in before they lapse',
    nbaReason: (kind) => `Churned: ${kind}`,
    checkInReason: 'Close to churning',
  },
  'zh-CN': {
    title: '客户挽回',
    risk: '流失风险',
    kind: '流失类型',
    rule: '判定依据',
    action: '建议措施',
    nextStep: '下一步',
    pAlive: (value, below) =>
      `存活概率 ${(value * 100).toFixed(0)}%（低于 ${(below * 100).toFixed(0)}% 视为流失）`,
    days: (days, threshold) => `距上次下单 ${days} 天（超过 ${Math.round(threshold)} 天视为流失）`,
    due: (label, day) => `${label}，截止 ${day}`,
    none: '无',
    keep: '照常服务',
    checkIn: '在流失前主动联系',
    nbaReason: (kind) => `已流失：${kind}`,
    checkInReason: '接近流失',
  },
};
