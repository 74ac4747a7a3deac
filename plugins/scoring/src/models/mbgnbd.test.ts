import { describe, expect, it } from 'vitest';
import { betaMean, dropOverP } from './beta-mixture.test-support';
import { bgNbdLogLikelihood, fitBgNbd } from './bgnbd';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './cdnow.test-support';
import {
  fitMbgNbd,
  type MbgNbdParams,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
} from './mbgnbd';
import { logGamma } from './special';
import { type RFT, summarise } from './summary';
import { fieldOf } from './validation.test-support';

/**
 * The MBG/NBD fit of the CDNOW sample (weeks, calibration to 1997-09-30) as the `lifetimes`
 * Python library's test suite states it (`test_params_out_is_close_to_BTYDplus`, three decimals),
 * citing the BTYDplus R package.
 */
const published: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

/**
 * The model from its definition, integrating over the dropout probability p numerically and over
 * λ by hand. A customer may leave right after the first purchase and after each of the x repeat
 * purchases: still active at T with weight (1 − p)^(x+1) (α+T)^−(r+x), gone since the last
 * purchase with weight p(1 − p)^x (α+t_x)^−(r+x), for x = 0 too. Given p, an active customer
 * makes (1 − e^(−λpt))/p purchases in (T, T + t] on average. The common factor Γ(r+x)α^r/Γ(r) is
 * left out. No hypergeometric function is involved.
 */
function byIntegration(params: MbgNbdParams, c: RFT, t: number) {
  const { r, alpha, a, b } = params;
  const x = c.frequency;
  const k = r + x;
  const alive = betaMean((p) => (1 - p) ** (x + 1), a, b) * (alpha + c.T) ** -k;
  const dropped = betaMean((p) => p * (1 - p) ** x, a, b) * (alpha + c.recency) ** -k;
  const future =
    betaMean((p) => (1 - p) ** (x + 1) * dropOverP(k, t, alpha + c.T, p), a, b) *
    (alpha + c.T) ** -k;
  return {
    logLikelihood: logGamma(k) - logGamma(r) + r * Math.log(alpha) + Math.log(alive + dropped),
    pAlive: alive / (alive + dropped),
    expected: future / (alive + dropped),
  };
}

describe('MBG/NBD on CDNOW', () => {
  const summaries = summarise(readCdnowSample(), { until: CDNOW_CALIBRATION_END, unit: 'week' });

  it('reproduces the published fit', () => {
    const fit = fitMbgNbd(summaries);
    expect(fit.converged).toBe(true);
    // Three published decimals: half a unit in the last place, relative to each parameter.
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] - published[key]), key).toBeLessThanOrEqual(0.0005);
    }
    // A maximum: at least as high as at the rounded published point, and higher than nearby.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(mbgNbdLogLikelihood(published, summaries));
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        const nearby = { ...fit.params, [key]: fit.params[key] * factor };
        expect(mbgNbdLogLikelihood(nearby, summaries)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it('fits the sample at least as well as BG/NBD, whose one-time buyers cannot leave', () => {
    // The two models have four parameters each; on CDNOW they fit about equally well.
    const mbg = fitMbgNbd(summaries).logLikelihood;
    const bg = fitBgNbd(summaries).logLikelihood;
    expect(Math.abs(mbg - bg)).toBeLessThan(5);
    expect(mbg).toBeGreaterThan(bgNbdLogLikelihood(published, summaries));
  });
});

describe('MBG/NBD formulas', () => {
  const customers: RFT[] = [
    { frequency: 0, recency: 0, T: 38.86 },
    { frequency: 0, recency: 0, T: 0 },
    { frequency: 1, recency: 1.71, T: 38.86 },
    { frequency: 2, recency: 30.43, T: 38.86 },
    { frequency: 7, recency: 10, T: 52 },
    { frequency: 3, recency: 32, T: 32 },
  ];
  const paramSets: Record<string, MbgNbdParams> = {
    'CDNOW fit': published,
    'a > 1': { r: 1.2, alpha: 9, a: 2.5, b: 4 },
    'a = 1, where the closed form is 0/0': { r: 0.5, alpha: 6, a: 1, b: 1.6 },
  };

  for (const [name, params] of Object.entries(paramSets)) {
    it(`agree with integration over the dropout probability (${name})`, () => {
      for (const c of customers) {
        const check = byIntegration(params, c, 39);
        expect(mbgNbdLogLikelihood(params, [c])).toBeCloseTo(check.logLikelihood, 9);
        expect(mbgNbdPAlive(params, c)).toBeCloseTo(check.pAlive, 9);
        expect(mbgNbdExpectedPurchases(params, c, 39)).toBeCloseTo(check.expected, 8);
      }
      const fresh = byIntegration(params, { frequency: 0, recency: 0, T: 0 }, 52);
      expect(mbgNbdExpectedPurchasesNew(params, 52)).toBeCloseTo(fresh.expected, 8);
    });
  }

  it('let a customer without repeat purchases be gone, the more likely the longer ago', () => {
    // At T = 0 only the dropout right after the first purchase counts: P(alive) = b/(a+b).
    const fresh = mbgNbdPAlive(published, { frequency: 0, recency: 0, T: 0 });
    expect(fresh).toBeCloseTo(published.b / (published.a + published.b), 12);
    let previous = fresh;
    for (const T of [1, 10, 39, 80, 500]) {
      const p = mbgNbdPAlive(published, { frequency: 0, recency: 0, T });
      expect(p).toBeLessThan(previous);
      previous = p;
    }
    expect(previous).toBeGreaterThan(0);
  });

  it('name the field of bad input', () => {
    const c = { frequency: 1, recency: 2, T: 3 };
    expect(fieldOf(() => mbgNbdPAlive({ ...published, b: 0 }, c))).toBe('params.b');
    expect(fieldOf(() => mbgNbdPAlive(published, { ...c, recency: 4 }))).toBe('customer.recency');
    expect(fieldOf(() => mbgNbdExpectedPurchasesNew(published, -1))).toBe('t');
    expect(fieldOf(() => fitMbgNbd([c, { ...c, T: -1 }]))).toBe('rows.1.T');
  });
});
