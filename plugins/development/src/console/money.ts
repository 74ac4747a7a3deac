import { formatMoney, type Locale } from '@guanxi/core';
import type { Money } from '../opportunities/reports';

/** Sums by currency as one cell: each currency apart, `—` for none. */
export function moneyText(money: Money, locale: Locale): string {
  const parts = Object.entries(money)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => formatMoney(minor, currency, locale));
  return parts.length === 0 ? '—' : parts.join('; ');
}
