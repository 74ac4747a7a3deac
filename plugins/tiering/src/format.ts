import { formatAmount, type Locale } from '@guanxi/core';
import type { Measure } from './config';

const MONEY: readonly Measure[] = ['revenue', 'margin', 'clv'];

/**
 * A value as the card shows it: money measures (revenue, margin, CLV; minor units) in the
 * team's currency's major units, "25,000.00"; a scorer's output with up to two decimals.
 */
export function formatValue(
  value: number,
  measure: Measure,
  currency: string,
  locale: Locale,
): string {
  if (!MONEY.includes(measure)) return value.toLocaleString(locale, { maximumFractionDigits: 2 });
  return formatAmount(value, currency, locale);
}
