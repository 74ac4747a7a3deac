import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import type { DevelopmentConfig } from '../config';
import { addCase, caseInputSchema, listCases, removeCase, replaceCase } from '../library/cases';
import {
  listPains,
  removePains,
  removePainsInputSchema,
  setPains,
  setPainsInputSchema,
} from '../library/pains';
import { painsSchema, referenceCaseSchema } from './schemas';

const route = definePluginRoute<DevelopmentConfig>();

const caseParams = z.strictObject({
  caseId: z.coerce.number().int().positive('must be a reference case id'),
});

const caseBody = caseInputSchema.meta({
  examples: [
    {
      role: 'CFO',
      industry: 'Retail',
      keyIssue: 'Month-end close took ten days',
      reason: 'We reconcile every store overnight',
      capability: {
        when: 'at month end',
        who: 'the finance team',
        what: 'see every store’s takings reconciled',
      },
      provided: 'Nightly reconciliation across 120 stores',
      result: { percent: 60, text: 'Close cut from ten days to four' },
    },
  ],
});

/**
 * The team's library at /v1/teams/<team>/plugins/development/: pains by role and industry and
 * reference cases, which the card matches to each customer. Every member reads it; managers
 * keep it.
 */
export const libraryRoutes = [
  route({
    method: 'get',
    path: '/pains',
    operationId: 'listPains',
    summary: 'The pains of each role in each industry',
    role: 'rep',
    responses: {
      200: { description: 'The library', schema: z.strictObject({ pains: z.array(painsSchema) }) },
    },
    handler: async (_input, { ctx }) => ({ status: 200, body: { pains: await listPains(ctx) } }),
  }),
  route({
    method: 'put',
    path: '/pains',
    operationId: 'setPains',
    summary: 'Set the one to three pains of a role in an industry, replacing those before',
    role: 'manager',
    request: {
      body: setPainsInputSchema.meta({
        examples: [
          {
            role: 'Purchasing manager',
            industry: 'Catering',
            pains: ['Prices change every week', 'Late deliveries stop the kitchen'],
          },
        ],
      }),
    },
    responses: { 200: { description: 'The pains', schema: painsSchema } },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 200,
      body: await setPains(ctx, body, actor),
    }),
  }),
  route({
    method: 'delete',
    path: '/pains',
    operationId: 'removePains',
    summary: 'Take a role in an industry out of the library',
    role: 'manager',
    request: { query: removePainsInputSchema },
    responses: { 204: { description: 'Removed' } },
    handler: async ({ query }, { ctx }) => {
      await removePains(ctx, query);
      return { status: 204 };
    },
  }),
  route({
    method: 'get',
    path: '/cases',
    operationId: 'listCases',
    summary: 'The reference cases, by industry and role',
    role: 'rep',
    responses: {
      200: {
        description: 'The cases',
        schema: z.strictObject({ cases: z.array(referenceCaseSchema) }),
      },
    },
    handler: async (_input, { ctx }) => ({ status: 200, body: { cases: await listCases(ctx) } }),
  }),
  route({
    method: 'post',
    path: '/cases',
    operationId: 'addCase',
    summary: 'Add a reference case, in the template: issue, reason, capability, result',
    role: 'manager',
    request: { body: caseBody },
    responses: { 201: { description: 'The case', schema: referenceCaseSchema } },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: await addCase(ctx, body, actor),
    }),
  }),
  route({
    method: 'put',
    path: '/cases/{caseId}',
    operationId: 'replaceCase',
    summary: 'Rewrite a reference case',
    role: 'manager',
    request: { params: caseParams, body: caseBody },
    responses: { 200: { description: 'The case', schema: referenceCaseSchema } },
    handler: async ({ params, body }, { ctx, actor }) => ({
      status: 200,
      body: await replaceCase(ctx, { ...body, caseId: params.caseId }, actor),
    }),
  }),
  route({
    method: 'delete',
    path: '/cases/{caseId}',
    operationId: 'removeCase',
    summary: 'Take a reference case out of the library',
    role: 'manager',
    request: { params: caseParams },
    responses: { 204: { description: 'Removed' } },
    handler: async ({ params }, { ctx }) => {
      await removeCase(ctx, params);
      return { status: 204 };
    },
  }),
];
