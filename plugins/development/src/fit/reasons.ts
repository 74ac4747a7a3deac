import type { Locale } from '@guanxi/core';
import { TIER_LABELS } from '@guanxi/plugin-tiering';
import type { FitEvaluation, PartDetail, PartResult, PositioningCheck } from './evaluate';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const signed = (share: number) => `${share >= 0 ? '+' : ''}${Math.round(share * 100)}%`;
const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

const DIMENSIONS: Readonly<Record<PositioningCheck['dimension'], Record<Locale, string>>> = {
  industry: { en: 'industry', 'zh-CN': '行业' },
  size: { en: 'size', 'zh-CN': '规模' },
  region: { en: 'region', 'zh-CN': '地区' },
};

type Phrase = (detail: never, locale: Locale) => string;

function checksText(checks: readonly PositioningCheck[], fits: boolean, locale: Locale): string {
  const sep = locale === 'en' ? ', ' : '，';
  return checks
    .filter((check) => check.fits === fits)
    .map((check) => `${DIMENSIONS[check.dimension][locale]} ${check.value}`)
    .join(sep);
}

const GOOD: Readonly<Record<PartDetail['part'], Phrase>> = {
  positioning: (d: Extract<PartDetail, { part: 'positioning' }>, locale) =>
    locale === 'en'
      ? `fits our positioning (${checksText(d.checks, true, locale)})`
      : `符合我们的定位（${checksText(d.checks, true, locale)}）`,
  goodCustomer: (d: Extract<PartDetail, { part: 'goodCustomer' }>, locale) =>
    locale === 'en' ? `a good customer (${orders(d, locale)})` : `好客户（${orders(d, locale)}）`,
  potential: (d: Extract<PartDetail, { part: 'potential' }>, locale) =>
    locale === 'en' ? `has potential (${growth(d, locale)})` : `有潜力（${growth(d, locale)}）`,
  match: (d: Extract<PartDetail, { part: 'match' }>, locale) =>
    locale === 'en'
      ? `a match in size (${d.size}; we are ${d.own})`
      : `门当户对（对方 ${d.size}，我方 ${d.own}）`,
  resemblance: (d: Extract<PartDetail, { part: 'resemblance' }>, locale) =>
    locale === 'en'
      ? `like our top customers (${d.attribute} ${d.value}: ${percent(d.share)} of them)`
      : `与头部客户相似（${d.attribute} ${d.value}：占 ${percent(d.share)}）`,
};

const POOR: Readonly<Record<PartDetail['part'], Phrase>> = {
  positioning: (d: Extract<PartDetail, { part: 'positioning' }>, locale) =>
    locale === 'en'
      ? `outside our positioning (${checksText(d.checks, false, locale)})`
      : `不在我们的定位内（${checksText(d.checks, false, locale)}）`,
  goodCustomer: (d: Extract<PartDetail, { part: 'goodCustomer' }>, locale) =>
    locale === 'en'
      ? `not yet a good customer (${orders(d, locale)})`
      : `尚不是好客户（${orders(d, locale)}）`,
  potential: (d: Extract<PartDetail, { part: 'potential' }>, locale) =>
    locale === 'en'
      ? `little potential (${growth(d, locale)})`
      : `潜力有限（${growth(d, locale)}）`,
  match: (d: Extract<PartDetail, { part: 'match' }>, locale) =>
    locale === 'en'
      ? `a mismatch in size (${d.size}; we are ${d.own})`
      : `规模不相称（对方 ${d.size}，我方 ${d.own}）`,
  resemblance: (d: Extract<PartDetail, { part: 'resemblance' }>, locale) =>
    locale === 'en'
      ? `unlike our top customers (${d.attribute} ${d.value}: ${percent(d.share)} of them)`
      : `与头部客户差异大（${d.attribute} ${d.value}：仅占 ${percent(d.share)}）`,
};

function orders(d: Extract<PartDetail, { part: 'goodCustomer' }>, locale: Locale): string {
  const n = oneDecimal(d.ordersPerYear);
  const en = locale === 'en';
  const parts = [en ? `${n} order${n === '1' ? '' : 's'} a year` : `每年 ${n} 单`];
  if (d.margin !== undefined) {
    parts.push(en ? `${percent(d.margin)} margin` : `利润率 ${percent(d.margin)}`);
  }
  if (d.tier !== undefined) {
    const tier = TIER_LABELS[d.tier][locale];
    parts.push(en ? `tier ${tier}` : `层级：${tier}`);
  }
  if (d.pAlive !== undefined) {
    const alive = percent(d.pAlive);
    parts.push(en ? `${alive} likely still buying` : `仍在购买的可能 ${alive}`);
  }
  return parts.join(en ? ', ' : '，');
}

function growth(d: Extract<PartDetail, { part: 'potential' }>, locale: Locale): string {
  const parts: string[] = [];
  if (d.growth !== undefined) {
    parts.push(locale === 'en' ? `orders ${signed(d.growth)}` : `订单 ${signed(d.growth)}`);
  }
  if (d.size !== undefined) parts.push(locale === 'en' ? `size ${d.size}` : `规模 ${d.size}`);
  if (parts.length === 0) return locale === 'en' ? 'new orders' : '新增订单';
  return parts.join(locale === 'en' ? ', ' : '，');
}

/** One part as a short phrase: "fits our positioning (industry retail)". */
export function partPhrase(part: PartResult, locale: Locale): string {
  const say = part.value >= 0.5 ? GOOD[part.detail.part] : POOR[part.detail.part];
  return say(part.detail as never, locale);
}

/** Every judged part as a phrase, the one that raised the score most first. */
export function fitReasons(evaluation: FitEvaluation, locale: Locale): string[] {
  return evaluation.parts.map((part) => partPhrase(part, locale));
}
