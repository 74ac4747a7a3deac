import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import { attributeReader } from '../attributes';
import type { DevelopmentConfig } from '../config';
import { fitOf } from '../fit/fit-scorer';
import { partPhrase } from '../fit/reasons';
import { opportunitiesOf } from '../opportunities/opportunity';
import { TYPE_LABELS, TYPE_STRATEGIES } from '../persuasion/customer-types';
import { setCustomerType, setTypeInputSchema } from '../persuasion/set-type';
import {
  interestsOf,
  moveRelationship,
  moveRelationshipInputSchema,
  noteInterest,
  noteInterestInputSchema,
  relationshipHistory,
} from '../relationship/relationship';
import { stepOf } from '../relationship/steps';
import { referralTree } from '../sources/referrals';
import { setSourceInputSchema } from '../sources/source-input';
import { setSource, sourceOf } from '../sources/store';
import type { DevelopmentContext } from '../tables';
import {
  customerTypeSchema,
  fitSchema,
  interestSchema,
  opportunitiesSchema,
  referralTreeSchema,
  relationshipChangeSchema,
  relationshipSchema,
  sourceSchema,
} from './schemas';

const route = definePluginRoute<DevelopmentConfig>();

const params = z.strictObject({
  customerId: z.coerce.number().int().positive('must be a customer id'),
});

/** The customer, or GX_ERR_NOT_FOUND when it is not the team's. */
const customerOf = (ctx: DevelopmentContext, customerId: number) =>
  ctx.core.customers.get(ctx.teamId, customerId);

const sourceBody = setSourceInputSchema.omit({ customerId: true }).meta({
  examples: [
    { source: { kind: 'referral', referrerId: 7 } },
    { source: { kind: 'agent', agent: 'Zhao Lei', feeRate: 0.08 } },
    { source: { kind: 'competitor', competitor: 'Globex', detail: 'unhappy with delivery' } },
  ],
});

/**
 * What a rep reads and writes about one customer of the team, at
 * /v1/teams/<team>/plugins/development/customers/{customerId}/…: source, referrals, fit, type,
 * relationship, interests and opportunities.
 */
