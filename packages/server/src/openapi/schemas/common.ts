import { z } from 'zod';

/** An ISO 8601 time as the API writes it. */
export const time = z.string().meta({ description: 'ISO 8601 time' });

export const id = z.number().int().positive();

/** An array, typed as the core's read-only arrays so routes answer with them as they are. */
export function listOf<T>(item: z.ZodType<T>): z.ZodType<readonly T[]> {
  return z.array(item);
}
