import type { Locale } from '@guanxi/core';
import type { Cause, Step } from './complaints/complaint';
import type { Gauge } from './surveys/survey';

type Localised = Readonly<Record<Locale, string>>;

export const CAUSE_LABELS: Readonly<Record<Cause, Localised>> = {
  product_quality: { en: 'product quality', 'zh-CN': '产品质量' },
  service_attitude: { en: 'service attitude', 'zh-CN': '服务态度' },
  deception: { en: 'deception', 'zh-CN': '欺诈' },
  other: { en: 'other', 'zh-CN': '其他' },
};

export const STEP_LABELS: Readonly<Record<Step, Localised>> = {
  received: { en: 'received', 'zh-CN': '已受理' },
  recorded: { en: 'recorded and judged', 'zh-CN': '已记录并判定' },
  remedy_proposed: { en: 'remedy proposed', 'zh-CN': '已提出补救方案' },
  remedy_accepted: { en: 'remedy accepted and carried out', 'zh-CN': '补救已接受并实施' },
  followed_up: { en: 'followed up', 'zh-CN': '已回访' },
  closed: { en: 'closed', 'zh-CN': '已关闭' },
};

/** What the rep should do next at each open step. */
export const NEXT_STEP_LABELS: Readonly<Record<Exclude<Step, 'closed'>, Localised>> = {
  received: { en: 'Record the complaint and judge it', 'zh-CN': '记录投诉要点并判定是否成立' },
  recorded: { en: 'Propose a remedy', 'zh-CN': '提出补救方案' },
  remedy_proposed: {
    en: 'Get the remedy accepted and carry it out',
    'zh-CN': '争取客户接受补救方案并实施',
  },
  remedy_accepted: { en: 'Follow up with the customer', 'zh-CN': '回访客户' },
  followed_up: { en: 'Close the complaint', 'zh-CN': '关闭投诉' },
};

export const GAUGE_LABELS: Readonly<Record<Gauge, Localised>> = {
  trust: { en: 'Trust', 'zh-CN': '信任感' },
  satisfaction: { en: 'Satisfaction', 'zh-CN': '满意感' },
  commitment: { en: 'Commitment', 'zh-CN': '归属感' },
  friendship: { en: 'Commercial friendship', 'zh-CN': '商业友谊' },
};

/** A duration in minutes, hours or days, whichever reads best. */
function span(ms: number, locale: Locale): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const zh = locale === 'zh-CN';
  if (hours < 1) return zh ? `${minutes} 分钟` : `${minutes} min`;
  if (hours < 48) return zh ? `${hours} 小时` : `${hours} h`;
  return zh ? `${days} 天` : `${days} d`;
}

export const PHRASES = {
  en: {
    title: 'Complaints and relationship',
    openComplaints: 'Open complaints',
    none: 'none',
    complaint: (id: number, cause: string) => `Complaint #${id} (${cause})`,
    left: (ms: number) => `${span(ms, 'en')} left`,
    overdue: (ms: number) => `overdue by ${span(ms, 'en')}`,
    gauge: (value: number) => `${value.toFixed(1)} / 5`,
    noAnswer: 'no answer yet',
    reason: (complaint: string, step: string, time: string) => `${complaint} is ${step}: ${time}`,
  },
  'zh-CN': {
    title: '投诉与关系',
    openComplaints: '未结投诉',
    none: '无',
    complaint: (id: number, cause: string) => `投诉 #${id}（${cause}）`,
    left: (ms: number) => `剩余 ${span(ms, 'zh-CN')}`,
    overdue: (ms: number) => `已超时 ${span(ms, 'zh-CN')}`,
    gauge: (value: number) => `${value.toFixed(1)} / 5`,
    noAnswer: '暂无回答',
    reason: (complaint: string, step: string, time: string) => `${complaint}${step}：${time}`,
  },
} as const;
