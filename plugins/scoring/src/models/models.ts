import {
  type BgNbdParams,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
} from './bgnbd';
import {
  fitMbgNbd,
  type MbgNbdParams,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
} from './mbgnbd';
import type { FitResult } from './optimise';
import {
  fitParetoNbd,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
} from './pnbd';
import type { RFT } from './summary';
import { invalid } from './validate';

/** The purchase models callers can switch between. */
export type ModelName = 'bgnbd' | 'mbgnbd' | 'pnbd';

/** The parameters of each model, by name. */
export interface ModelParamsByName {
  bgnbd: BgNbdParams;
  mbgnbd: MbgNbdParams;
  pnbd: ParetoNbdParams;
}

/**
 * The parameters of some model. Functions below take `(name, params)`; parameters of another model
 * than `name` fail validation naming the missing field (e.g. `params.beta`).
 */
export type ModelParams = ModelParamsByName[ModelName];

interface PurchaseModel<P> {
  /** Whether a customer may be gone before any repeat purchase, so P(alive) says something then. */
  readonly dropsBeforeRepeat: boolean;
  fit(rows: readonly RFT[]): FitResult<P>;
  logLikelihood(params: P, rows: readonly RFT[]): number;
  pAlive(params: P, c: RFT): number;
  expectedPurchases(params: P, c: RFT, t: number): number;
  expectedPurchasesNew(params: P, t: number): number;
}

const MODELS: { [N in ModelName]: PurchaseModel<ModelParamsByName[N]> } = {
  bgnbd: {
    dropsBeforeRepeat: false,
    fit: fitBgNbd,
    logLikelihood: bgNbdLogLikelihood,
    pAlive: bgNbdPAlive,
    expectedPurchases: bgNbdExpectedPurchases,
    expectedPurchasesNew: bgNbdExpectedPurchasesNew,
  },
  mbgnbd: {
    dropsBeforeRepeat: true,
    fit: fitMbgNbd,
    logLikelihood: mbgNbdLogLikelihood,
    pAlive: mbgNbdPAlive,
    expectedPurchases: mbgNbdExpectedPurchases,
    expectedPurchasesNew: mbgNbdExpectedPurchasesNew,
  },
  pnbd: {
    dropsBeforeRepeat: true,
    fit: fitParetoNbd,
    logLikelihood: paretoNbdLogLikelihood,
    pAlive: paretoNbdPAlive,
    expectedPurchases: paretoNbdExpectedPurchases,
    expectedPurchasesNew: paretoNbdExpectedPurchasesNew,
  },
};

/** Every model name, for option lists and validation. */
export const MODEL_NAMES = Object.keys(MODELS) as readonly ModelName[];

/** Whether `name` is a model this module knows. */
export function isModelName(name: unknown): name is ModelName {
  return typeof name === 'string' && Object.hasOwn(MODELS, name);
}

function model<N extends ModelName>(name: N): PurchaseModel<ModelParamsByName[N]> {
  if (!isModelName(name)) invalid('model', `must be one of ${MODEL_NAMES.join(', ')}`);
  return MODELS[name];
}

/** Fits model `name` to customers' (x, t_x, T). */
export function fitModel<N extends ModelName>(
  name: N,
  rows: readonly RFT[],
): FitResult<ModelParamsByName[N]> {
  return model(name).fit(rows);
}

/** Σ ln L of `rows` under model `name`. */
export function logLikelihood<N extends ModelName>(
  name: N,
  params: ModelParamsByName[N],
  rows: readonly RFT[],
): number {
  return model(name).logLikelihood(params, rows);
}

/** P(alive at T | x, t_x, T) under model `name`. */
export function pAlive<N extends ModelName>(name: N, params: ModelParamsByName[N], c: RFT): number {
  return model(name).pAlive(params, c);
}

/**
 * Whether model `name`'s P(alive) tells anything about this customer. BG/NBD gives the first
 * dropout chance only after a repeat purchase, so for a customer without one it is 1 by
 * construction, however long ago they bought.
 */
export function pAliveDefined(name: ModelName, c: RFT): boolean {
  return model(name).dropsBeforeRepeat || c.frequency > 0;
}

/** Expected purchases in (T, T + t] given (x, t_x, T) under model `name`. */
export function expectedPurchases<N extends ModelName>(
  name: N,
  params: ModelParamsByName[N],
  c: RFT,
  t: number,
): number {
  return model(name).expectedPurchases(params, c, t);
}

/** Expected purchases of a new customer in (0, t] under model `name`. */
export function expectedPurchasesNew<N extends ModelName>(
  name: N,
  params: ModelParamsByName[N],
  t: number,
): number {
  return model(name).expectedPurchasesNew(params, t);
}
