import type { Locale } from '@guanxi/core';

/** How many minor units a currency has to its major unit, as a power of ten (CNY 2, JPY 0). */
function fractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** An amount in minor units, in the team's currency, as the reader's language writes it. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    majorUnits(minor, currency),
  );
}

/** An amount in minor units as a plain number of the currency's major unit, for a spreadsheet. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}
