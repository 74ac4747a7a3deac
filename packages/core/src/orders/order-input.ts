import { z } from 'zod';
import { isoTimeSchema } from '../time';

const minorUnits = z
  .number()
  .int('must be a whole number of minor units (fen, cents)')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER);

export const orderInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** Integer minor units. */
  amount: minorUnits,
  cost: minorUnits.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
    .optional(),
  placedAt: isoTimeSchema,
  /** The order's id in the system it came from; recording it again changes nothing. */
  externalId: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});

export type OrderInput = z.input<typeof orderInputSchema>;
export type ParsedOrderInput = z.output<typeof orderInputSchema>;