export const customerRoutes = [
  route({
    method: 'get',
    path: '/customers/{customerId}/source',
    operationId: 'getSource',
    summary: 'Where the customer came from',
    role: 'rep',
    request: { params },
    responses: {
      200: {
        description: 'The source; null when none was given',
        schema: z.strictObject({ source: sourceSchema.nullable() }),
      },
    },
    handler: async ({ params }, { ctx }) => {
      await customerOf(ctx, params.customerId);
      return { status: 200, body: { source: (await sourceOf(ctx, params.customerId)) ?? null } };
    },
  }),
  route({
    method: 'put',
    path: '/customers/{customerId}/source',
    operationId: 'setSource',
    summary: 'Give the customer a source, or change it (audited)',
    description:
      'The source is an object (below) or, as in the CSV import, its short text form (`referral:#12`, `agent:Zhao`, `meeting:Canton Fair`). A referral names a customer of the team whose own chain of referrers does not lead back to this one.',
    role: 'rep',
    request: { params, body: sourceBody },
    responses: {
      200: { description: 'The source', schema: z.strictObject({ source: sourceSchema }) },
    },
    handler: async ({ params, body }, { ctx, actor }) => ({
      status: 200,
      body: { source: await setSource(ctx, { ...body, customerId: params.customerId }, actor) },
    }),
  }),
  route({
    method: 'get',
    path: '/customers/{customerId}/referrals',
    operationId: 'referralTree',
    summary: 'The customers this one referred, and theirs in turn',
    role: 'rep',
    request: {
      params,
      query: z.strictObject({
        depth: z.coerce.number().optional().meta({ description: 'Levels below, 1–10 (3)' }),
      }),
    },
    responses: { 200: { description: 'The referral tree', schema: referralTreeSchema } },
    handler: async ({ params, query }, { ctx }) => ({
      status: 200,
      body: await referralTree(ctx, {
        customerId: params.customerId,
        ...(query.depth === undefined ? {} : { depth: query.depth }),
      }),
    }),
  }),
  route({
    method: 'get',
    path: '/customers/{customerId}/fit',
    operationId: 'getFit',
    summary: 'How well the customer fits as a target, part by part, with the reasons',
    role: 'rep',
    request: { params },
    responses: { 200: { description: 'The fit', schema: fitSchema } },
    handler: async ({ params }, { ctx, locale }) => {
      const customer = await customerOf(ctx, params.customerId);
      const facts = await ctx.core.facts.get(ctx.teamId, customer.id);
      const fit = await fitOf(ctx, customer, facts, await attributeReader(ctx)(customer));
      return {
        status: 200,
        body: {
          customerId: customer.id,
          score: fit.score,
          parts: fit.parts.map((part) => ({
            part: part.part,
            weight: part.weight,
            value: part.value,
            reason: partPhrase(part, locale),
          })),
        },
      };
    },
  }),
  route({
    method: 'put',
    path: '/customers/{customerId}/type',
    operationId: 'setCustomerType',
    summary: 'Set the customer’s type (one of ten), or clear it with null (audited)',
    role: 'rep',
    request: {
      params,
      body: setTypeInputSchema
        .omit({ customerId: true })
        .meta({ examples: [{ type: 'haggler' }, { type: null }] }),
    },
    responses: {
      200: { description: 'The type and how to persuade it', schema: customerTypeSchema },
    },
    handler: async ({ params, body }, { ctx, actor, locale }) => {
      const type = await setCustomerType(ctx, { ...body, customerId: params.customerId }, actor);
      return {
        status: 200,
        body: {
          customerId: params.customerId,
          type,
          label: type === null ? null : TYPE_LABELS[type][locale],
          strategy: type === null ? null : TYPE_STRATEGIES[type][locale],
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/customers/{customerId}/relationship',
    operationId: 'getRelationship',
    summary: 'The relationship step, its history and the interests noted',
    role: 'rep',
    request: { params },
    responses: { 200: { description: 'The relationship', schema: relationshipSchema } },
    handler: async ({ params }, { ctx }) => {
      const customer = await customerOf(ctx, params.customerId);
      return {
        status: 200,
        body: {
          customerId: customer.id,
          step: stepOf(customer.relationshipStage),
          history: await relationshipHistory(ctx, customer.id),
          interests: await interestsOf(ctx, customer.id),
        },
      };
    },
  }),
  route({
    method: 'post',
    path: '/customers/{customerId}/relationship',
    operationId: 'moveRelationship',
    summary: 'Move the relationship to another step: stranger, awareness, interest, emotion',
    role: 'rep',
    request: {
      params,
      body: moveRelationshipInputSchema
        .omit({ customerId: true })
        .meta({ examples: [{ to: 'interest', note: 'Their CFO wants a lower total cost' }] }),
    },
    responses: {
      201: { description: 'The change, in the history', schema: relationshipChangeSchema },
      409: { description: 'The relationship is at that step already' },
    },
    handler: async ({ params, body }, { ctx, actor }) => ({
      status: 201,
      body: await moveRelationship(ctx, { ...body, customerId: params.customerId }, actor),
    }),
  }),
  route({
    method: 'post',
    path: '/customers/{customerId}/interests',
    operationId: 'noteInterest',
    summary: 'Note one of the customer’s interests, organisational or personal (利益)',
    role: 'rep',
    request: { params, body: noteInterestInputSchema.omit({ customerId: true }) },
    responses: { 201: { description: 'The interest', schema: interestSchema } },
    handler: async ({ params, body }, { ctx, actor }) => ({
      status: 201,
      body: await noteInterest(ctx, { ...body, customerId: params.customerId }, actor),
    }),
  }),
  route({
    method: 'get',
    path: '/customers/{customerId}/opportunities',
    operationId: 'customerOpportunities',
    summary: 'The customer’s opportunities, open ones first',
    role: 'rep',
    request: { params },
    responses: { 200: { description: 'The opportunities', schema: opportunitiesSchema } },
    handler: async ({ params }, { ctx }) => {
      await customerOf(ctx, params.customerId);
      return {
        status: 200,
        body: { opportunities: await opportunitiesOf(ctx, params.customerId) },
      };
    },
  }),
];
