import type { ParetoNbdParams } from './pnbd';
import { hyp2f1, log1mExp, logAddExp } from './special';

/**
 * The Pareto/NBD death integral D(τ₀, τ₁) = ∫ from τ₀ to τ₁ of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ: a
 * customer with x repeat purchases, the last at τ₀, dying before τ₁ (times s·Γ(r+x)α^rβ^s/Γ(r)).
 * In the notation of Fader & Hardie's Pareto/NBD note, (s/(r+s+x)) A₀ = s·D(t_x, T).
 *
 * Write a = r+s+x, let "big" and "small" be the larger and smaller of α and β, k the exponent of
 * the small one's factor (r+x for α, s+1 for β) and k' = a+1−k the other. Along
 * u(τ) = (small+τ)/(big+τ) = 1 − z(τ), which grows with τ, three routes cover [τ₀, τ₁]:
 *
 * - u ≥ 0.05: the note's closed form D = (F(τ₀) − F(τ₁))/a with F(τ) = 2F1(a, k; a+1; z)/(big+τ)^a,
 *   z = (big−small)/(big+τ) in [0, 0.95], so the series needs at most about 740 terms;
 * - u ≤ 1/(a+1): substituting u gives D = (big−small)^−a ∫ u^−k (1−u)^(a−1) du, and (1−u)^(a−1)
 *   is expanded in powers of u, which converges fast and without much cancellation as a·u < 1;
 * - in between, only reached when a is large (s or r in the hundreds): Gauss–Legendre quadrature
 *   in w = ln(small+τ), where the log of the integrand is concave and smooth.
 */
export interface DeathTerms {
  readonly a: number;
  readonly k: number;
  readonly big: number;
  readonly small: number;
  readonly uSeries: number;
  readonly logA: number;
}

/** Where the 2F1 series is fast enough (u ≥ this). */
const U_CLOSED_FORM = 0.05;

/** The constants of D for x repeat purchases. */
export function deathTerms({ r, alpha, s, beta }: ParetoNbdParams, x: number): DeathTerms {
  const a = r + s + x;
  const alphaIsBig = alpha >= beta;
  return {
    a,
    k: alphaIsBig ? s + 1 : r + x,
    big: alphaIsBig ? alpha : beta,
    small: alphaIsBig ? beta : alpha,
    uSeries: Math.min(U_CLOSED_FORM, 1 / (a + 1)),
    logA: Math.log(a),
  };
}

/** Whether D from τ on can use the closed form, so ln F(τ) may be computed and cached. */
export function closedFormFrom(terms: DeathTerms, tau: number): boolean {
  return uAt(terms, tau) >= U_CLOSED_FORM;
}

function uAt(terms: DeathTerms, tau: number): number {
  return (terms.small + tau) / (terms.big + tau);
}

function tauAt(terms: DeathTerms, u: number): number {
  return (u * terms.big - terms.small) / (1 - u);
}

/** ln F(τ) = ln 2F1(a, k; a+1; z(τ)) − a ln(big+τ), for u(τ) ≥ 0.05. */
export function logF(terms: DeathTerms, tau: number): number {
  const { a, k, big, small } = terms;
  const z = (big - small) / (big + tau);
  return Math.log(hyp2f1(a, k, a + 1, z)) - a * Math.log(big + tau);
}

/** ln D(τ₀, τ₁) from ln F at both ends (both with u ≥ 0.05). */
export function logDeathFromF(terms: DeathTerms, logF0: number, logF1: number): number {
  return logF0 + log1mExp(logF1 - logF0) - terms.logA;
}

