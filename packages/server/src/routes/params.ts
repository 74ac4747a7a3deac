import { z } from 'zod';

/** A positive integer id as it appears in a path or query string. */
export const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
  .transform(Number)
  .meta({ type: 'integer', minimum: 1 });

export const teamParams = z.object({ teamId: idParam });
export const customerParams = z.object({ teamId: idParam, customerId: idParam });
