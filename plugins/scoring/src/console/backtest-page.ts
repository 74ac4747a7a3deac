import {
  addDays,
  type Block,
  dayOf,
  type Locale,
  localTimeText,
  type PageDefinition,
} from '@guanxi/core';
import type { StoredBacktest } from '../backtests';
import type { ModelChoice, ScoringConfig } from '../config';
import { modelReport, type ReportedFit } from '../model-report';
import type { ModelBacktest } from '../models';
import { BACKTEST_PHRASES, type BacktestPhrases, MODEL_LABELS } from './phrases';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** An AUC to three places, or a dash where everyone or no one bought again. */
const aucCell = (value: number | null) => (value === null ? '—' : round(value, 3));

const errorText = (value: number) => round(value, 3).toFixed(3);

/** When something ran, as a figure: the team's day, with its time and zone under it. */
const when = (iso: string, zone: string) => ({
  value: dayOf(iso, zone),
  hint: localTimeText(iso, zone),
});

/** What the figures say about how the model in use was chosen, in the reader's words. */
function whyText(
  fit: ReportedFit,
  backtest: StoredBacktest | null,
  phrases: BacktestPhrases,
  zone: string,
): string {
  const model = MODEL_LABELS[fit.model];
  if (fit.selection === 'named') return phrases.named(model);
  if (fit.selection === 'likelihood') {
    return phrases.keptByLikelihood(model, round(fit.logLikelihood, 1).toFixed(1), fit.until);
  }
  const fitted = localTimeText(fit.fittedAt, zone);
  if (backtest === null) return phrases.keptWithoutBacktest(model, fitted);
  // The fit stores the backtest it chose on under its own time; a later one replaces it.
  if (backtest.ranAt !== fit.fittedAt) {
    return phrases.keptEarlier(model, fitted, localTimeText(backtest.ranAt, zone));
  }
  const kept = backtest.models.find((each) => each.model === fit.model);
  const others = backtest.models
    .filter((each) => each !== kept)
    .map((each) => `${MODEL_LABELS[each.model]} ${errorText(each.meanAbsoluteError)}`)
    .join(', ');
  return phrases.keptByHoldout(
    model,
    addDays(backtest.until, 1),
    backtest.holdoutEnd,
    kept === undefined ? '—' : errorText(kept.meanAbsoluteError),
    others,
  );
}

function modelInUse(
  setting: ModelChoice,
  fit: ReportedFit | null,
  backtest: StoredBacktest | null,
  phrases: BacktestPhrases,
  zone: string,
): Block[] {
  const settingItem =
    setting === 'auto'
      ? { label: phrases.setting, value: 'auto', hint: phrases.chosenByBacktest }
      : { label: phrases.setting, value: MODEL_LABELS[setting] };
  if (fit === null) {
    return [
      { kind: 'heading', text: phrases.inUse },
      {
        kind: 'stats',
        items: [settingItem, { label: phrases.model, value: phrases.notFitted }],
      },
      { kind: 'text', text: phrases.noFit },
    ];
  }
  return [
    { kind: 'heading', text: phrases.inUse },
    {
      kind: 'stats',
      items: [
        settingItem,
        { label: phrases.model, value: MODEL_LABELS[fit.model] },
        { label: phrases.chosenBy, value: phrases.selections[fit.selection] },
        { label: phrases.calibrationEnd, value: fit.until },
        { label: phrases.fitted, ...when(fit.fittedAt, zone) },
      ],
    },
    { kind: 'text', text: whyText(fit, backtest, phrases, zone) },
  ];
}

