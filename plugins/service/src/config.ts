import { z } from 'zod';

const hours = (fallback: number, meaning: string) =>
  z
    .number()
    .positive('must be above 0')
    .max(8760, 'must be a year or less')
    .default(fallback)
    .describe(meaning);

/** Hours to take a complaint's next step, by the customer's tier (DOMAIN §4: key customers fastest). */
const responseHoursSchema = z
  .strictObject({
    important: hours(4, 'Hours for each step of an important customer’s complaint'),
    secondary: hours(8, 'Hours for each step of a secondary customer’s complaint'),
    normal: hours(24, 'Hours for each step of a normal customer’s complaint'),
    small: hours(48, 'Hours for each step of a small customer’s complaint'),
  })
  .refine((h) => h.important <= h.secondary && h.secondary <= h.normal && h.normal <= h.small, {
    message: 'key customers come first: important ≤ secondary ≤ normal ≤ small',
  });

/** Per-team settings of the service plugin; `{}` gives the defaults. */
export const configSchema = z.strictObject({
  responseHours: responseHoursSchema.prefault({}),
  nearDueHours: z
    .number()
    .min(0, 'must be 0 or more')
    .max(168, 'must be a week or less')
    .default(2)
    .describe('Hours before a step is due when the card starts asking the rep to act'),
  relationshipSurveys: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(50, 'must be 50 or less')
    .default(5)
    .describe('Latest surveys per customer that the relationship-quality gauges average'),
});

export type ServiceConfig = z.output<typeof configSchema>;
