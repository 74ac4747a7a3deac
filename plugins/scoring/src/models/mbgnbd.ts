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
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD with one more dropout chance, right after
 * the first purchase, so a customer who never bought again may already be gone and P(alive) is
 * below 1 for them too.
 */
export type MbgNbdParams = BetaGeometricParams;

/**
 * Σ ln L(r, α, a, b | x, t_x, T) over `rows`, with
 * L = Γ(r+x)α^r/Γ(r) · B(a, b+x+1)/B(a, b) · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)].
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, rows: readonly RFT[]): number {
  return betaGeometricLogLikelihood(params, rows, 1);
}

/** Maximum-likelihood MBG/NBD parameters, fitted in log-parameter space from (1, mean T, 1, 1). */
export function fitMbgNbd(rows: readonly RFT[]): FitResult<MbgNbdParams> {
  return fitBetaGeometric(rows, 1);
}

/** P(alive at T | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), below 1 for every x. */
export function mbgNbdPAlive(params: MbgNbdParams, c: RFT): number {
  return betaGeometricPAlive(params, c, 1);
}

/**
 * E[Y(t) | x, t_x, T] = P(alive) · (a+b+x)/(a−1) ·
 * [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))].
 */
export function mbgNbdExpectedPurchases(params: MbgNbdParams, c: RFT, t: number): number {
  return betaGeometricExpectedPurchases(params, c, t, 1);
}

/** E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))]: a new customer in (0, t]. */
export function mbgNbdExpectedPurchasesNew(params: MbgNbdParams, t: number): number {
  return betaGeometricExpectedPurchasesNew(params, t, 1);
}
