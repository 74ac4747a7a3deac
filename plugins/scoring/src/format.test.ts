import { expect, test } from 'vitest';
import { formatMoney } from './format';

test.each([
  [0, '0.00'],
  [5, '0.05'],
  [123_456, '1,234.56'],
  [100_000_000, '1,000,000.00'],
  [-2_550, '-25.50'],
  [99.6, '1.00'],
])('%d minor units read %s', (minor, text) => {
  expect(formatMoney(minor)).toBe(text);
});
