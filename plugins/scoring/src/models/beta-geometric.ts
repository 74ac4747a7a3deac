import { type FitResult, minimise } from './optimise';
import { digamma, hyp2f1, logAddExp, logGamma } from './special';
import type { RFT } from './summary';
import { nonNegative, positive } from './validate';
import {
  checkRft,
  collapseRows,
  type Distinct,
  distinct,
  type WeightedRows,
  weightsBy,
} from './weighted-rows';

/**
 * BG/NBD and MBG/NBD share their parts: while active a customer buys at a gamma(r, α)-distributed
 * rate λ, and at each dropout chance leaves with a beta(a, b)-distributed probability p. BG/NBD
 * gives a chance after each repeat purchase; MBG/NBD also right after the first purchase, so a
 * customer who never came back may already be gone.
 */
export interface BetaGeometricParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Dropout chances a customer has had beyond one per repeat purchase: 0 under BG/NBD, 1 under
 * MBG/NBD (the chance right after the first purchase).
 */
export type ExtraChances = 0 | 1;

/** Σ ln L(r, α, a, b | x, t_x, T) over `rows`. */
export function betaGeometricLogLikelihood(
  params: BetaGeometricParams,
  rows: readonly RFT[],
  extra: ExtraChances,
): number {
  checkParams(params);
  const likelihood = new BetaGeometricLikelihood(collapseRows(rows), extra);
  return -likelihood.evaluate(params) * likelihood.customers;
}

