import type { Locale } from '@guanxi/core';
import type { Selection } from '../analysis';
import type { ModelName } from '../models';

/** The models as the books and the papers name them, in every language. */
export const MODEL_LABELS: Readonly<Record<ModelName, string>> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  pnbd: 'Pareto/NBD',
};

/** The console's words for the scoring plugin's model and backtest page. */
export interface BacktestPhrases {
  readonly page: string;
  readonly rule: string;
  readonly inUse: string;
  readonly setting: string;
  readonly chosenByBacktest: string;
  readonly model: string;
  readonly notFitted: string;
  readonly chosenBy: string;
  readonly selections: Readonly<Record<Selection, string>>;
  readonly calibrationEnd: string;
  readonly fitted: string;
  readonly noFit: string;
  named(model: string): string;
  keptByHoldout(model: string, from: string, to: string, error: string, others: string): string;
  keptEarlier(model: string, fitted: string, ran: string): string;
  keptWithoutBacktest(model: string, fitted: string): string;
  keptByLikelihood(model: string, logLikelihood: string, until: string): string;
  readonly backtest: string;
  readonly noBacktest: string;
  readonly holdoutEnd: string;
  readonly holdoutLength: string;
  days(count: number): string;
  weekCount(count: number): string;
  readonly customers: string;
  sampledFrom(count: string): string;
  readonly repeatBuyers: string;
  readonly boughtAgain: string;
  readonly ran: string;
  readonly models: string;
  readonly modelsCaption: string;
  readonly modelColumn: string;
  readonly meanAbsoluteError: string;
  readonly forecast: string;
  readonly actual: string;
  readonly forecastError: string;
  readonly aucPAlive: string;
  readonly aucExpected: string;
  readonly logLikelihood: string;
  readonly note: string;
  readonly lowest: string;
  readonly current: string;
  failed(model: string, error: string): string;
  weeklyChart(model: string): string;
  readonly weeklyCaption: string;
  readonly weeks: string;
  readonly week: string;
  readonly from: string;
  readonly to: string;
  readonly conditional: string;
  readonly conditionalCaption: string;
  readonly frequency: string;
  readonly actualMean: string;
  readonly expectedMean: string;
}

