import { describe, expect, it } from 'vitest';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './cdnow.test-support';
import {
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
} from './gamma-gamma';
import { integrate } from './quadrature.test-support';
import { logGamma } from './special';
import { summarise } from './summary';
import { fieldOf } from './validation.test-support';

/** Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves", CDNOW repeat buyers. */
const published: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

/** ln of the gamma density with shape k and rate θ at y. */
function logGammaDensity(y: number, k: number, theta: number): number {
  return k * Math.log(theta) + (k - 1) * Math.log(y) - theta * y - logGamma(k);
}

/**
 * The spend model with the customer's scale ν integrated numerically: z̄ | ν ~ gamma(px, νx) and
 * ν ~ gamma(q, v); E[Z | ν] = p/ν. No closed form is involved.
 */
function byIntegration({ p, q, v }: GammaGammaParams, x: number, zbar: number) {
  const joint = (nu: number) =>
    nu === 0 ? 0 : Math.exp(logGammaDensity(zbar, p * x, nu * x) + logGammaDensity(nu, q, v));
  const mean = (q + p * x) / (v + x * zbar);
  const upper = mean + (40 * Math.sqrt(q + p * x)) / (v + x * zbar);
  const density = integrate(joint, 0, upper, 1e-13);
  return {
    logLikelihood: Math.log(density),
    expectedSpend:
      integrate((nu) => (nu === 0 ? 0 : (p / nu) * joint(nu)), 0, upper, 1e-13) / density,
  };
}

describe('Gamma-Gamma on CDNOW', () => {
  it('reproduces the published fit on the 946 repeat buyers', () => {
    const summaries = summarise(readCdnowSample(), { until: CDNOW_CALIBRATION_END, unit: 'week' });
    expect(summaries.filter((s) => s.frequency > 0)).toHaveLength(946);
    const fit = fitGammaGamma(summaries);
    expect(fit.converged).toBe(true);
    // Published with two decimals; 1% relative allows for that rounding and a flat surface.
    for (const key of ['p', 'q', 'v'] as const) {
      expect(Math.abs(fit.params[key] / published[key] - 1), key).toBeLessThan(0.01);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(published, summaries));
    // Customers without repeat purchases do not change the fit.
    const repeat = summaries.filter((s) => s.frequency > 0);
    expect(fitGammaGamma(repeat).params).toEqual(fit.params);
  });
});

describe('Gamma-Gamma formulas', () => {
  const customers = [
    { frequency: 1, monetaryValue: 11.77 },
    { frequency: 2, monetaryValue: 22.35 },
    { frequency: 9, monetaryValue: 140 },
  ];

  it('agree with numerical integration over the customer’s scale', () => {
    for (const c of customers) {
      const check = byIntegration(published, c.frequency, c.monetaryValue);
      expect(gammaGammaLogLikelihood(published, [c])).toBeCloseTo(check.logLikelihood, 9);
      expect(gammaGammaExpectedSpend(published, c)).toBeCloseTo(check.expectedSpend, 8);
    }
  });

  it('shrink a customer’s mean spend towards the population mean, less so with more purchases', () => {
    const population = (published.p * published.v) / (published.q - 1);
    expect(gammaGammaExpectedSpend(published, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(
      population,
      12,
    );
    let previousGap = Number.POSITIVE_INFINITY;
    for (const frequency of [1, 2, 5, 20, 100]) {
      const expected = gammaGammaExpectedSpend(published, { frequency, monetaryValue: 100 });
      expect(expected).toBeGreaterThan(population);
      expect(expected).toBeLessThan(100);
      expect(100 - expected).toBeLessThan(previousGap);
      previousGap = 100 - expected;
    }
  });

  it('leave out customers without repeat purchases or with zero spend', () => {
    const ll = gammaGammaLogLikelihood(published, customers);
    const padded = [
      ...customers,
      { frequency: 0, monetaryValue: 0 },
      { frequency: 3, monetaryValue: 0 },
    ];
    expect(gammaGammaLogLikelihood(published, padded)).toBe(ll);
  });

  it('name the field of bad input', () => {
    expect(fieldOf(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }]))).toBe('rows');
    expect(fieldOf(() => fitGammaGamma([{ frequency: 2, monetaryValue: -5 }]))).toBe(
      'rows.0.monetaryValue',
    );
    expect(fieldOf(() => gammaGammaLogLikelihood({ ...published, v: 0 }, customers))).toBe(
      'params.v',
    );
    expect(
      fieldOf(() =>
        gammaGammaExpectedSpend({ ...published, q: 0.9 }, { frequency: 0, monetaryValue: 0 }),
      ),
    ).toBe('params.q');
  });
});
