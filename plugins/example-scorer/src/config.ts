import { z } from 'zod';

/** The signals a good customer is judged on (DOMAIN.md §3), in the order reports list them. */
export const FACTORS = [
  'frequency',
  'revenue',
  'margin',
  'priceSensitivity',
  'punctuality',
  'serviceCost',
  'risk',
] as const;

export type FactorId = (typeof FACTORS)[number];

const weight = (value: number, meaning: string) =>
  z.number().min(0, 'must be 0 or more').default(value).describe(meaning);

const above0 = 'must be above 0';

/** How much each factor counts; only the ratios matter. */
const weightsSchema = z
  .strictObject({
    frequency: weight(2, 'Orders a year'),
    revenue: weight(2, 'Revenue a year'),
    margin: weight(2, 'Margin as a share of revenue'),
    priceSensitivity: weight(1, 'Little need for discounts'),
    punctuality: weight(2, 'Invoices paid on time'),
    serviceCost: weight(1, 'Few inbound contacts an order'),
    risk: weight(1, 'Ordered recently'),
  })
  .refine((weights) => Object.values(weights).some((value) => value > 0), {
    message: 'at least one weight must be above 0',
  });

/** Where each factor earns full marks, or none. */
const thresholdsSchema = z.strictObject({
  ordersPerYear: z
    .number()
    .positive(above0)
    .default(12)
    .describe('Orders a year that earn full marks for frequency'),
  revenuePerYear: z
    .number()
    .int('must be whole minor units')
    .positive(above0)
    .default(1_000_000)
    .describe('Revenue a year, in minor units, that earns full marks'),
  goodMargin: z
    .number()
    .positive(above0)
    .max(1, 'must be 1 or less')
    .default(0.3)
    .describe('Margin share that earns full marks (0.3 = 30%)'),
  priceSensitiveShare: z
    .number()
    .positive(above0)
    .max(1, 'must be 1 or less')
    .default(0.2)
    .describe('Discount share of list price that earns no marks'),
  graceDays: z
    .number()
    .int('must be whole days')
    .min(0, 'must be 0 or more')
    .default(0)
    .describe('Days after the due date a payment still counts as on time'),
  costlyContactsPerOrder: z
    .number()
    .positive(above0)
    .default(3)
    .describe('Inbound contacts an order that earn no marks for service cost'),
  dormantDays: z
    .number()
    .int('must be whole days')
    .positive(above0)
    .default(365)
    .describe('Days without an order that earn no marks for risk'),
});

/** Per-team settings of example-scorer; `{}` gives the defaults above. */
export const configSchema = z.strictObject({
  weights: weightsSchema.prefault({}),
  thresholds: thresholdsSchema.prefault({}),
});

export type ExampleScorerConfig = z.output<typeof configSchema>;
export type Weights = ExampleScorerConfig['weights'];
export type Thresholds = ExampleScorerConfig['thresholds'];
