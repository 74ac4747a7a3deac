import { describe, expect, test } from 'vitest';
import { ladderSchema } from './config';
import { ladderLevel } from './ladder';

const now = new Date('2025-01-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const defaults = ladderSchema.parse({});

const level = (orderCount: number, first: number | null, last: number | null, config = defaults) =>
  ladderLevel(
    {
      orderCount,
      firstOrderAt: first === null ? null : daysAgo(first),
      lastOrderAt: last === null ? null : daysAgo(last),
    },
    now,
    config,
  );

describe('the loyalty ladder', () => {
  test('climbs from potential to loyal with orders and years', () => {
    expect(level(0, null, null)).toBe('potential');
    expect(level(1, 900, 900)).toBe('new');
    expect(level(4, 30, 1)).toBe('new');
    expect(level(2, 90, 10)).toBe('regular');
    expect(level(2, 365, 10)).toBe('old');
    expect(level(5, 730, 180)).toBe('loyal');
  });

  test('loyalty needs every condition: orders, years and a recent order', () => {
    expect(level(4, 900, 10)).toBe('old');
    expect(level(5, 729, 10)).toBe('old');
    expect(level(5, 900, 181)).toBe('old');
  });

  test('follows its configuration', () => {
    const strict = ladderSchema.parse({ regularOrders: 3, newDays: 30, loyalOrders: 10 });
    expect(level(2, 100, 10, strict)).toBe('new');
    expect(level(3, 31, 10, strict)).toBe('regular');
    expect(level(9, 900, 10, strict)).toBe('old');
    expect(level(10, 900, 10, strict)).toBe('loyal');
  });
});
