import { describe, expect, it } from 'vitest';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './cdnow.test-support';
import {
  fitParetoNbd,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
} from './pnbd';
import { integrate } from './quadrature.test-support';
import { logGamma } from './special';
import { type RFT, summarise } from './summary';
import { fieldOf } from './validation.test-support';

/** Fader, Hardie & Lee (2005), the Pareto/NBD benchmark on CDNOW, weeks. */
const published: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const publishedLogLikelihood = -9595.0;

/**
 * The model with the dropout time integrated numerically: a customer alive at T has weight
 * (α+T)^−(r+x) (β+T)^−s, one who died at τ in (t_x, T] has weight s (α+τ)^−(r+x) (β+τ)^−(s+1); given
 * alive, λ ~ gamma(r+x, α+T) and μ ~ gamma(s, β+T), so E[λ(1 − e^(−μt))/μ] =
 * (r+x)/(α+T) ∫₀ᵗ ((β+T)/(β+T+τ))^s dτ. No hypergeometric function is involved.
 */
function byIntegration(params: ParetoNbdParams, c: RFT, t: number) {
  const { r, alpha, s, beta } = params;
  const x = c.frequency;
  // Everything relative to the "alive" weight, which would underflow for large x or s.
  const logAlive = -(r + x) * Math.log(alpha + c.T) - s * Math.log(beta + c.T);
  const dying = (tau: number) =>
    (s / (beta + tau)) *
    Math.exp(
      -(r + x) * Math.log1p((tau - c.T) / (alpha + c.T)) -
        s * Math.log1p((tau - c.T) / (beta + c.T)),
    );
  const died = c.recency < c.T ? integrate(dying, c.recency, c.T, 1e-12) : 0;
  const pAlive = 1 / (1 + died);
  const rate = (r + x) / (alpha + c.T);
  const survival = integrate((tau) => ((beta + c.T) / (beta + c.T + tau)) ** s, 0, t, 1e-12);
  return {
    logLikelihood:
      logGamma(r + x) -
      logGamma(r) +
      r * Math.log(alpha) +
      s * Math.log(beta) +
      logAlive +
      Math.log1p(died),
    pAlive,
    expected: pAlive * rate * survival,
  };
}

describe('Pareto/NBD on CDNOW', () => {
  const summaries = summarise(readCdnowSample(), { until: CDNOW_CALIBRATION_END, unit: 'week' });

  it('reproduces the published fit', () => {
    const fit = fitParetoNbd(summaries);
    expect(fit.converged).toBe(true);
    // Three published decimals on a surface that is flat along α and β together: 1% relative on
    // each parameter. The LL has one published decimal (±0.05): 0.1.
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(fit.params[key] / published[key] - 1), key).toBeLessThan(0.01);
    }
    expect(Math.abs(fit.logLikelihood - publishedLogLikelihood)).toBeLessThan(0.1);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(paretoNbdLogLikelihood(published, summaries));
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      for (const factor of [0.99, 1.01]) {
        const nearby = { ...fit.params, [key]: fit.params[key] * factor };
        expect(paretoNbdLogLikelihood(nearby, summaries)).toBeLessThan(fit.logLikelihood);
      }
    }
  });
});

describe('Pareto/NBD on the first 19 weeks of CDNOW', () => {
  it('stops where s and β run off together, the dropout rate nearly the same for everyone', () => {
    const summaries = summarise(readCdnowSample(), { until: '1997-05-17', unit: 'week' });
    const fit = fitParetoNbd(summaries);
    // The likelihood keeps rising, ever more slowly, as s and β grow with s/β fixed; the search
    // ends once a step no longer lowers −ln L, rather than after its 500 iterations.
    expect(fit.iterations).toBeLessThan(100);
    expect(fit.converged).toBe(true);
    expect(fit.params.s).toBeGreaterThan(100);
    expect(fit.params.s / fit.params.beta).toBeCloseTo(0.06, 2);
    const nearby = { ...fit.params, s: fit.params.s / 2, beta: fit.params.beta / 2 };
    expect(fit.logLikelihood).toBeGreaterThan(paretoNbdLogLikelihood(nearby, summaries));
  });
});