export const BACKTEST_PHRASES: Readonly<Record<Locale, BacktestPhrases>> = {
  en: {
    page: 'Model and backtest',
    rule: "The rule: a purchase model is judged by how well it forecast what the team's own customers did next (Fader, Hardie & Lee, 2005). It is fitted on the history up to the calibration end, and its forecast of each customer's repeat purchases in the holdout after it is compared with what they bought; with the setting auto, the model with the lowest mean absolute error per customer is kept.",
    inUse: 'The model in use',
    setting: 'Setting',
    chosenByBacktest: 'chosen by backtest',
    model: 'Model in use',
    notFitted: 'not fitted yet',
    chosenBy: 'Chosen by',
    selections: {
      named: "the team's setting",
      holdout: 'holdout error',
      likelihood: 'likelihood',
    },
    calibrationEnd: 'Calibration end',
    fitted: 'Fitted',
    noFit: 'No model has been fitted yet: run scoring:fit for the team.',
    named: (model) =>
      `The team's setting names ${model}: it is fitted without a comparison. Set the model to auto to choose by backtest.`,
    keptByHoldout: (model, from, to, error, others) =>
      `auto kept ${model}: over the holdout from ${from} to ${to} its mean absolute error per customer, ${error}, was the lowest (${others}).`,
    keptEarlier: (model, fitted, ran) =>
      `auto kept ${model} by the lowest holdout error when it was fitted (${fitted}); the backtest below ran later (${ran}) and is not the one it was chosen on.`,
    keptWithoutBacktest: (model, fitted) =>
      `auto kept ${model} by the lowest holdout error when it was fitted (${fitted}); that backtest is no longer stored.`,
    keptByLikelihood: (model, logLikelihood, until) =>
      `auto kept ${model} by the highest log-likelihood, ${logLikelihood}: the history up to ${until} was under four weeks long, too short to hold part of it out.`,
    backtest: 'Backtest',
    noBacktest:
      'No backtest yet: scoring:fit with the setting auto, or scoring:backtest --until DATE, makes one.',
    holdoutEnd: 'Holdout ends',
    holdoutLength: 'Holdout',
    days: (count) => `${count} days`,
    weekCount: (count) => `${count} weeks`,
    customers: 'Customers',
    sampledFrom: (count) => `every k-th of ${count}`,
    repeatBuyers: 'Repeat buyers by the calibration end',
    boughtAgain: 'Bought in the holdout',
    ran: 'Ran',
    models: 'The models compared',
    modelsCaption:
      'MAE, the mean absolute error: per customer, between the purchases expected in the holdout and those made. AUC: how well P(alive) or the expected purchases rank the customers who bought again (0.5 is chance; — where everyone or no one did). P(alive) is as each model defines it: BG/NBD gives 1 to every one-time buyer.',
    modelColumn: 'Model',
    meanAbsoluteError: 'MAE',
    forecast: 'Forecast',
    actual: 'Actual',
    forecastError: 'Forecast error',
    aucPAlive: 'AUC, P(alive)',
    aucExpected: 'AUC, expected',
    logLikelihood: 'Log-likelihood',
    note: 'Note',
    lowest: 'lowest error',
    current: 'in use',
    failed: (model, error) => `${model} could not be fitted: ${error}`,
    weeklyChart: (model) => `${model}: repeat purchases a week, forecast and actual`,
    weeklyCaption:
      "Each week of the holdout: the repeat purchases the model forecast for the calibration customers (the change in each customer's conditional expectation, summed) and those they made.",
    weeks: 'Week by week',
    week: 'Week',
    from: 'From',
    to: 'To',
    conditional: 'Conditional expectations',
    conditionalCaption:
      'Customers grouped by their repeat purchases in the calibration period: the mean purchases they made in the holdout, and the mean the model expected.',
    frequency: 'Repeat purchases by the calibration end',
    actualMean: 'Actual mean',
    expectedMean: 'Expected mean',
  },
  'zh-CN': {
    page: '模型与回测',
    rule: '规则：购买模型以它对本团队客户后续行为预测得准不准来评判（Fader、Hardie 与 Lee，2005）。用截至校准期末的历史拟合模型，再把它对其后留出期内每位客户重复购买次数的预测与实际购买相比较；设置为 auto 时，保留每位客户平均绝对误差最小的模型。',
    inUse: '当前使用的模型',
    setting: '设置',
    chosenByBacktest: '按回测选择',
    model: '当前模型',
    notFitted: '尚未拟合',
    chosenBy: '选择依据',
    selections: {
      named: '团队设置',
      holdout: '留出期误差',
      likelihood: '似然',
    },
    calibrationEnd: '校准期末',
    fitted: '拟合时间',
    noFit: '尚未拟合模型：请为团队运行 scoring:fit。',
    named: (model) =>
      `团队设置指定了 ${model}：直接拟合，不做比较。将模型设为 auto 即可按回测选择。`,
    keptByHoldout: (model, from, to, error, others) =>
      `auto 保留了 ${model}：在 ${from} 至 ${to} 的留出期内，它的每位客户平均绝对误差 ${error} 最小（${others}）。`,
    keptEarlier: (model, fitted, ran) =>
      `auto 在拟合时（${fitted}）按留出期误差最小保留了 ${model}；下面的回测运行于其后（${ran}），并非当时选择所依据的回测。`,
    keptWithoutBacktest: (model, fitted) =>
      `auto 在拟合时（${fitted}）按留出期误差最小保留了 ${model}；那次回测已不再保存。`,
    keptByLikelihood: (model, logLikelihood, until) =>
      `auto 按对数似然最高保留了 ${model}（${logLikelihood}）：截至 ${until} 的历史不足四周，太短，无法留出一部分做回测。`,
    backtest: '回测',
    noBacktest:
      '尚无回测：在设置为 auto 时运行 scoring:fit，或运行 scoring:backtest --until 日期，即可生成。',
    holdoutEnd: '留出期末',
    holdoutLength: '留出期',
    days: (count) => `${count} 天`,
    weekCount: (count) => `${count} 周`,
    customers: '客户数',
    sampledFrom: (count) => `从 ${count} 位中等距抽样`,
    repeatBuyers: '校准期末已重复购买的客户',
    boughtAgain: '留出期内购买的客户',
    ran: '运行时间',
    models: '模型比较',
    modelsCaption:
      '平均绝对误差：每位客户在留出期内预期购买次数与实际购买次数之差的平均。AUC：P(alive) 或预期购买次数对再次购买客户的排序能力（0.5 相当于随机；所有人或无人再次购买时为 —）。P(alive) 按各模型自身的定义：BG/NBD 对所有只购买过一次的客户都给出 1。',
    modelColumn: '模型',
    meanAbsoluteError: '平均绝对误差',
    forecast: '预测',
    actual: '实际',
    forecastError: '预测误差',
    aucPAlive: 'AUC：P(alive)',
    aucExpected: 'AUC：预期次数',
    logLikelihood: '对数似然',
    note: '说明',
    lowest: '误差最小',
    current: '当前使用',
    failed: (model, error) => `${model} 无法拟合：${error}`,
    weeklyChart: (model) => `${model}：每周重复购买次数，预测与实际`,
    weeklyCaption:
      '留出期的每一周：模型为校准期客户预测的重复购买次数（每位客户条件期望的增量之和），以及他们的实际购买次数。',
    weeks: '逐周数据',
    week: '周',
    from: '起',
    to: '止',
    conditional: '条件期望',
    conditionalCaption:
      '按校准期内重复购买次数分组的客户：他们在留出期内的平均实际购买次数，以及模型预期的平均次数。',
    frequency: '校准期末的重复购买次数',
    actualMean: '实际平均',
    expectedMean: '预期平均',
  },
};
