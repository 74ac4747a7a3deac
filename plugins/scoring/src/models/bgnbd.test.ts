import { describe, expect, it } from 'vitest';
import { betaMean, dropOverP } from './beta-mixture.test-support';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
} from './bgnbd';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './cdnow.test-support';
import { logGamma } from './special';
import { type RFT, summarise } from './summary';
import { fieldOf } from './validation.test-support';

/** Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW, weeks. */
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const publishedLogLikelihood = -9582.4;

/**
 * The model by direct integration over the dropout probability p, with λ integrated out by hand:
 * given p, a customer alive at T (weight (1 − p)^x (α+T)^−(r+x)) makes (1 − e^(−λpt))/p purchases in
 * (T, T + t] on average, and a customer who dropped after the last purchase (weight
 * p(1 − p)^(x−1) (α+t_x)^−(r+x)) makes none. The common factor Γ(r+x)α^r/Γ(r) is left out.
 */
function byIntegration(params: typeof published, c: RFT, t: number) {
  const { r, alpha, a, b } = params;
  const x = c.frequency;
  const k = r + x;
  const alive = betaMean((p) => (1 - p) ** x, a, b) * (alpha + c.T) ** -k;
  const dropped =
    x === 0 ? 0 : betaMean((p) => p * (1 - p) ** (x - 1), a, b) * (alpha + c.recency) ** -k;
  const future =
    betaMean((p) => (1 - p) ** x * dropOverP(k, t, alpha + c.T, p), a, b) * (alpha + c.T) ** -k;
  return {
    logLikelihood: logGamma(k) - logGamma(r) + r * Math.log(alpha) + Math.log(alive + dropped),
    pAlive: alive / (alive + dropped),
    expected: future / (alive + dropped),
  };
}

describe('BG/NBD on CDNOW', () => {
  const summaries = summarise(readCdnowSample(), { until: CDNOW_CALIBRATION_END, unit: 'week' });

  it('reproduces the published fit', () => {
    const fit = fitBgNbd(summaries);
    expect(fit.converged).toBe(true);
    // The published parameters have three decimals and the surface is flat along some directions,
    // so another optimiser may stop a little elsewhere: 1% relative on each parameter. The LL is
    // published to one decimal (±0.05), so 0.1 leaves room for rounding and nothing else.
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] / published[key] - 1), key).toBeLessThan(0.01);
    }
    expect(Math.abs(fit.logLikelihood - publishedLogLikelihood)).toBeLessThan(0.1);
    // A maximum: at least as high as at the rounded published point, and higher than nearby.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(published, summaries));
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.99, 1.01]) {
        const nearby = { ...fit.params, [key]: fit.params[key] * factor };
        expect(bgNbdLogLikelihood(nearby, summaries)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it('gives the published forecast for a customer with x = 2, t_x = 30.43, T = 38.86', () => {
    const customer = { frequency: 2, recency: 30.43, T: 38.86 };
    expect(bgNbdExpectedPurchases(published, customer, 39)).toBeCloseTo(1.226, 3);
  });
});

describe('BG/NBD formulas', () => {
  const customers: RFT[] = [
    { frequency: 0, recency: 0, T: 38.86 },
    { frequency: 1, recency: 1.71, T: 38.86 },
    { frequency: 2, recency: 30.43, T: 38.86 },
    { frequency: 7, recency: 10, T: 52 },
    { frequency: 3, recency: 32, T: 32 },
  ];

  it('agree with direct integration over the dropout probability', () => {
    for (const c of customers) {
      const check = byIntegration(published, c, 39);
      expect(bgNbdLogLikelihood(published, [c])).toBeCloseTo(check.logLikelihood, 9);
      expect(bgNbdPAlive(published, c)).toBeCloseTo(check.pAlive, 9);
      expect(bgNbdExpectedPurchases(published, c, 39)).toBeCloseTo(check.expected, 8);
    }
    const newCustomer = byIntegration(published, { frequency: 0, recency: 0, T: 0 }, 52);
    expect(bgNbdExpectedPurchasesNew(published, 52)).toBeCloseTo(newCustomer.expected, 8);
  });

  it('sum the log-likelihood over customers, repeated rows included', () => {
    const each = customers.map((c) => bgNbdLogLikelihood(published, [c]));
    const rows = [...customers, customers[2] as RFT, customers[2] as RFT];
    const expected = each.reduce((sum, ll) => sum + ll, 0) + 2 * (each[2] as number);
    expect(bgNbdLogLikelihood(published, rows)).toBeCloseTo(expected, 9);
  });

  it('treat a customer without repeat purchases as alive', () => {
    for (const T of [0, 1, 39, 500]) {
      expect(bgNbdPAlive(published, { frequency: 0, recency: 0, T })).toBe(1);
    }
  });

  it('lower P(alive) the longer a repeat buyer has been silent', () => {
    let previous = 1;
    for (const T of [10, 20, 39, 80, 200]) {
      const p = bgNbdPAlive(published, { frequency: 3, recency: 10, T });
      expect(p).toBeLessThan(previous);
      previous = p;
    }
    expect(previous).toBeGreaterThan(0);
  });

  it('expect more purchases over a longer horizon, none over none', () => {
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    expect(bgNbdExpectedPurchases(published, c, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 13, 39, 52, 104, 520]) {
      const e = bgNbdExpectedPurchases(published, c, t);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
  });

  it('are continuous through a = 1, where the closed form is 0/0', () => {
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    const at = (a: number) => bgNbdExpectedPurchases({ ...published, a }, c, 39);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((at(1 - 1e-4) + at(1 + 1e-4)) / 2, 8);
    expect(bgNbdExpectedPurchasesNew({ ...published, a: 1 }, 39)).toBeCloseTo(
      byIntegration({ ...published, a: 1 }, { frequency: 0, recency: 0, T: 0 }, 39).expected,
      8,
    );
  });

  it('forecast for a customer seen at T = 0 what it forecasts for a new customer', () => {
    const fresh = { frequency: 0, recency: 0, T: 0 };
    for (const t of [1, 39, 104]) {
      expect(bgNbdExpectedPurchases(published, fresh, t)).toBeCloseTo(
        bgNbdExpectedPurchasesNew(published, t),
        12,
      );
    }
  });

  it('name the field of bad input', () => {
    const c = { frequency: 1, recency: 2, T: 3 };
    expect(fieldOf(() => bgNbdPAlive({ ...published, alpha: 0 }, c))).toBe('params.alpha');
    expect(fieldOf(() => bgNbdPAlive(published, { ...c, recency: 4 }))).toBe('customer.recency');
    expect(fieldOf(() => bgNbdExpectedPurchases(published, c, -1))).toBe('t');
    expect(fieldOf(() => fitBgNbd([c, { ...c, frequency: 1.5 }]))).toBe('rows.1.frequency');
    expect(fieldOf(() => fitBgNbd([]))).toBe('rows');
  });
});
