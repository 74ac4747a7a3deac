import { isCalendarDay, isoTimeSchema } from '@guanxi/core';
import { z } from 'zod';
import { LOST_REASONS } from './stages';

const id = z.number().int().positive();
const minorUnits = z
  .number()
  .int('must be a whole number of minor units (fen, cents)')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER);
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
const day = z.string().refine(isCalendarDay, { message: 'must be a day such as 2024-06-30' });
const note = z.string().trim().min(1, 'must not be empty').max(2_000);
const stageId = z.string().min(1, 'must not be empty').max(40);

export const openOpportunityInputSchema = z.strictObject({
  customerId: id,
  /** A member of the team; default: the caller, else the customer's owner. */
  ownerUserId: id.optional(),
  title: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  amount: minorUnits,
  /** Default: the team's currency. */
  currency: currency.optional(),
  closeDay: day.describe('The expected close, a day of the team’s time zone'),
  /** An open stage; default: the first. */
  stage: stageId.optional(),
  note: note.optional(),
});

export const updateOpportunityInputSchema = z.strictObject({
  opportunityId: id,
  ownerUserId: id.optional(),
  title: z.string().trim().min(1, 'must not be empty').max(200).nullable().optional(),
  amount: minorUnits.optional(),
  currency: currency.optional(),
  closeDay: day.optional(),
});

export const moveOpportunityInputSchema = z.strictObject({
  opportunityId: id,
  /** An open stage; close with win or lose. */
  stage: stageId,
  note: note.optional(),
});

export const winOpportunityInputSchema = z.strictObject({
  opportunityId: id,
  /** The order's amount; default: the opportunity's. */
  amount: minorUnits.optional(),
  cost: minorUnits.optional(),
  /** Default: now. */
  placedAt: isoTimeSchema.optional(),
  /** The order's id in the company's own system; default `opportunity-<id>`. */
  externalId: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  note: note.optional(),
});

/** Why an opportunity was lost; the route takes it as the body. */
export const lossSchema = z
  .strictObject({
    reason: z.enum(LOST_REASONS),
    competitor: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    note: note.optional(),
  })
  .refine((input) => input.reason !== 'competitor' || input.competitor !== undefined, {
    path: ['competitor'],
    message: 'name the competitor the opportunity was lost to',
  });

export const loseOpportunityInputSchema = lossSchema.safeExtend({ opportunityId: id });

export const checklistInputSchema = z.strictObject({
  opportunityId: id,
  introduced: z.boolean().optional(),
  answered: z.boolean().optional(),
  benefits: z.boolean().optional(),
});

const balanceItems = z
  .array(z.string().trim().min(1, 'must not be empty').max(300))
  .max(10, 'at most 10');

export const balanceInputSchema = z.strictObject({
  opportunityId: id,
  /** The first, second, third… benefit of buying. */
  benefits: balanceItems,
  /** The first, second… loss of not buying. */
  losses: balanceItems,
});

export type OpenOpportunityInput = z.input<typeof openOpportunityInputSchema>;
export type UpdateOpportunityInput = z.input<typeof updateOpportunityInputSchema>;
export type MoveOpportunityInput = z.input<typeof moveOpportunityInputSchema>;
export type WinOpportunityInput = z.input<typeof winOpportunityInputSchema>;
export type LoseOpportunityInput = z.input<typeof loseOpportunityInputSchema>;
export type ChecklistInput = z.input<typeof checklistInputSchema>;
export type BalanceInput = z.input<typeof balanceInputSchema>;
