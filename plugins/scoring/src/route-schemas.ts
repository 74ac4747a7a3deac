import { z } from 'zod';
import { MODEL_CHOICES } from './config';
import type { ModelReport } from './model-report';

const modelName = z.enum(MODEL_CHOICES).exclude(['auto']);
const day = z.string().meta({ description: 'YYYY-MM-DD' });
const time = z.string().meta({ description: 'ISO 8601 time' });
const count = z.number().int();

const betaGeometric = z.strictObject({
  r: z.number(),
  alpha: z.number(),
  a: z.number(),
  b: z.number(),
});
const paretoNbd = z.strictObject({
  r: z.number(),
  alpha: z.number(),
  s: z.number(),
  beta: z.number(),
});

const modelBacktest = z.strictObject({
  model: modelName,
  params: z.union([betaGeometric, paretoNbd]),
  logLikelihood: z.number(),
  converged: z.boolean(),
  forecastRepeatPurchases: z.number(),
  actualRepeatPurchases: z.number(),
  forecastError: z.number().nullable().meta({
    description: '(forecast − actual) / actual; null when nobody bought in the holdout',
  }),
  meanAbsoluteError: z.number().meta({
    description: 'Mean over customers of |expected − actual| holdout purchases',
  }),
  aucPAlive: z.number().nullable(),
  aucExpectedPurchases: z.number().nullable(),
  weeks: z.array(
    z.strictObject({ week: count, from: day, to: day, forecast: z.number(), actual: z.number() }),
  ),
  byFrequency: z.array(
    z.strictObject({
      frequency: z
        .string()
        .meta({ description: 'Repeat purchases in calibration; `7+` for seven or more' }),
      customers: count,
      actualMean: z.number().nullable(),
      expectedMean: z.number().nullable(),
    }),
  ),
});

const backtest = z
  .strictObject({
    until: day.meta({ description: 'The last day of the calibration period' }),
    holdoutEnd: day.meta({ description: 'The last day of the holdout' }),
    unit: z.enum(['week', 'day']),
    holdoutLength: count,
    customers: count,
    sampledFrom: count.nullable(),
    repeatBuyers: count,
    boughtAgain: count,
    models: z.array(modelBacktest),
    failed: z.array(z.strictObject({ model: modelName, error: z.string() })),
    best: modelName.nullable(),
    ranAt: time,
  })
  .meta({ id: 'ScoringBacktest', description: 'Every model’s forecast over one holdout' });

export const modelReportSchema: z.ZodType<ModelReport> = z
  .strictObject({
    setting: z.enum(MODEL_CHOICES),
    fit: z
      .strictObject({
        model: modelName,
        selection: z.enum(['named', 'holdout', 'likelihood']),
        unit: z.enum(['week', 'day']),
        until: day,
        logLikelihood: z.number().meta({ description: 'Of the fitted model on the calibration' }),
        fittedAt: time,
      })
      .nullable()
      .meta({ description: 'The team’s latest fit; null before the first' }),
    backtest: backtest
      .nullable()
      .meta({ description: 'The latest backtest; null before the first' }),
  })
  .meta({ id: 'ScoringModelReport' });
