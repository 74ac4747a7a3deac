/** Special functions the customer-base models need: log-gamma, digamma, Gauss 2F1, log-sum-exp. */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7), about 1e-15 relative away from the zeros at 1 and 2. */
export function logGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (x < 0.5) {
    // Reflection keeps the Lanczos sum away from its poles near 0.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ψ(x) = d ln Γ(x)/dx for x > 0: upward recurrence, then the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(y) - 0.5 / y - series;
}

const HYP2F1_MAX_TERMS = 10_000_000;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real a, b, c (c not 0, −1, −2, …) and
 * z < 1. For z < 0 it uses Pfaff's transformation 2F1(a, b; c; z) = (1 − z)^−a 2F1(a, c − b; c;
 * z/(z − 1)), so the series is only ever summed for 0 ≤ w < 1; near w = 1 that series needs
 * about ln(1e-16)/ln(w) terms. Throws when z ≥ 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`hyp2f1: c = ${c} is a pole (a non-positive integer)`);
  }
  if (!(z < 1)) throw new RangeError(`hyp2f1: z = ${z} is outside (−∞, 1)`);
  if (z < 0) {
    const w = z / (z - 1);
    return (1 - z) ** -a * hyp2f1Series(a, c - b, c, w);
  }
  return hyp2f1Series(a, b, c, z);
}

/** Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for 0 ≤ z < 1, stopped once a bound on the tail is below 1e-16 of the sum. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  if (z === 0 || a === 0 || b === 0) return 1;
  let term = 1;
  let sum = 1;
  // Neumaier's compensation: near z = 1 the series runs to hundreds of thousands of terms.
  let lost = 0;
  for (let n = 0; n < HYP2F1_MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    const next = sum + term;
    lost += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    if (term === 0) return sum + lost;
    // Once a + m, b + m and c + m are positive, (a + m)/(c + m) and (b + m)/(1 + m) are monotone
    // in m, so each is at most max(its next value, 1) and the tail is below a geometric series.
    // a and b may trade places: the other pairing is tried when one of them is huge.
    const m = n + 1;
    if (a + m > 0 && b + m > 0 && c + m > 0) {
      let bound = z * Math.max((a + m) / (c + m), 1) * Math.max((b + m) / (1 + m), 1);
      if (!(bound < 1)) {
        bound = z * Math.max((b + m) / (c + m), 1) * Math.max((a + m) / (1 + m), 1);
      }
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= 1e-16 * Math.abs(sum)) {
        return sum + lost;
      }
    }
  }
  throw new RangeError(`hyp2f1: series did not converge for z = ${z}`);
}

/** ln(eˣ + eʸ) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  if (y === Number.NEGATIVE_INFINITY) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

/** ln Σ exp(xᵢ) without overflow; −∞ for no values. */
export function logSumExp(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > max) max = value;
  if (max === Number.NEGATIVE_INFINITY || !Number.isFinite(max)) return max;
  let sum = 0;
  for (const value of values) sum += Math.exp(value - max);
  return max + Math.log(sum);
}

/** ln(1 − eˣ) for x ≤ 0, accurate both near 0 and for large negative x. */
export function log1mExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}
