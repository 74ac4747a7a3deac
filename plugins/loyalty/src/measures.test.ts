import { describe, expect, test } from 'vitest';
import { priceSensitivity, quadrant, repeatPurchases } from './measures';

describe('loyalty measures', () => {
  const thresholds = { attitudeThreshold: 4, repeatThreshold: 2 };

  test('attitude × behaviour gives the four kinds', () => {
    expect(quadrant(5, 2, thresholds)).toBe('loyal');
    expect(quadrant(4, 1, thresholds)).toBe('latent');
    expect(quadrant(2, 7, thresholds)).toBe('spurious');
    expect(quadrant(3, 0, thresholds)).toBe('not_loyal');
    expect(quadrant(null, 9, thresholds)).toBeNull();
  });

  test('repeat purchases are orders after the first; sensitivity the discounted share', () => {
    expect(repeatPurchases({ orderCount: 0 })).toBe(0);
    expect(repeatPurchases({ orderCount: 5 })).toBe(4);
    expect(priceSensitivity(1, 4)).toBe(0.25);
    expect(priceSensitivity(0, 0)).toBeNull();
  });
});
