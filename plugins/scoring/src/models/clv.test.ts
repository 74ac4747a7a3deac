import { describe, expect, it } from 'vitest';
import { clv } from './clv';
import { fieldOf } from './validation.test-support';

const linear = (t: number) => 0.5 * t;
const base = { expectedPurchases: linear, spend: 10, margin: 0.3, horizon: 3, discountRate: 0 };

describe('clv', () => {
  it('is purchases × spend × margin without discounting', () => {
    // 0.5 purchases a unit over 3 units, 10 a purchase, 30% margin.
    expect(clv(base)).toBeCloseTo(0.5 * 3 * 10 * 0.3, 12);
  });

  it('discounts each step’s purchases at the end of the step', () => {
    // Each unit is worth 0.5 × 10 × 0.3 = 1.5, discounted by 1.1, 1.1² and 1.1³.
    expect(clv({ ...base, discountRate: 0.1 })).toBeCloseTo(
      1.5 / 1.1 + 1.5 / 1.1 ** 2 + 1.5 / 1.1 ** 3,
      12,
    );
  });

  it('cuts the last step short at the horizon', () => {
    // Steps of 2 over 3 units end at t = 2 (1 purchase) and t = 3 (0.5 purchases).
    expect(clv({ ...base, discountRate: 0.1, step: 2 })).toBeCloseTo(
      (1 * 3) / 1.1 ** 2 + (0.5 * 3) / 1.1 ** 3,
      12,
    );
  });

  it('follows the shape of the expected-purchases curve', () => {
    // E(t) = 1 − e^(−t/10): purchases taper off, so later steps are worth less even undiscounted.
    const tapering = (t: number) => 1 - Math.exp(-t / 10);
    const value = clv({ ...base, expectedPurchases: tapering, horizon: 2, margin: 1, spend: 1 });
    expect(value).toBeCloseTo(1 - Math.exp(-0.2), 12);
    expect(clv({ ...base, horizon: 0 })).toBe(0);
  });

  it('names the field of bad input', () => {
    expect(fieldOf(() => clv({ ...base, margin: 1.5 }))).toBe('margin');
    expect(fieldOf(() => clv({ ...base, spend: -1 }))).toBe('spend');
    expect(fieldOf(() => clv({ ...base, step: 0 }))).toBe('step');
    expect(fieldOf(() => clv({ ...base, horizon: 1e9, step: 1 }))).toBe('step');
    expect(fieldOf(() => clv({ ...base, discountRate: Number.NaN }))).toBe('discountRate');
    expect(fieldOf(() => clv({ ...base, expectedPurchases: () => Number.NaN }))).toBe(
      'expectedPurchases',
    );
  });
});
