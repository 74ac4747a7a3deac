import type { Locale } from '@guanxi/client';

// The server's rule for minor units (0 for JPY, 2 for CNY, 3 for KWD), a module of its own.
export { formatMoney } from '@guanxi/core/money';

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
