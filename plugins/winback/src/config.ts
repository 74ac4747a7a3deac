import { z } from 'zod';

const days = (fallback: number, meaning: string) =>
  z
    .number()
    .int('must be whole days')
    .min(1, 'must be at least 1 day')
    .max(3_650, 'must be at most 3650 days')
    .default(fallback)
    .describe(meaning);

/** Days between a playbook's steps, by how hard the policy says to try. */
const stepDaysSchema = z.strictObject({
  allCosts: days(1, 'Days between steps for key customers (win back at all costs)'),
  tryHard: days(3, 'Days between steps for normal customers (try hard)'),
  whenCheap: days(7, 'Days between steps for small customers (when cheap)'),
});

/** Per-team settings of the win-back plugin; `{}` gives the defaults. */
export const configSchema = z.strictObject({
  pAliveBelow: z
    .number()
    .min(0, 'must be 0 or more')
    .max(1, 'must be 1 or less')
    .default(0.2)
    .describe('An active customer whose P(alive) is under this has churned'),
  gapMultiple: z
    .number()
    .min(1, 'must be 1 or more')
    .max(100, 'must be 100 or less')
    .default(3)
    .describe('Without P(alive): churned after this many times their median gap between orders'),
  oneOrderDays: days(
    180,
    'Without P(alive) (as under BG/NBD for one-time buyers): days after a single order that mean churned',
  ),
  stepDays: stepDaysSchema.prefault({}),
});

export type WinbackConfig = z.output<typeof configSchema>;
