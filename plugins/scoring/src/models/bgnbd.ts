import {
  type BetaGeometricParams,
  betaGeometricExpectedPurchases,
  betaGeometricExpectedPurchasesNew,
  betaGeometricLogLikelihood,
  betaGeometricPAlive,
  fitBetaGeometric,
} from './beta-geometric';
import type { FitResult } from './optimise';
import type { RFT } from './summary';

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while active a
 * customer buys at a gamma(r, α)-distributed rate λ and after each repeat purchase drops out with
 * a beta(a, b)-distributed probability p.
 */
export type BgNbdParams = BetaGeometricParams;

/** Σ ln L(r, α, a, b | x, t_x, T) over `rows`. */
export function bgNbdLogLikelihood(params: BgNbdParams, rows: readonly RFT[]): number {
  return betaGeometricLogLikelihood(params, rows, 0);
}

/** Maximum-likelihood BG/NBD parameters, fitted in log-parameter space from (1, mean T, 1, 1). */
export function fitBgNbd(rows: readonly RFT[]): FitResult<BgNbdParams> {
  return fitBetaGeometric(rows, 0);
}

/**
 * P(alive at T | x, t_x, T); 1 for a customer without repeat purchases, who has had no chance to
 * drop out under this model.
 */
export function bgNbdPAlive(params: BgNbdParams, c: RFT): number {
  return betaGeometricPAlive(params, c, 0);
}

/** E[Y(t) | x, t_x, T]: the expected number of purchases in (T, T + t]. */
export function bgNbdExpectedPurchases(params: BgNbdParams, c: RFT, t: number): number {
  return betaGeometricExpectedPurchases(params, c, t, 0);
}

/** E[X(t)]: the expected number of purchases of a new customer in (0, t]. */
export function bgNbdExpectedPurchasesNew(params: BgNbdParams, t: number): number {
  return betaGeometricExpectedPurchasesNew(params, t, 0);
}
