import { describe, expect, test } from 'vitest';
import { sharesSchema } from './config';
import {
  boundaryRanks,
  placeTier,
  planBoundaries,
  rankedTier,
  type Thresholds,
  within,
} from './pyramid';

const defaults = sharesSchema.parse({});

/** Thresholds as a recompute would store them for values N, N−1, …, 1 held by ids 1…N. */
function descending(customers: number, hysteresis: number): Thresholds {
  const cut = (rank: number) => ({
    rank,
    key: rank >= 1 && rank <= customers ? { value: customers + 1 - rank, customerId: rank } : null,
  });
  const plans = planBoundaries(customers, defaults, hysteresis);
  return {
    measure: 'revenue',
    customers,
    computedAt: '2025-01-01T00:00:00.000Z',
    boundaries: plans.map((p) => ({
      boundary: p.boundary,
      margin: p.margin,
      at: cut(p.rank),
      keepAbove: cut(p.rank + p.margin),
      keepBelow: cut(p.rank - p.margin),
    })),
  };
}

describe('the pyramid', () => {
  test('10,000 customers split 100/1,900/3,000/5,000 with the default shares', () => {
    expect(boundaryRanks(10_000, defaults)).toEqual([100, 2_000, 5_000]);
  });

  test('cumulative shares round half up, so the counts always add up to N', () => {
    expect(boundaryRanks(50, defaults)).toEqual([1, 10, 25]);
    expect(boundaryRanks(149, defaults)).toEqual([1, 30, 75]);
    expect(boundaryRanks(0, defaults)).toEqual([0, 0, 0]);
    const thirds = sharesSchema.parse({
      important: 0.1,
      secondary: 0.233333333,
      normal: 0.333333333,
      small: 0.333333334,
    });
    for (let n = 0; n <= 2_000; n++) {
      for (const shares of [defaults, thirds]) {
        const [a, b, c] = boundaryRanks(n, shares);
        expect(0 <= a && a <= b && b <= c && c <= n).toBe(true);
        expect(Math.abs(a - n * shares.important)).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(Math.abs(b - n * (shares.important + shares.secondary))).toBeLessThanOrEqual(
          0.5 + 1e-9,
        );
      }
    }
  });

  test('the hysteresis margin is h × N ranks, at most half the smaller tier at the boundary', () => {
    expect(planBoundaries(10_000, defaults, 0.02).map((p) => p.margin)).toEqual([50, 200, 200]);
    expect(planBoundaries(10_000, defaults, 0.001).map((p) => p.margin)).toEqual([10, 10, 10]);
    expect(planBoundaries(10_000, defaults, 0).map((p) => p.margin)).toEqual([0, 0, 0]);
  });

  test('equal values rank the older (lower id) customer first', () => {
    const cut = { rank: 5, key: { value: 100, customerId: 7 } };
    expect(within({ value: 100, customerId: 6 }, cut, 10)).toBe(true);
    expect(within({ value: 100, customerId: 7 }, cut, 10)).toBe(true);
    expect(within({ value: 100, customerId: 8 }, cut, 10)).toBe(false);
    expect(within({ value: 101, customerId: 99 }, cut, 10)).toBe(true);
    expect(within({ value: 0, customerId: 1 }, { rank: 0, key: null }, 10)).toBe(false);
    expect(within({ value: 0, customerId: 1 }, { rank: 10, key: null }, 10)).toBe(true);
  });

  test('a tier holds while the rank stays within its band widened by the margin', () => {
    const thresholds = descending(1_000, 0.02);
    // Boundaries at ranks 10, 200, 500; margins 5, 20, 20. Customer id = rank here.
    const at = (rank: number) => ({ value: 1_001 - rank, customerId: rank });
    expect(rankedTier(at(200), thresholds)).toBe('secondary');
    expect(rankedTier(at(201), thresholds)).toBe('normal');
    expect(placeTier(at(220), 'secondary', thresholds, true)).toBe('secondary');
    expect(placeTier(at(221), 'secondary', thresholds, true)).toBe('normal');
    expect(placeTier(at(181), 'normal', thresholds, true)).toBe('normal');
    expect(placeTier(at(180), 'normal', thresholds, true)).toBe('secondary');
    expect(placeTier(at(5), 'secondary', thresholds, true)).toBe('important');
    expect(placeTier(at(6), 'secondary', thresholds, true)).toBe('secondary');
    expect(placeTier(at(220), 'secondary', thresholds, false)).toBe('normal');
    expect(placeTier(at(900), 'important', thresholds, true)).toBe('small');
    expect(placeTier(at(3), undefined, thresholds, true)).toBe('important');
  });
});
