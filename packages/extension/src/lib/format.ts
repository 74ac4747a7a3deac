import type { Locale } from '@guanxi/client';

/** An amount in minor units (fen, cents), in its currency when one is known. */
export function formatMoney(minor: number, currency: string | undefined, locale: Locale): string {
  const major = minor / 100;
  if (currency === undefined) {
    return major.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  try {
    return major.toLocaleString(locale, { style: 'currency', currency });
  } catch {
    return `${major.toLocaleString(locale, { minimumFractionDigits: 2 })} ${currency}`;
  }
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatPercent(share: number, locale: Locale): string {
  return share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
}

/** An id such as `at_risk` or `silver` as words, for ids the server sends without a label. */
export function humanise(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
