import { isCalendarDay, parseInput } from '@guanxi/core';
import { z } from 'zod';
import { MODEL_CHOICES } from '../config';

/** A calendar day, YYYY-MM-DD, that exists. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine(isCalendarDay, { message: 'must be a real date' });

const jobArgs = z.strictObject({
  model: z.enum(MODEL_CHOICES).optional(),
  unit: z.enum(['week', 'day']).optional(),
  until: day.optional(),
  holdoutEnd: day.optional(),
});

export type JobArgs = z.output<typeof jobArgs>;

/** Checks a job's arguments; a bad one is GX_ERR_VALIDATION naming `args.<name>`. */
export function parseJobArgs(args: Readonly<Record<string, string>>): JobArgs {
  return parseInput(jobArgs, args, ['args']);
}
