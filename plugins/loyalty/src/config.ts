import { z } from 'zod';

const multiplier = (fallback: number) =>
  z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less').default(fallback);

const bonus = (fallback: number, what: string) =>
  z
    .number()
    .int('must be a whole number of points')
    .min(0, 'must be 0 or more')
    .max(1_000_000)
    .default(fallback)
    .describe(what);

const labelSchema = z.strictObject({
  en: z.string().trim().min(1, 'must not be empty').max(40),
  'zh-CN': z.string().trim().min(1, 'must not be empty').max(40),
});

const levelSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
    .max(40),
  /** Points earned, or spend in minor units, over the period that reaches this level. */
  threshold: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
  multiplier: multiplier(1),
  label: labelSchema.optional(),
});

export type LevelConfig = z.output<typeof levelSchema>;

const DEFAULT_LEVELS: LevelConfig[] = [
  { id: 'member', threshold: 0, multiplier: 1 },
  { id: 'silver', threshold: 1_000, multiplier: 1.25 },
  { id: 'gold', threshold: 5_000, multiplier: 1.5 },
];

const levelsSchema = z
  .array(levelSchema)
  .min(1, 'must list at least one level')
  .max(20)
  .superRefine((levels, check) => {
    if (levels[0] !== undefined && levels[0].threshold !== 0) {
      check.addIssue({
        code: 'custom',
        path: [0, 'threshold'],
        message: 'the first level must start at 0',
      });
    }
    const seen = new Set<string>();
    levels.forEach((level, i) => {
      if (seen.has(level.id)) {
        check.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `level "${level.id}" is listed twice`,
        });
      }
      seen.add(level.id);
      const before = levels[i - 1];
      if (before !== undefined && level.threshold <= before.threshold) {
        check.addIssue({
          code: 'custom',
          path: [i, 'threshold'],
          message: `must be above the threshold of ${before.id} (${before.threshold})`,
        });
      }
    });
  })
  .default(DEFAULT_LEVELS);

const downgradeSchema = z
  .discriminatedUnion(
    'rule',
    [
      z.strictObject({ rule: z.literal('none') }),
      z.strictObject({
        rule: z.literal('grace'),
        graceDays: z.number().int().min(0).max(3_650).default(30),
      }),
    ],
    { error: 'rule must be none or grace' },
  )
  .default({ rule: 'none' })
  .describe('none: a level is kept for good; grace: lowered after graceDays below its threshold');

/** Per-team settings of the loyalty programme; `{}` gives 1 point per 1.00 spent. */
export const configSchema = z.strictObject({
  earning: z
    .strictObject({
      pointsPerUnit: z
        .number()
        .min(0, 'must be 0 or more')
        .max(10_000)
        .default(1)
        .describe('Points for each currency unit spent'),
      unitMinor: z
        .number()
        .int()
        .min(1, 'must be at least 1')
        .default(100)
        .describe('Minor units in one currency unit (100 fen = 1 yuan)'),
      tierMultipliers: z
        .strictObject({
          important: multiplier(2),
          secondary: multiplier(1.5),
          normal: multiplier(1),
          small: multiplier(1),
        })
        .prefault({}),
    })
    .prefault({}),
  bonuses: z
    .strictObject({
      firstOrder: bonus(100, 'Points for a customer’s first order'),
      referral: bonus(200, 'Points for each referral'),
      birthday: bonus(100, 'Points on a birthday'),
    })
    .prefault({}),
  levels: z
    .strictObject({
      basis: z.enum(['points', 'spend']).default('points'),
      periodDays: z.number().int().min(1).max(3_650).default(365),
      thresholds: levelsSchema,
      downgrade: downgradeSchema,
    })
    .prefault({}),
  expiryDays: z
    .number()
    .int()
    .min(0, 'must be 0 (never) or more')
    .max(36_500)
    .default(365)
    .describe(
      'Days after the day of earning that points expire at the team’s midnight; 0 keeps them',
    ),
  quadrant: z
    .strictObject({
      attitudeThreshold: z.number().int().min(1).max(5).default(4),
      repeatThreshold: z.number().int().min(1).max(10_000).default(2),
    })
    .prefault({}),
});

export type LoyaltyConfig = z.output<typeof configSchema>;