/** ln D(τ₀, τ₁); −∞ when τ₀ ≥ τ₁. */
export function logDeath(terms: DeathTerms, tau0: number, tau1: number): number {
  if (!(tau0 < tau1)) return Number.NEGATIVE_INFINITY;
  const u1 = uAt(terms, tau1);
  let from = tau0;
  let u = uAt(terms, tau0);
  let total = Number.NEGATIVE_INFINITY;
  if (u < terms.uSeries) {
    const upTo = Math.min(u1, terms.uSeries);
    total = logDeathSeries(terms, u, upTo);
    if (upTo === u1) return total;
    from = tauAt(terms, upTo);
    u = upTo;
  }
  if (u < U_CLOSED_FORM) {
    const to = u1 <= U_CLOSED_FORM ? tau1 : tauAt(terms, U_CLOSED_FORM);
    total = logAddExp(total, logDeathQuadrature(terms, from, to));
    if (to === tau1) return total;
    from = to;
  }
  return logAddExp(total, logDeathFromF(terms, logF(terms, from), logF(terms, tau1)));
}

/**
 * ln[(big−small)^−a ∫ from u₀ to u₁ of u^−k (1−u)^(a−1) du] for 0 < u₀ < u₁ ≤ 1/(a+1), as
 * Σⱼ cⱼ ∫ u^(j−k) du with cⱼ = (1−a)ⱼ/j!, each integral taken relative to the first.
 */
function logDeathSeries(terms: DeathTerms, u0: number, u1: number): number {
  const { a, k, big, small } = terms;
  const logU0 = Math.log(u0);
  const logU1 = Math.log(u1);
  const span = logU1 - logU0;
  const first = logPowerIntegral(1 - k, logU0, logU1, span);
  let coefficient = 1;
  let sum = 1;
  for (let j = 1; j < 10_000; j++) {
    coefficient *= (j - a) / j;
    if (coefficient === 0) break;
    const term = coefficient * Math.exp(logPowerIntegral(j + 1 - k, logU0, logU1, span) - first);
    sum += term;
    // Each further term is at most |j+1−a|/(j+1)·u₁ times this one: stop once that is below ½
    // and the term no longer counts.
    if ((Math.abs(j + 1 - a) / (j + 1)) * u1 <= 0.5 && Math.abs(term) <= 1e-17 * Math.abs(sum)) {
      break;
    }
  }
  return -a * Math.log(big - small) + first + Math.log(sum);
}

/** ln ∫ from u₀ to u₁ of u^(e−1) du = ln[(u₁^e − u₀^e)/e], and ln(ln(u₁/u₀)) at e = 0. */
function logPowerIntegral(e: number, logU0: number, logU1: number, span: number): number {
  if (e === 0) return Math.log(span);
  const magnitude = Math.abs(e);
  return (e > 0 ? e * logU1 : e * logU0) + Math.log(-Math.expm1(-magnitude * span) / magnitude);
}

/** 10-point Gauss–Legendre nodes on [−1, 1] (the positive half) and their weights. */
const NODES = [
  0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845,
  0.9739065285171717,
];
const WEIGHTS = [
  0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881,
];

/**
 * ln D(τ₀, τ₁) by composite Gauss–Legendre in w = ln(small+τ), where the integrand is
 * exp φ(w), φ(w) = (1−k)w − k' ln(big−small+e^w), concave. Panels are sized so that φ changes by
 * at most about 1.5 across each, which keeps the 10-point rule at full precision.
 */
function logDeathQuadrature(terms: DeathTerms, tau0: number, tau1: number): number {
  const { a, k, big, small } = terms;
  const gap = big - small;
  const kBig = a + 1 - k;
  const phi = (w: number) => (1 - k) * w - kBig * Math.log(gap + Math.exp(w));
  const w0 = Math.log(small + tau0);
  const w1 = Math.log(small + tau1);
  const variation = Math.abs(1 - k) * (w1 - w0) + kBig * Math.log((big + tau1) / (big + tau0));
  const panels = Math.min(1000, Math.max(1, Math.ceil(variation / 1.5)));
  const width = (w1 - w0) / panels;
  const reference = Math.max(phi(w0), phi(w1), phi((w0 + w1) / 2));
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const centre = w0 + (p + 0.5) * width;
    for (let i = 0; i < NODES.length; i++) {
      const offset = (NODES[i] as number) * (width / 2);
      sum +=
        (WEIGHTS[i] as number) *
        (Math.exp(phi(centre - offset) - reference) + Math.exp(phi(centre + offset) - reference));
    }
  }
  return reference + Math.log((sum * width) / 2);
}
