import type { Locale } from '@guanxi/core';
import type { Measure } from './config';

const MONEY: readonly Measure[] = ['revenue', 'margin', 'clv'];

function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

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
  const digits = minorDigits(currency);
  return (value / 10 ** digits).toLocaleString(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
