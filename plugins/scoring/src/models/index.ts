/**
 * Customer-base models as pure functions: purchase summaries, BG/NBD, MBG/NBD and Pareto/NBD (P(alive),
 * expected purchases), Gamma-Gamma spend, discounted CLV and AUC, with the special functions and
 * the minimiser they need. Durations are in the unit the summaries were made with.
 */
export { auc } from './auc';
export {
  autoWindow,
  type Backtest,
  backtestModel,
  backtestModels,
  dayRange,
  type FrequencyRow,
  type HoldoutSplit,
  type HoldoutWeek,
  type HoldoutWindow,
  MAX_CHOICE_CUSTOMERS,
  type ModelBacktest,
  sampleSplit,
  splitPurchases,
} from './backtest';
export {
  type BgNbdParams,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
} from './bgnbd';
export { type ClvOptions, clv } from './clv';
export {
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type SpendRow,
} from './gamma-gamma';
export {
  fitMbgNbd,
  type MbgNbdParams,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
} from './mbgnbd';
export {
  expectedPurchases,
  expectedPurchasesNew,
  fitModel,
  isModelName,
  logLikelihood,
  MODEL_NAMES,
  type ModelName,
  type ModelParams,
  type ModelParamsByName,
  pAlive,
  pAliveDefined,
} from './models';
export {
  type FitResult,
  type MinimiseOptions,
  type MinimiseResult,
  minimise,
  type Objective,
  withNumericalGradient,
} from './optimise';
export {
  fitParetoNbd,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
} from './pnbd';
export { digamma, hyp2f1, log1mExp, logAddExp, logBeta, logGamma, logSumExp } from './special';
export {
  type CustomerSummary,
  type Purchase,
  type RFT,
  type SummariseOptions,
  summarise,
  type TimeUnit,
  unitsBetween,
} from './summary';
