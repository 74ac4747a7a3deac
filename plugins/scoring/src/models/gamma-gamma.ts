import { type FitResult, minimise } from './optimise';
import { digamma, logGamma } from './special';
import { count, invalid, nonNegative, positive } from './validate';

/**
 * Gamma-Gamma spend model (Colombo & Jiang 1999; Fader, Hardie & Lee 2005, "RFM and CLV"): each
 * transaction's spend is gamma with shape p and rate ν, and ν varies across customers as gamma
 * with shape q and rate v.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  /** The γ of the papers. */
  v: number;
}

/** What the spend model needs of a customer: repeat purchases and their mean spend (z̄). */
export interface SpendRow {
  frequency: number;
  monetaryValue: number;
}

/**
 * Σ ln f(z̄ | x; p, q, v) over customers with frequency > 0 and monetaryValue > 0, where
 * f = Γ(px+q)/(Γ(px)Γ(q)) · v^q z̄^(px−1) x^(px) / (v + x z̄)^(px+q). A spend of 0 lies outside
 * the model's support, so such customers are left out as are customers without repeat purchases.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  rows: readonly SpendRow[],
): number {
  checkParams(params);
  const data = spendData(rows);
  return data.x.length === 0 ? 0 : -evaluate(params, data) * data.x.length;
}

/** Maximum-likelihood Gamma-Gamma parameters, fitted in log-parameter space from (1, 1, 1). */
export function fitGammaGamma(rows: readonly SpendRow[]): FitResult<GammaGammaParams> {
  const data = spendData(rows);
  if (data.x.length === 0) {
    invalid('rows', 'must hold a customer with repeat purchases and a positive monetaryValue');
  }
  const result = minimise((theta, gradient) => evaluate(fromLog(theta), data, gradient), [0, 0, 0]);
  return {
    params: fromLog(Float64Array.from(result.x)),
    logLikelihood: -result.value * data.x.length,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/**
 * E[Z | x, z̄]: the expected spend per transaction, p(v + x z̄)/(px + q − 1), a weighted mean of
 * the population mean pv/(q − 1) and the customer's own z̄. For frequency 0 it is the population
 * mean. Needs px + q > 1 (q > 1 for frequency 0), else the mean is infinite.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, c: SpendRow): number {
  checkParams(params);
  const x = count(c.frequency, 'customer.frequency');
  const zbar = x === 0 ? 0 : nonNegative(c.monetaryValue, 'customer.monetaryValue');
  const { p, q, v } = params;
  if (p * x + q <= 1) invalid('params.q', 'must exceed 1 − p·frequency for a finite mean spend');
  return (p * (v + x * zbar)) / (p * x + q - 1);
}

interface SpendData {
  x: Float64Array;
  zbar: Float64Array;
}

function spendData(rows: readonly SpendRow[]): SpendData {
  const x: number[] = [];
  const zbar: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SpendRow;
    const frequency = count(row.frequency, `rows.${i}.frequency`);
    const spend = nonNegative(row.monetaryValue, `rows.${i}.monetaryValue`);
    if (frequency > 0 && spend > 0) {
      x.push(frequency);
      zbar.push(spend);
    }
  }
  return { x: Float64Array.from(x), zbar: Float64Array.from(zbar) };
}

/** −ln L / n and its gradient in log-parameter space. */
function evaluate(params: GammaGammaParams, data: SpendData, gradient?: Float64Array): number {
  const { p, q, v } = params;
  const n = data.x.length;
  const lgQ = logGamma(q);
  const logV = Math.log(v);
  const psiQ = gradient === undefined ? 0 : digamma(q);
  let total = 0;
  let dP = 0;
  let dQ = 0;
  let dV = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const z = data.zbar[i] as number;
    const px = p * x;
    const logZ = Math.log(z);
    const logX = Math.log(x);
    const logVxz = Math.log(v + x * z);
    total +=
      logGamma(px + q) -
      logGamma(px) -
      lgQ +
      q * logV +
      (px - 1) * logZ +
      px * logX -
      (px + q) * logVxz;
    if (gradient !== undefined) {
      const psiPxq = digamma(px + q);
      dP += x * (psiPxq - digamma(px) + logZ + logX - logVxz);
      dQ += psiPxq - psiQ + logV - logVxz;
      dV += q / v - (px + q) / (v + x * z);
    }
  }
  if (gradient !== undefined) {
    gradient[0] = (-dP * p) / n;
    gradient[1] = (-dQ * q) / n;
    gradient[2] = (-dV * v) / n;
  }
  return -total / n;
}

function checkParams(params: GammaGammaParams): void {
  for (const key of ['p', 'q', 'v'] as const) positive(params[key], `params.${key}`);
}

function fromLog(theta: Float64Array): GammaGammaParams {
  return {
    p: Math.exp(theta[0] as number),
    q: Math.exp(theta[1] as number),
    v: Math.exp(theta[2] as number),
  };
}
