import { z } from 'zod';
import { relationshipStageSchema, stageSchema } from '../lifecycle/stages';
import { FACT_SOURCES } from './customer';
import { domainSchema, emailSchema, phoneSchema } from './identities';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const ref = z.string().trim().min(1, 'must not be empty').max(200);
const id = z.number().int().positive();

export const attributeInputSchema = z.strictObject({
  value: z.json(),
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