/** Maximum-likelihood parameters, fitted in log-parameter space from (1, mean T, 1, 1). */
export function fitBetaGeometric(
  rows: readonly RFT[],
  extra: ExtraChances,
): FitResult<BetaGeometricParams> {
  const weighted = collapseRows(rows);
  const likelihood = new BetaGeometricLikelihood(weighted, extra);
  const result = minimise(
    (theta, gradient) => likelihood.evaluate(fromLog(theta), gradient),
    [0, Math.log(Math.max(weighted.meanT, 1)), 0, 0],
  );
  return {
    params: fromLog(Float64Array.from(result.x)),
    logLikelihood: -result.value * likelihood.customers,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** P(alive at T | x, t_x, T); 1 for a customer who has had no dropout chance yet. */
export function betaGeometricPAlive(
  params: BetaGeometricParams,
  c: RFT,
  extra: ExtraChances,
): number {
  checkParams(params);
  checkRft(c, 'customer');
  return Math.exp(logPAlive(params, c, extra));
}

/** E[Y(t) | x, t_x, T]: the expected number of purchases in (T, T + t]. */
export function betaGeometricExpectedPurchases(
  params: BetaGeometricParams,
  c: RFT,
  t: number,
  extra: ExtraChances,
): number {
  checkParams(params);
  checkRft(c, 'customer');
  if (nonNegative(t, 't') === 0) return 0;
  const x = c.frequency;
  return expectedIfActive(params, x, x + extra, c.T, t) * Math.exp(logPAlive(params, c, extra));
}

/**
 * E[X(t)]: the expected number of purchases of a new customer in (0, t], which is the forecast for
 * a customer seen at T = 0.
 */
export function betaGeometricExpectedPurchasesNew(
  params: BetaGeometricParams,
  t: number,
  extra: ExtraChances,
): number {
  return betaGeometricExpectedPurchases(params, { frequency: 0, recency: 0, T: 0 }, t, extra);
}

/**
 * Expected purchases in (T, T + t] of a customer still active at T after x repeat purchases and k
 * survived dropout chances, so that p ~ beta(a, b + k):
 * (a+b+k−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+k; a+b+k−1; t/(α+T+t))].
 */
function expectedIfActive(
  { r, alpha, a, b }: BetaGeometricParams,
  x: number,
  k: number,
  T: number,
  t: number,
): number {
  if (Math.abs(a - 1) < 1e-6) {
    // a = 1 is a removable singularity (0/0); the expectation is smooth in a, so average around it.
    const params = { r, alpha, b };
    return (
      (expectedIfActive({ ...params, a: 1 - 2e-6 }, x, k, T, t) +
        expectedIfActive({ ...params, a: 1 + 2e-6 }, x, k, T, t)) /
      2
    );
  }
  const z = t / (alpha + T + t);
  const tail = Math.exp((r + x) * Math.log1p(-z)) * hyp2f1(r + x, b + k, a + b + k - 1, z);
  return ((a + b + k - 1) / (a - 1)) * (1 - tail);
}

/** ln P(alive): the odds of having dropped at the last chance are a/(b+k−1) · ((α+T)/(α+t_x))^(r+x). */
function logPAlive({ r, alpha, a, b }: BetaGeometricParams, c: RFT, extra: ExtraChances): number {
  const x = c.frequency;
  const k = x + extra;
  if (k === 0) return 0;
  const odds =
    Math.log(a / (b + k - 1)) + (r + x) * (Math.log(alpha + c.T) - Math.log(alpha + c.recency));
  return -logAddExp(0, odds);
}

function checkParams(params: BetaGeometricParams): void {
  for (const key of ['r', 'alpha', 'a', 'b'] as const) positive(params[key], `params.${key}`);
}

function fromLog(theta: Float64Array): BetaGeometricParams {
  return {
    r: Math.exp(theta[0] as number),
    alpha: Math.exp(theta[1] as number),
    a: Math.exp(theta[2] as number),
    b: Math.exp(theta[3] as number),
  };
}

/**
 * −ln L / N and its gradient in log-parameter space. The terms that depend on x alone (the gamma
 * functions) are computed once per distinct x, and ln(α + τ) once per distinct T and t_x, so one
 * evaluation costs a few lookups and one log-sum-exp per distinct (x, t_x, T).
 */
class BetaGeometricLikelihood {
  readonly customers: number;
  private readonly rows: WeightedRows;
  private readonly extra: ExtraChances;
  private readonly xs: Distinct;
  private readonly ts: Distinct;
  private readonly txs: Distinct;
  private readonly weightByX: Float64Array;
  // Per-evaluation scratch space, one slot per distinct value.
  private readonly logDropOdds: Float64Array;
  private readonly invBk1: Float64Array;
  private readonly logT: Float64Array;
  private readonly invT: Float64Array;
  private readonly logTx: Float64Array;
  private readonly invTx: Float64Array;

  constructor(rows: WeightedRows, extra: ExtraChances) {
    this.rows = rows;
    this.extra = extra;
    this.customers = rows.customers;
    this.xs = distinct(rows.frequency);
    this.ts = distinct(rows.T);
    this.txs = distinct(rows.recency);
    this.weightByX = weightsBy(this.xs, rows.weight);
    this.logDropOdds = new Float64Array(this.xs.values.length);
    this.invBk1 = new Float64Array(this.xs.values.length);
    this.logT = new Float64Array(this.ts.values.length);
    this.invT = new Float64Array(this.ts.values.length);
    this.logTx = new Float64Array(this.txs.values.length);
    this.invTx = new Float64Array(this.txs.values.length);
  }

  /**
   * With k = x + extra dropout chances:
   * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+k) − ln B(a, b)
   *        + ln[(α+T)^−(r+x) + [k>0] a/(b+k−1) · (α+t_x)^−(r+x)]
   * (the second Beta ratio rewritten as Γ(a+b)Γ(b+k)/(Γ(b)Γ(a+b+k))).
   */
  evaluate(params: BetaGeometricParams, gradient?: Float64Array): number {
    const { r, alpha, a, b } = params;
    const { rows, xs, ts, txs } = this;
    const withGradient = gradient !== undefined;
    const logAlpha = Math.log(alpha);
    const lgR = logGamma(r);
    const lgAB = logGamma(a + b);
    const lgB = logGamma(b);
    const logA = Math.log(a);
    let total = 0;
    let dR = 0;
    let dAlpha = 0;
    let dA = 0;
    let dB = 0;
    const psiR = withGradient ? digamma(r) : 0;
    const psiAB = withGradient ? digamma(a + b) : 0;
    const psiB = withGradient ? digamma(b) : 0;

    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k] as number;
      const chances = x + this.extra;
      const w = this.weightByX[k] as number;
      total +=
        w *
        (logGamma(r + x) -
          lgR +
          r * logAlpha +
          lgAB +
          logGamma(b + chances) -
          lgB -
          logGamma(a + b + chances));
      this.logDropOdds[k] =
        chances > 0 ? logA - Math.log(b + chances - 1) : Number.NEGATIVE_INFINITY;
      this.invBk1[k] = chances > 0 ? 1 / (b + chances - 1) : 0;
      if (withGradient) {
        const psiABk = digamma(a + b + chances);
        dR += w * (digamma(r + x) - psiR + logAlpha);
        dAlpha += w * (r / alpha);
        dA += w * (psiAB - psiABk);
        dB += w * (psiAB + digamma(b + chances) - psiB - psiABk);
      }
    }
    for (let j = 0; j < ts.values.length; j++) {
      this.logT[j] = Math.log(alpha + (ts.values[j] as number));
      this.invT[j] = 1 / (alpha + (ts.values[j] as number));
    }
    for (let j = 0; j < txs.values.length; j++) {
      this.logTx[j] = Math.log(alpha + (txs.values[j] as number));
      this.invTx[j] = 1 / (alpha + (txs.values[j] as number));
    }

    for (let i = 0; i < rows.length; i++) {
      const w = rows.weight[i] as number;
      const k = xs.index[i] as number;
      const j = ts.index[i] as number;
      const m = txs.index[i] as number;
      const rx = r + (rows.frequency[i] as number);
      const u = -rx * (this.logT[j] as number);
      const dropOdds = this.logDropOdds[k] as number;
      if (dropOdds === Number.NEGATIVE_INFINITY) {
        total += w * u;
        if (withGradient) {
          dR -= w * (this.logT[j] as number);
          dAlpha -= w * rx * (this.invT[j] as number);
        }
        continue;
      }
      const v = dropOdds - rx * (this.logTx[m] as number);
      const big = Math.max(u, v);
      const eu = Math.exp(u - big);
      const ev = Math.exp(v - big);
      const sum = eu + ev;
      total += w * (big + Math.log(sum));
      if (withGradient) {
        // π: the share of the "dropped out after the last purchase" term.
        const pi = ev / sum;
        const rest = 1 - pi;
        dR -= w * (rest * (this.logT[j] as number) + pi * (this.logTx[m] as number));
        dAlpha -= w * rx * (rest * (this.invT[j] as number) + pi * (this.invTx[m] as number));
        dA += w * (pi / a);
        dB -= w * pi * (this.invBk1[k] as number);
      }
    }

    const n = this.customers;
    if (gradient !== undefined) {
      gradient[0] = (-dR * r) / n;
      gradient[1] = (-dAlpha * alpha) / n;
      gradient[2] = (-dA * a) / n;
      gradient[3] = (-dB * b) / n;
    }
    return -total / n;
  }
}
