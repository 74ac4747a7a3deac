import { isoTimeSchema } from '@guanxi/core';
import { z } from 'zod';

const gauge = z
  .number({ error: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5');

const percent = z
  .number({ error: 'must be a percentage from 0 to 100' })
  .int('must be a whole percentage')
  .min(0, 'must be from 0 to 100')
  .max(100, 'must be from 0 to 100');

/**
 * A survey answer: CSAT scores 1–5, NPS 0–10, with optional relationship items 1–5 and the
 * reports' questions: asked for the company by name, needs met and share of wallet (%).
 */
export const surveySchema = z
  .strictObject({
    customerId: z.number().int().positive('must be a customer id'),
    kind: z.enum(['csat', 'nps'], { error: 'must be csat or nps' }),
    score: z.number({ error: 'must be a number' }).int('must be a whole number'),
    items: z
      .strictObject({
        trust: gauge.optional(),
        satisfaction: gauge.optional(),
        commitment: gauge.optional(),
        friendship: gauge.optional(),
      })
      .optional(),
    byName: z.boolean({ error: 'must be true or false' }).optional(),
    needsMet: percent.optional(),
    walletShare: percent.optional(),
    /** A date, or a time without an offset, is the team's. */
    answeredAt: isoTimeSchema.optional(),
  })
  .superRefine((survey, ctx) => {
    const [min, max] = survey.kind === 'csat' ? [1, 5] : [0, 10];
    if (survey.score < min || survey.score > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `a ${survey.kind.toUpperCase()} score is from ${min} to ${max}`,
      });
    }
  });

export type SurveyInput = z.input<typeof surveySchema>;
