import { expect, test } from 'vitest';
import { formatAmount, formatMoney, majorUnits, minorDigits } from './money';

test.each([
  ['CNY', 2, 12.35],
  ['JPY', 0, 1235],
  ['KWD', 3, 1.235],
  ['USD', 2, 12.35],
])('%s has %i minor digits: 1235 minor units are %d', (currency, digits, major) => {
  expect(minorDigits(currency)).toBe(digits);
  expect(majorUnits(1235, currency)).toBe(major);
});

test.each([
  [1235, 'CNY', 'en', 'CN¥12.35'],
  [1235, 'CNY', 'zh-CN', '¥12.35'],
  [1235, 'JPY', 'en', '¥1,235'],
  [1235, 'JPY', 'zh-CN', 'JP¥1,235'],
  [1235, 'KWD', 'en', 'KWD 1.235'],
  [1_234_567, 'KWD', 'en', 'KWD 1,234.567'],
  [1235, undefined, 'en', '12.35'],
])('%i %s in %s reads %s', (minor, currency, locale, text) => {
  expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, ' ')).toBe(text);
});

test('amounts without the sign keep the currency’s decimals', () => {
  expect(formatAmount(250_000, 'CNY', 'en')).toBe('2,500.00');
  expect(formatAmount(250_000, 'JPY', 'en')).toBe('250,000');
  expect(formatAmount(250_000, 'KWD', 'en')).toBe('250.000');
});

test('a malformed code is shown with two decimals, not thrown', () => {
  expect(minorDigits('C1')).toBe(2);
  expect(formatMoney(1235, 'C1', 'en')).toBe('12.35 C1');
});
