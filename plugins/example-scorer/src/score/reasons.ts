import type { Locale } from '@guanxi/core';
import type { FactorId } from '../config';
import { type Evaluation, type Factor, strongestAndWeakest } from './evaluate';

type Phrase = (measure: string) => string;

interface Phrases {
  /** How the factor's measure is written. */
  readonly format: (measure: number) => string;
  readonly good: Phrase;
  readonly poor: Phrase;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);
const whole = (n: number) => String(Math.round(n));
/** "1 order", "2.5 orders". */
const count = (n: string, noun: string) => `${n} ${noun}${n === '1' ? '' : 's'}`;

const PHRASES: Record<Locale, Record<FactorId, Phrases>> = {
  en: {
    frequency: {
      format: oneDecimal,
      good: (n) => `buys often (${count(n, 'order')} a year)`,
      poor: (n) => `buys rarely (${count(n, 'order')} a year)`,
    },
    revenue: {
      format: percent,
      good: (p) => `high revenue (${p} of target)`,
      poor: (p) => `low revenue (${p} of target)`,
    },
    margin: {
      format: percent,
      good: (p) => `high margin (${p})`,
      poor: (p) => `low margin (${p})`,
    },
    priceSensitivity: {
      format: percent,
      good: (p) => `rarely needs a discount (${p} off)`,
      poor: (p) => `price-sensitive (${p} off)`,
    },
    punctuality: {
      format: percent,
      good: (p) => `pays on time (${p})`,
      poor: (p) => `pays late (${p} on time)`,
    },
    serviceCost: {
      format: oneDecimal,
      good: (n) => `low service cost (${count(n, 'contact')} an order)`,
      poor: (n) => `costly to serve (${count(n, 'contact')} an order)`,
    },
    risk: {
      format: whole,
      good: (n) => `ordered recently (${count(n, 'day')} ago)`,
      poor: (n) => `at risk (no order for ${count(n, 'day')})`,
    },
  },
  'zh-CN': {
    frequency: {
      format: oneDecimal,
      good: (n) => `购买频繁（每年 ${n} 单）`,
      poor: (n) => `购买稀少（每年 ${n} 单）`,
    },
    revenue: {
      format: percent,
      good: (p) => `营收高（达目标 ${p}）`,
      poor: (p) => `营收低（达目标 ${p}）`,
    },
    margin: {
      format: percent,
      good: (p) => `利润率高（${p}）`,
      poor: (p) => `利润率低（${p}）`,
    },
    priceSensitivity: {
      format: percent,
      good: (p) => `价格敏感度低（折扣 ${p}）`,
      poor: (p) => `价格敏感（折扣 ${p}）`,
    },
    punctuality: {
      format: percent,
      good: (p) => `按时付款（${p}）`,
      poor: (p) => `付款拖延（按时 ${p}）`,
    },
    serviceCost: {
      format: oneDecimal,
      good: (n) => `服务成本低（每单 ${n} 次咨询）`,
      poor: (n) => `服务成本高（每单 ${n} 次咨询）`,
    },
    risk: {
      format: whole,
      good: (n) => `近期有购买（${n} 天前）`,
      poor: (n) => `有流失风险（${n} 天未购买）`,
    },
  },
};

/** A short phrase for one factor: "pays on time (98%)", "low margin (4%)". */
export function phrase(factor: Factor, locale: Locale): string {
  const phrases = PHRASES[locale][factor.id];
  const say = factor.value >= 0.5 ? phrases.good : phrases.poor;
  return say(phrases.format(factor.measure));
}

/** The strongest and weakest factors as phrases, strongest first. */
export function reasonsOf(evaluation: Evaluation, locale: Locale): string[] {
  return strongestAndWeakest(evaluation).map((factor) => phrase(factor, locale));
}