describe('Pareto/NBD formulas', () => {
  const customers: RFT[] = [
    { frequency: 0, recency: 0, T: 38.86 },
    { frequency: 1, recency: 1.71, T: 38.86 },
    { frequency: 2, recency: 30.43, T: 38.86 },
    { frequency: 7, recency: 10, T: 52 },
    { frequency: 3, recency: 32, T: 32 },
    { frequency: 40, recency: 1, T: 30 },
    { frequency: 200, recency: 1, T: 30 },
  ];
  const paramSets: Record<string, ParetoNbdParams> = {
    'β > α (CDNOW)': published,
    'α > β': { r: 0.8, alpha: 15, s: 1.7, beta: 5 },
    'α ≫ β, 2F1 argument near 1': { r: 0.4, alpha: 400, s: 0.3, beta: 0.5 },
    'β ≪ α with many purchases': { r: 2, alpha: 0.05, s: 0.8, beta: 60 },
    'nearly homogeneous dropout, s and β huge': { r: 0.5, alpha: 13, s: 5e5, beta: 4.4e6 },
    's = 1': { r: 0.5, alpha: 8, s: 1, beta: 12 },
  };

  for (const [name, params] of Object.entries(paramSets)) {
    it(`agree with numerical integration over the dropout time (${name})`, () => {
      for (const c of customers) {
        const check = byIntegration(params, c, 39);
        expect(paretoNbdLogLikelihood(params, [c])).toBeCloseTo(check.logLikelihood, 8);
        expect(paretoNbdPAlive(params, c)).toBeCloseTo(check.pAlive, 9);
        expect(paretoNbdExpectedPurchases(params, c, 39)).toBeCloseTo(check.expected, 8);
      }
      const fresh = byIntegration(params, { frequency: 0, recency: 0, T: 0 }, 52);
      expect(paretoNbdExpectedPurchasesNew(params, 52)).toBeCloseTo(fresh.expected, 8);
    });
  }

  it('are continuous through s = 1', () => {
    const c = customers[2] as RFT;
    const at = (s: number) => paretoNbdExpectedPurchases({ ...published, s }, c, 52);
    expect(at(1 - 1e-9)).toBeCloseTo(at(1), 8);
    expect(at(1 + 1e-9)).toBeCloseTo(at(1), 8);
  });

  it('lower P(alive) the longer a customer has been silent', () => {
    for (const frequency of [0, 3]) {
      let previous = 1;
      for (const T of [12, 20, 39, 80, 200]) {
        const p = paretoNbdPAlive(published, { frequency, recency: frequency === 0 ? 0 : 10, T });
        expect(p).toBeLessThan(previous);
        previous = p;
      }
      expect(previous).toBeGreaterThan(0);
    }
  });

  it('expect more purchases over a longer horizon, none over none', () => {
    const c = customers[2] as RFT;
    expect(paretoNbdExpectedPurchases(published, c, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 13, 39, 52, 104, 520]) {
      const e = paretoNbdExpectedPurchases(published, c, t);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
  });

  it('forecast for a customer seen at T = 0 what it forecasts for a new customer', () => {
    const fresh = { frequency: 0, recency: 0, T: 0 };
    for (const t of [1, 39, 104]) {
      expect(paretoNbdExpectedPurchases(published, fresh, t)).toBeCloseTo(
        paretoNbdExpectedPurchasesNew(published, t),
        12,
      );
    }
  });

  it('name the field of bad input', () => {
    const c = { frequency: 1, recency: 2, T: 3 };
    expect(fieldOf(() => paretoNbdPAlive({ ...published, beta: -1 }, c))).toBe('params.beta');
    expect(fieldOf(() => paretoNbdPAlive(published, { ...c, T: Number.NaN }))).toBe('customer.T');
    expect(fieldOf(() => paretoNbdExpectedPurchasesNew(published, Number.POSITIVE_INFINITY))).toBe(
      't',
    );
    expect(fieldOf(() => fitParetoNbd([c, { ...c, frequency: -1 }]))).toBe('rows.1.frequency');
  });
});
