import { integrate } from './quadrature.test-support';
import { logBeta } from './special';

/**
 * Pieces for checking BG/NBD and MBG/NBD from their definitions, by numerical integration over
 * the dropout probability p rather than through their closed forms.
 */

/** E[h(p)] for p ~ beta(a, b), integrated over u = pᵃ so that p^(a−1) does not blow up at 0. */
export function betaMean(h: (p: number) => number, a: number, b: number): number {
  const integral = integrate(
    (u) => {
      const p = u ** (1 / a);
      return h(p) * (1 - p) ** (b - 1);
    },
    0,
    1,
    1e-12,
  );
  return integral / a / Math.exp(logBeta(a, b));
}

/**
 * (1 − (1 + p·t/c)^(−k)) / p, and its limit k·t/c at p = 0: the purchases an active customer with
 * dropout probability p makes in t, averaged over λ ~ gamma(k, c).
 */
export function dropOverP(k: number, t: number, c: number, p: number): number {
  return p === 0 ? (k * t) / c : -Math.expm1(-k * Math.log1p((p * t) / c)) / p;
}
