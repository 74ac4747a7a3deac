import { describe, expect, test } from 'vitest';
import { parseMoney } from './money';

describe('parseMoney', () => {
  test.each([
    ['12.50', 'CNY', 1250],
    ['12.5', 'CNY', 1250],
    ['12', 'CNY', 1200],
    ['12.', 'USD', 1200],
    ['0.29', 'USD', 29],
    ['1.10', 'USD', 110],
    [' 7.00 ', 'CNY', 700],
    ['1000', 'JPY', 1000],
    ['1.234', 'KWD', 1234],
    ['1.50000', 'CNY', 150],
    ['90071992547409.91', 'USD', 9_007_199_254_740_991],
  ])('%s %s is %i minor units, exactly', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toEqual({ minor });
  });

  test.each([
    ['-5.00', 'CNY', 'must not be negative'],
    ['1.234', 'CNY', 'has more than 2 decimals for CNY'],
    ['10.5', 'JPY', 'has more than 0 decimals for JPY'],
    ['1,000.00', 'CNY', 'must be a decimal amount such as 12.50'],
    ['1e3', 'CNY', 'must be a decimal amount such as 12.50'],
    ['abc', 'CNY', 'must be a decimal amount such as 12.50'],
    ['90071992547409.92', 'USD', 'is too large'],
  ])('%s %s is refused: %s', (text, currency, error) => {
    expect(parseMoney(text, currency)).toEqual({ error });
  });
});
