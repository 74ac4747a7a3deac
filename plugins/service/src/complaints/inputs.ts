import { CHANNELS } from '@guanxi/core';
import { z } from 'zod';
import { CAUSES, STEPS } from './complaint';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const openComplaintSchema = z.strictObject({
  customerId: z.number().int().positive('must be a customer id'),
  cause: z.enum(CAUSES, { error: `must be one of ${CAUSES.join(', ')}` }),
  summary: text(2000),
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }).default('other'),
});

export type OpenComplaintInput = z.input<typeof openComplaintSchema>;

export const stepSchema = z
  .strictObject({
    to: z.enum(STEPS, { error: `must be one of ${STEPS.join(', ')}` }),
    note: text(4000).optional(),
    valid: z.boolean({ error: 'must be true or false' }).optional(),
    remedy: text(4000).optional(),
  })
  .superRefine((input, ctx) => {
    const recording = input.to === 'recorded';
    if (recording && input.valid === undefined) {
      ctx.addIssue({ code: 'custom', path: ['valid'], message: 'say whether it is valid' });
    }
    if (!recording && input.valid !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['valid'], message: 'only when recording' });
    }
    if (recording && input.valid === false && input.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'say why it is not valid' });
    }
    const proposing = input.to === 'remedy_proposed';
    if (proposing && input.remedy === undefined) {
      ctx.addIssue({ code: 'custom', path: ['remedy'], message: 'say what the remedy is' });
    }
    if (!proposing && input.remedy !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['remedy'], message: 'only when proposing a remedy' });
    }
  });

export type StepInput = z.input<typeof stepSchema>;

export const listSchema = z.strictObject({
  customerId: z.coerce.number().int().positive('must be a customer id').optional(),
  open: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).optional(),
});

export type ListInput = z.input<typeof listSchema>;
