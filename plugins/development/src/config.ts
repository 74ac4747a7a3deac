import { z } from 'zod';
import { DEFAULT_STAGES } from './opportunities/default-stages';
import { SOURCE_KINDS } from './sources/kinds';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const bilingualSchema = (max: number) =>
  z.strictObject({ en: text(max), 'zh-CN': text(max) });

const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, dashes and underscores')
  .max(40);

/** The key of a customer attribute, as the core allows them. */
const attributeKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'must be a field name');

/** Issues for ids listed twice, at `<i>.id`. */
function uniqueIds(items: readonly { id: string }[], check: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      check.addIssue({ code: 'custom', path: [i, 'id'], message: `"${item.id}" is listed twice` });
    }
    seen.add(item.id);
  });
}

const ownSourceSchema = z.strictObject({ id: idSchema, label: bilingualSchema(60) });

const sourcesSchema = z
  .strictObject({
    own: z
      .array(ownSourceSchema)
      .max(50)
      .superRefine((sources, check) => {
        uniqueIds(sources, check);
        sources.forEach((source, i) => {
          if ((SOURCE_KINDS as readonly string[]).includes(source.id)) {
            check.addIssue({
              code: 'custom',
              path: [i, 'id'],
              message: `"${source.id}" is one of the built-in sources`,
            });
          }
        });
      })
      .default([])
      .describe('The team’s own sources beside the built-in ones'),
    centreOfInfluence: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1_000)
      .default(3)
      .describe('Referrals that make a customer a centre of influence'),
    agentFeeRate: z
      .number()
      .min(0, 'must be 0 or more')
      .max(1, 'must be 1 (100%) or less')
      .default(0.05)
      .describe('Share of the first order owed to an agent whose source names no fee'),
  })
  .prefault({});

const attributesSchema = z
  .strictObject({
    industry: attributeKey.default('industry').describe('Attribute holding the industry'),
    size: attributeKey.default('size').describe('Attribute holding the size or headcount'),
    region: attributeKey.default('region').describe('Attribute holding the region'),
    role: attributeKey.default('role').describe('Attribute holding a person’s role (职务)'),
  })
  .prefault({});

const sizeSchema = z.strictObject({
  id: idSchema,
  /** The most employees a customer of this size has; the last size has none. */
  maxEmployees: z.number().int().min(0).optional(),
});

export type SizeBand = z.output<typeof sizeSchema>;

const DEFAULT_SIZES: SizeBand[] = [
  { id: 'micro', maxEmployees: 9 },
  { id: 'small', maxEmployees: 49 },
  { id: 'medium', maxEmployees: 249 },
  { id: 'large', maxEmployees: 999 },
  { id: 'enterprise' },
];

const sizesSchema = z
  .array(sizeSchema)
  .min(2, 'must list at least two sizes')
  .max(12)
  .superRefine((sizes, check) => {
    uniqueIds(sizes, check);
    sizes.forEach((size, i) => {
      const last = i === sizes.length - 1;
      if (!last && size.maxEmployees === undefined) {
        check.addIssue({
          code: 'custom',
          path: [i, 'maxEmployees'],
          message: 'every size but the last needs its most employees',
        });
      }
      const before = sizes[i - 1]?.maxEmployees;
      if (size.maxEmployees !== undefined && before !== undefined && size.maxEmployees <= before) {
        check.addIssue({
          code: 'custom',
          path: [i, 'maxEmployees'],
          message: `must be above the size before (${before})`,
        });
      }
    });
  })
  .default(DEFAULT_SIZES)
  .describe('Company sizes, smallest first');

const weight = (what: string) =>
  z.number().min(0, 'must be 0 or more').max(100).default(1).describe(what);

export const FIT_PARTS = [
  'positioning',
  'goodCustomer',
  'potential',
  'match',
  'resemblance',
] as const;
export type FitPart = (typeof FIT_PARTS)[number];

const fitSchema = z
  .strictObject({
    weights: z
      .strictObject({
        positioning: weight('Fits the team’s positioning: industries, sizes, regions'),
        goodCustomer: weight(
          'A good customer: orders a year, margin, and the tier and P(alive) where tiering and scoring are on',
        ),
        potential: weight('Potential: growth of orders and company size'),
        match: weight('A match in size with the team’s own company (门当户对)'),
        resemblance: weight('Resembles the team’s top customers'),
      })
      .refine((weights) => Object.values(weights).some((value) => value > 0), {
        message: 'at least one weight must be above 0',
      })
      .prefault({}),
    positioning: z
      .strictObject({
        industries: z.array(text(100)).max(100).default([]),
        sizes: z.array(idSchema).max(12).default([]),
        regions: z.array(text(100)).max(200).default([]),
      })
      .prefault({})
      .describe('What the team sells to; an empty list is not judged'),
    sizes: sizesSchema,
    ownSize: idSchema.default('medium').describe('The team’s own company size'),
    goodCustomer: z
      .strictObject({
        goodMargin: z.number().gt(0, 'must be above 0').max(1).default(0.3),
        ordersPerYear: z.number().gt(0, 'must be above 0').max(10_000).default(4),
      })
      .prefault({}),
    potential: z
      .strictObject({
        windowDays: z
          .number()
          .int()
          .min(7)
          .max(3_650)
          .default(365)
          .describe('Orders of the last this many days are compared with the days before'),
      })
      .prefault({}),
    resemblance: z
      .strictObject({
        attributes: z
          .array(attributeKey)
          .max(20)
          .default(['industry', 'region', 'size'])
          .describe('Attributes compared with the top customers'),
        topShare: z
          .number()
          .gt(0, 'must be above 0')
          .max(1)
          .default(0.2)
          .describe(
            'Share of buyers, by revenue, counted as top customers where tiering gives no top tier',
          ),
      })
      .prefault({}),
  })
  .superRefine((fit, check) => {
    const sizes = new Set(fit.sizes.map((size) => size.id));
    if (!sizes.has(fit.ownSize)) {
      check.addIssue({ code: 'custom', path: ['ownSize'], message: 'must be one of the sizes' });
    }
    fit.positioning.sizes.forEach((size, i) => {
      if (!sizes.has(size)) {
        check.addIssue({
          code: 'custom',
          path: ['positioning', 'sizes', i],
          message: 'must be one of the sizes',
        });
      }
    });
  })
  .prefault({});

const stageSchema = z.strictObject({
  id: idSchema.refine((id) => id !== 'won' && id !== 'lost', {
    message: 'won and lost are the closing stages',
  }),
  label: bilingualSchema(60),
  probability: z.number().min(0, 'must be 0 or more').max(1, 'must be 1 or less'),
  /** What the rep does at this stage: the card's suggestion. */
  action: bilingualSchema(160).optional(),
});

export type StageConfig = z.output<typeof stageSchema>;

const opportunitiesSchema = z
  .strictObject({
    stages: z
      .array(stageSchema)
      .min(1, 'must list at least one stage')
      .max(12)
      .superRefine(uniqueIds)
      .default(DEFAULT_STAGES)
      .describe('Open stages in order, each with its probability of winning'),
  })
  .prefault({});

const relationshipSchema = z
  .strictObject({
    emotionInteractions: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(6)
      .describe('Interactions, with a won sale, before emotion (情感) is suggested'),
  })
  .prefault({});

/** Per-team settings of customer development; `{}` gives the book's defaults. */
export const configSchema = z.strictObject({
  sources: sourcesSchema,
  attributes: attributesSchema,
  fit: fitSchema,
  opportunities: opportunitiesSchema,
  relationship: relationshipSchema,
});

export type DevelopmentConfig = z.output<typeof configSchema>;
