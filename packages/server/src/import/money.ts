import { minorDigits } from '@guanxi/core';

export type MoneyResult = { readonly minor: number } | { readonly error: string };

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * `12.50` in CNY → 1250 fen. Works on the digits of the string, never on a float, so no
 * amount is rounded; more decimals than the currency has is an error, not a rounding.
 */
export function parseMoney(text: string, currency: string): MoneyResult {
  const trimmed = text.trim();
  if (trimmed.startsWith('-')) return { error: 'must not be negative' };
  const match = DECIMAL.exec(trimmed);
  if (match === null) return { error: 'must be a decimal amount such as 12.50' };
  const [, whole = '', fraction = ''] = match;
  const digits = minorDigits(currency);
  if (fraction.replace(/0+$/, '').length > digits) {
    return { error: `has more than ${digits} decimals for ${currency}` };
  }
  const minor = Number(`${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`);
  if (!Number.isSafeInteger(minor)) return { error: 'is too large' };
  return { minor };
}