/** Every model's figures side by side: the evidence `auto` chooses on. */
function comparison(
  backtest: StoredBacktest,
  fit: ReportedFit | null,
  phrases: BacktestPhrases,
): Block {
  const note = (model: ModelBacktest) =>
    [
      model.model === backtest.best ? phrases.lowest : undefined,
      model.model === fit?.model ? phrases.current : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · ');
  return {
    kind: 'table',
    id: 'models',
    title: phrases.models,
    caption: phrases.modelsCaption,
    columns: [
      { key: 'model', label: phrases.modelColumn },
      { key: 'mae', label: phrases.meanAbsoluteError, numeric: true },
      { key: 'forecast', label: phrases.forecast, numeric: true },
      { key: 'actual', label: phrases.actual, numeric: true },
      { key: 'error', label: phrases.forecastError, numeric: true },
      { key: 'aucPAlive', label: phrases.aucPAlive, numeric: true },
      { key: 'aucExpected', label: phrases.aucExpected, numeric: true },
      { key: 'logLikelihood', label: phrases.logLikelihood, numeric: true },
      { key: 'note', label: phrases.note },
    ],
    rows: backtest.models.map((model) => ({
      model: MODEL_LABELS[model.model],
      mae: round(model.meanAbsoluteError, 3),
      forecast: round(model.forecastRepeatPurchases, 1),
      actual: model.actualRepeatPurchases,
      error:
        model.forecastError === null
          ? '—'
          : `${model.forecastError > 0 ? '+' : ''}${round(model.forecastError * 100, 1)}%`,
      aucPAlive: aucCell(model.aucPAlive),
      aucExpected: aucCell(model.aucExpectedPurchases),
      logLikelihood: round(model.logLikelihood, 1),
      note: note(model),
    })),
  };
}

/** One model's holdout: the weekly chart, the same numbers as a table, the frequency table. */
function modelBlocks(model: ModelBacktest, phrases: BacktestPhrases): Block[] {
  const label = MODEL_LABELS[model.model];
  return [
    { kind: 'heading', text: label },
    {
      kind: 'chart',
      chart: 'line',
      title: phrases.weeklyChart(label),
      caption: phrases.weeklyCaption,
      labels: model.weeks.map((week) => String(week.week)),
      series: [
        { name: phrases.forecast, values: model.weeks.map((week) => round(week.forecast, 2)) },
        { name: phrases.actual, values: model.weeks.map((week) => week.actual) },
      ],
    },
    {
      kind: 'table',
      id: `weeks-${model.model}`,
      title: `${label}: ${phrases.weeks}`,
      columns: [
        { key: 'week', label: phrases.week, numeric: true },
        { key: 'from', label: phrases.from },
        { key: 'to', label: phrases.to },
        { key: 'forecast', label: phrases.forecast, numeric: true },
        { key: 'actual', label: phrases.actual, numeric: true },
      ],
      rows: model.weeks.map((week) => ({
        week: week.week,
        from: week.from,
        to: week.to,
        forecast: round(week.forecast, 2),
        actual: week.actual,
      })),
    },
    {
      kind: 'table',
      id: `frequency-${model.model}`,
      title: `${label}: ${phrases.conditional}`,
      caption: phrases.conditionalCaption,
      columns: [
        { key: 'frequency', label: phrases.frequency },
        { key: 'customers', label: phrases.customers, numeric: true },
        { key: 'actual', label: phrases.actualMean, numeric: true },
        { key: 'expected', label: phrases.expectedMean, numeric: true },
      ],
      rows: model.byFrequency.map((row) => ({
        frequency: row.frequency,
        customers: row.customers,
        actual: row.actualMean === null ? '—' : round(row.actualMean, 3),
        expected: row.expectedMean === null ? '—' : round(row.expectedMean, 3),
      })),
    },
  ];
}

function backtestBlocks(
  backtest: StoredBacktest | null,
  fit: ReportedFit | null,
  locale: Locale,
  zone: string,
): Block[] {
  const phrases = BACKTEST_PHRASES[locale];
  if (backtest === null) {
    return [
      { kind: 'heading', text: phrases.backtest },
      { kind: 'text', text: phrases.noBacktest },
    ];
  }
  const days = Math.round(backtest.holdoutLength * (backtest.unit === 'week' ? 7 : 1));
  return [
    { kind: 'heading', text: phrases.backtest },
    {
      kind: 'stats',
      items: [
        { label: phrases.calibrationEnd, value: backtest.until },
        { label: phrases.holdoutEnd, value: backtest.holdoutEnd },
        {
          label: phrases.holdoutLength,
          value: phrases.days(days),
          hint: phrases.weekCount(round(days / 7, 1)),
        },
        {
          label: phrases.customers,
          value: backtest.customers,
          ...(backtest.sampledFrom === null
            ? {}
            : { hint: phrases.sampledFrom(backtest.sampledFrom.toLocaleString(locale)) }),
        },
        { label: phrases.repeatBuyers, value: backtest.repeatBuyers },
        { label: phrases.boughtAgain, value: backtest.boughtAgain },
        { label: phrases.ran, ...when(backtest.ranAt, zone) },
      ],
    },
    comparison(backtest, fit, phrases),
    ...backtest.failed.map(
      (each): Block => ({
        kind: 'text',
        text: phrases.failed(MODEL_LABELS[each.model], each.error),
      }),
    ),
    ...backtest.models.flatMap((model) => modelBlocks(model, phrases)),
  ];
}

/**
 * The team's purchase model and the backtest behind it, from the report the API's
 * GET /backtest answers with (what the fit and backtest jobs stored): which model is in use and why (the figures `auto` chose on), every model's holdout
 * week by week as a chart and a table, the conditional expectations, errors and AUCs.
 */
export const backtestPage: PageDefinition<ScoringConfig> = {
  path: 'backtest',
  title: { en: BACKTEST_PHRASES.en.page, 'zh-CN': BACKTEST_PHRASES['zh-CN'].page },
  roles: ['manager', 'admin'],
  async render({ locale }, ctx) {
    const phrases = BACKTEST_PHRASES[locale];
    const { setting, fit, backtest } = await modelReport(ctx);
    return {
      blocks: [
        { kind: 'rule', text: phrases.rule },
        ...modelInUse(setting, fit, backtest, phrases, ctx.timeZone),
        ...backtestBlocks(backtest, fit, locale, ctx.timeZone),
      ],
    };
  },
};
