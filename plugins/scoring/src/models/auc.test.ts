import { describe, expect, it } from 'vitest';
import { auc } from './auc';
import { fieldOf } from './validation.test-support';

/** Every (positive, negative) pair: 1 if the positive scores higher, ½ on a tie. */
function pairwise(scores: readonly number[], labels: readonly boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    scores.forEach((t, j) => {
      if (labels[i] && !labels[j]) {
        pairs++;
        wins += s > t ? 1 : s === t ? 0.5 : 0;
      }
    });
  });
  return wins / pairs;
}

describe('auc', () => {
  it('scores hand-worked examples', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: three of the four pairs are ordered.
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auc([3, 2, 1], [true, true, false])).toBe(1);
    expect(auc([1, 2, 3], [true, true, false])).toBe(0);
  });

  it('counts ties one half', () => {
    // Positives {2, 3}, negatives {1, 2}: 2>1, 2=2 (½), 3>1, 3>2 → 3.5 of 4.
    expect(auc([1, 2, 2, 3], [false, true, false, true])).toBe(0.875);
    // Positives {1, 2}, negatives {1, 2}: ½ + 0 + 1 + ½ → 2 of 4.
    expect(auc([1, 1, 2, 2], [false, true, false, true])).toBe(0.5);
    expect(auc([0.5, 0.5, 0.5], [true, false, false])).toBe(0.5);
  });

  it('agrees with counting every pair on data full of ties', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const scores = Array.from({ length: 400 }, () => Math.floor(next() * 12));
    const labels = scores.map((s) => next() < 0.2 + s / 20);
    expect(auc(scores, labels)).toBeCloseTo(pairwise(scores, labels), 12);
  });

  it('names the field of bad input', () => {
    expect(fieldOf(() => auc([1, 2], [true]))).toBe('labels');
    expect(fieldOf(() => auc([1, 2], [true, true]))).toBe('labels');
    expect(fieldOf(() => auc([1, Number.NaN], [true, false]))).toBe('scores.1');
  });
});
