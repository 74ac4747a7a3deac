import { z } from 'zod';
import { relationshipStageSchema, stageSchema } from '../lifecycle/stages';
import { FACT_SOURCES } from './customer';
import { domainSchema, emailSchema, phoneSchema } from './identities';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const ref = z.string().trim().min(1, 'must not be empty').max(200);
const id = z.number().int().positive();

/** How deep an attribute's value may nest. */
const MAX_VALUE_DEPTH = 32;

/** Whether the value nests no deeper than `max` arrays or objects, found without recursion. */
function nestsWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth === max) return false;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return true;
}

/**
 * Any JSON value. Its depth is checked first: z.json() walks a value recursively, and one
 * nested thousands deep would overflow the stack.
 */
const attributeValue = z
  .unknown()
  .refine((value) => nestsWithin(value, MAX_VALUE_DEPTH), {
    message: `must not nest more than ${MAX_VALUE_DEPTH} deep`,
    abort: true,
  })
  .pipe(z.json())
  .describe(`Any JSON value, nested at most ${MAX_VALUE_DEPTH} deep`);

export const attributeInputSchema = z.strictObject({
  value: attributeValue,
  source: z.enum(FACT_SOURCES),
});

const attributeKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'must be a field name');

export const identitiesInputSchema = z.strictObject({
  emails: z.array(emailSchema).max(50).default([]),
  domains: z.array(domainSchema).max(50).default([]),
  phones: z.array(phoneSchema).max(50).default([]),
});

export const customerInputSchema = z.strictObject({
  kind: z.enum(['person', 'company']),
  name,
  stage: stageSchema.default('potential'),
  relationshipStage: relationshipStageSchema.optional(),
  externalRef: ref.optional(),
  ownerUserId: id.optional(),
  emails: identitiesInputSchema.shape.emails,
  domains: identitiesInputSchema.shape.domains,
  phones: identitiesInputSchema.shape.phones,
  attributes: z.record(attributeKey, attributeInputSchema).default({}),
});

export type CustomerInput = z.input<typeof customerInputSchema>;
export type ParsedCustomerInput = z.output<typeof customerInputSchema>;
export type IdentitiesInput = z.input<typeof identitiesInputSchema>;

/** A change to a customer; stage changes go through the lifecycle, identities through their own calls. */
export const customerPatchSchema = z.strictObject({
  name: name.optional(),
  relationshipStage: relationshipStageSchema.nullable().optional(),
  externalRef: ref.nullable().optional(),
  ownerUserId: id.nullable().optional(),
  /** Sets each named fact; `null` removes it. */
  attributes: z.record(attributeKey, attributeInputSchema.nullable()).optional(),
});

export type CustomerPatch = z.input<typeof customerPatchSchema>;
