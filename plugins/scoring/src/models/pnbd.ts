import { type FitResult, minimise, withNumericalGradient } from './optimise';
import {
  closedFormFrom,
  type DeathTerms,
  deathTerms,
  logDeath,
  logDeathFromF,
  logF,
} from './pnbd-death';
import { logAddExp, logGamma } from './special';
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
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): while alive a customer buys at a
 * gamma(r, α)-distributed rate λ, and lives for an exponential time whose rate μ is
 * gamma(s, β)-distributed.
 */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** Σ ln L(r, α, s, β | x, t_x, T) over `rows`. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, rows: readonly RFT[]): number {
  checkParams(params);
  const likelihood = new ParetoNbdLikelihood(collapseRows(rows));
  return -likelihood.evaluate(params) * likelihood.customers;
}

/** Maximum-likelihood Pareto/NBD parameters, fitted in log-parameter space from (1, mean T, 1, mean T). */
export function fitParetoNbd(rows: readonly RFT[]): FitResult<ParetoNbdParams> {
  const weighted = collapseRows(rows);
  const likelihood = new ParetoNbdLikelihood(weighted);
  const logMeanT = Math.log(Math.max(weighted.meanT, 1));
  const result = minimise(
    withNumericalGradient((theta) => likelihood.evaluate(fromLog(theta))),
    [0, logMeanT, 0, logMeanT],
  );
  return {
    params: fromLog(Float64Array.from(result.x)),
    logLikelihood: -result.value * likelihood.customers,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** P(alive at T | x, t_x, T). */
export function paretoNbdPAlive(params: ParetoNbdParams, c: RFT): number {
  checkParams(params);
  checkRft(c, 'customer');
  const x = c.frequency;
  const alive = logAliveTerm(params, x, c.T);
  const died = Math.log(params.s) + logDeath(deathTerms(params, x), c.recency, c.T);
  return Math.exp(alive - logAddExp(alive, died));
}

/** E[Y(t) | x, t_x, T]: the expected number of purchases in (T, T + t]. */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, c: RFT, t: number): number {
  const pAlive = paretoNbdPAlive(params, c);
  nonNegative(t, 't');
  const { r, alpha, s, beta } = params;
  const x = c.frequency;
  const horizon = Math.log1p(t / (beta + c.T));
  return (pAlive * (r + x) * (beta + c.T) * powerIntegral(s - 1, horizon)) / (alpha + c.T);
}

/** E[X(t)]: the expected number of purchases of a new customer in (0, t]. */
export function paretoNbdExpectedPurchasesNew(params: ParetoNbdParams, t: number): number {
  checkParams(params);
  nonNegative(t, 't');
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * powerIntegral(s - 1, Math.log1p(t / beta));
}

/** (1 − e^(−kL))/k, and its limit L at k = 0: the [1 − (β+T)/(β+T+t))^(s−1)]/(s−1) factor. */
function powerIntegral(k: number, l: number): number {
  return k === 0 ? l : -Math.expm1(-k * l) / k;
}

/** ln[(α+T)^−(r+x) (β+T)^−s]: the customer is still alive at T. */
function logAliveTerm({ r, alpha, s, beta }: ParetoNbdParams, x: number, T: number): number {
  return -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
}

function checkParams(params: ParetoNbdParams): void {
  for (const key of ['r', 'alpha', 's', 'beta'] as const) positive(params[key], `params.${key}`);
}

function fromLog(theta: Float64Array): ParetoNbdParams {
  return {
    r: Math.exp(theta[0] as number),
    alpha: Math.exp(theta[1] as number),
    s: Math.exp(theta[2] as number),
    beta: Math.exp(theta[3] as number),
  };
}

/**
 * −ln L / N over weighted rows. ln Γ(r+x) − ln Γ(r) and the death-integral constants are computed
 * once per distinct x, and ln F(τ) once per distinct (x, τ) with τ a recency or an age, since many
 * customers share them.
 */
class ParetoNbdLikelihood {
  readonly customers: number;
  private readonly rows: WeightedRows;
  private readonly xs: Distinct;
  private readonly weightByX: Float64Array;
  private readonly pointTau: Float64Array;
  private readonly early: Int32Array;
  private readonly late: Int32Array;
  private readonly logFs: Float64Array;

  constructor(rows: WeightedRows) {
    this.rows = rows;
    this.customers = rows.customers;
    this.xs = distinct(rows.frequency);
    this.weightByX = weightsBy(this.xs, rows.weight);
    const points = new Map<string, number>();
    const pointTau: number[] = [];
    const point = (xIndex: number, tau: number): number => {
      const key = `${xIndex}|${tau}`;
      let at = points.get(key);
      if (at === undefined) {
        at = pointTau.length;
        points.set(key, at);
        pointTau.push(tau);
      }
      return at;
    };
    this.early = new Int32Array(rows.length);
    this.late = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const xIndex = this.xs.index[i] as number;
      this.early[i] = point(xIndex, rows.recency[i] as number);
      this.late[i] = point(xIndex, rows.T[i] as number);
    }
    this.pointTau = Float64Array.from(pointTau);
    this.logFs = new Float64Array(pointTau.length);
  }

  /** ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x) (β+T)^−s + s·D(t_x, T)]. */
  evaluate(params: ParetoNbdParams): number {
    const { r, alpha, s, beta } = params;
    // The optimiser may overshoot to 0 or ∞ in log space; those points are simply worse.
    if (![r, alpha, s, beta].every((v) => v > 0 && v < Number.POSITIVE_INFINITY)) {
      return Number.POSITIVE_INFINITY;
    }
    const { rows, xs, logFs } = this;
    const lgR = logGamma(r);
    const head = r * Math.log(alpha) + s * Math.log(beta);
    const logS = Math.log(s);
    const terms: DeathTerms[] = [];
    let total = 0;
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k] as number;
      total += (this.weightByX[k] as number) * (logGamma(r + x) - lgR + head);
      terms.push(deathTerms(params, x));
    }
    // ln F is filled in on first use, and only where the closed form is used.
    logFs.fill(Number.NaN);
    for (let i = 0; i < rows.length; i++) {
      const x = rows.frequency[i] as number;
      const tx = rows.recency[i] as number;
      const T = rows.T[i] as number;
      const alive = logAliveTerm(params, x, T);
      let died = Number.NEGATIVE_INFINITY;
      if (tx < T) {
        const t = terms[xs.index[i] as number] as DeathTerms;
        died =
          logS +
          (closedFormFrom(t, tx)
            ? logDeathFromF(
                t,
                this.cachedLogF(t, this.early[i] as number),
                this.cachedLogF(t, this.late[i] as number),
              )
            : logDeath(t, tx, T));
      }
      total += (rows.weight[i] as number) * logAddExp(alive, died);
    }
    return -total / this.customers;
  }

  private cachedLogF(terms: DeathTerms, point: number): number {
    let value = this.logFs[point] as number;
    if (Number.isNaN(value)) {
      value = logF(terms, this.pointTau[point] as number);
      this.logFs[point] = value;
    }
    return value;
  }
}
