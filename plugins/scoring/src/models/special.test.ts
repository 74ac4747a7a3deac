import { describe, expect, it } from 'vitest';
import { integrate } from './quadrature.test-support';
import { digamma, hyp2f1, log1mExp, logAddExp, logBeta, logGamma, logSumExp } from './special';

const EULER_GAMMA = 0.5772156649015329;

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('logGamma', () => {
  it('matches known values to about 1e-13 relative', () => {
    expect(relative(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-13);
    expect(relative(logGamma(0.25), Math.log(3.625609908221908))).toBeLessThan(1e-13);
    expect(relative(logGamma(1 / 3), Math.log(2.678938534707747))).toBeLessThan(1e-13);
    expect(relative(logGamma(100), 359.1342053695754)).toBeLessThan(1e-14);
    expect(relative(logGamma(1e-8), -Math.log(1e-8) - EULER_GAMMA * 1e-8)).toBeLessThan(1e-12);
  });

  it('is ln((n − 1)!) at whole numbers and 0 at 1 and 2', () => {
    let logFactorial = 0;
    for (let n = 2; n <= 170; n++) {
      logFactorial += Math.log(n - 1);
      expect(relative(logGamma(n), logFactorial) || 0).toBeLessThan(1e-13);
    }
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
  });

  it('satisfies Γ(x + 1) = x Γ(x) on both sides of the reflection at 0.5', () => {
    for (const x of [1e-3, 0.1, 0.3, 0.49, 0.5, 0.51, 0.9, 3.7, 25.2, 1234.5]) {
      const scale = Math.max(1, Math.abs(logGamma(x + 1)));
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x)) / scale).toBeLessThan(1e-14);
    }
  });

  it('gives ln B(a, b) through Γ', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });
});

describe('digamma', () => {
  it('matches known values', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
    expect(digamma(100)).toBeCloseTo(4.600161852738087, 13);
  });

  it('is the derivative of logGamma and satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    for (const x of [0.05, 0.7, 2.3, 9.99, 10.01, 57]) {
      const h = 1e-4 * x;
      const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(relative(digamma(x), slope)).toBeLessThan(1e-8);
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
    }
  });
});

describe('hyp2f1', () => {
  it('matches closed forms for 0 ≤ z < 1, including close to 1', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99, 0.9999]) {
      const expected = z === 0 ? 1 : -Math.log1p(-z) / z;
      expect(relative(hyp2f1(1, 1, 2, z), expected)).toBeLessThan(1e-13);
      expect(relative(hyp2f1(0.7, 2.5, 2.5, z), (1 - z) ** -0.7)).toBeLessThan(1e-13);
    }
    const x = 0.8;
    expect(relative(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-13);
  });

  it('uses Pfaff’s transformation for negative z, even beyond −1', () => {
    for (const x of [0.5, 1, 3, 30]) {
      expect(relative(hyp2f1(0.5, 1, 1.5, -x * x), Math.atan(x) / x)).toBeLessThan(1e-13);
      expect(relative(hyp2f1(1, 1, 2, -x), Math.log1p(x) / x)).toBeLessThan(1e-13);
    }
  });

  it('is a polynomial when a is a negative whole number', () => {
    const [b, c, z] = [1.5, 2.5, 0.7];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(
      1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)),
      14,
    );
  });

  it('matches Euler’s integral in the Pareto/NBD form 2F1(a, b; a + 1; z)', () => {
    // 2F1(a, b; a + 1; z) = ∫₀¹ (1 − z·u^(1/a))^(−b) du, after substituting u = tᵃ.
    for (const [a, b, z] of [
      [0.6, 1.6, 0.2],
      [3.2, 0.9, 0.75],
      [12.5, 1.6, 0.97],
    ] as const) {
      const integral = integrate((u) => (1 - z * u ** (1 / a)) ** -b, 0, 1, 1e-13);
      expect(relative(hyp2f1(a, b, a + 1, z), integral)).toBeLessThan(1e-9);
    }
  });

  it('sums the series when b and c are in the millions', () => {
    // BG/NBD's forecast when its fitted dropout is nearly the same for every customer
    // (a = 27,075, b = 2,547,587): checked against the plain sum of 20,000 terms.
    const [a, b, c, z] = [1.138, 2_547_587.1, 2_574_660.9, 0.857];
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 20_000; n++) {
      term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
      sum += term;
    }
    expect(hyp2f1(a, b, c, z)).toBeCloseTo(sum, 10);
    expect(hyp2f1(b, a, c, z)).toBeCloseTo(sum, 10);
  });

  it('refuses z ≥ 1 and poles of c', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -1, 0.5)).toThrow(/pole/);
  });
});

describe('log-sum-exp helpers', () => {
  it('adds in log space without overflow or underflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, Number.NEGATIVE_INFINITY)).toBe(-1000);
    expect(logSumExp([-1000, -1000, -1000])).toBeCloseTo(-1000 + Math.log(3), 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('computes ln(1 − eˣ) accurately near 0 and far below it', () => {
    expect(relative(log1mExp(-1e-20), Math.log(1e-20))).toBeLessThan(1e-15);
    expect(relative(log1mExp(-50), -Math.exp(-50))).toBeLessThan(1e-15);
    expect(log1mExp(-1)).toBeCloseTo(Math.log(1 - Math.exp(-1)), 15);
    expect(log1mExp(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});
