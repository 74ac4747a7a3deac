import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import { churnOf, correctKind, kindChanges } from './churns';
import type { WinbackConfig } from './config';
import { CHURN_KINDS, SIGNAL_KINDS } from './kinds';
import { completeStep, getPlaybook, listPlaybooks } from './playbook/playbooks';
import { winbackReport } from './report';
import {
  churnWithChangesSchema,
  playbookSchema,
  reportSchema,
  signalSchema,
} from './route-schemas';
import { recordSignal } from './signals';

const id = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be above 0')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

const signalInput = z.strictObject({
  customerId: id,
  kind: z.enum(SIGNAL_KINDS, { error: `must be one of ${SIGNAL_KINDS.join(', ')}` }),
  note: z.string().trim().max(2_000, 'must be at most 2000 characters').default(''),
});

const kindSchema = z.strictObject({
  kind: z.enum(CHURN_KINDS, { error: `must be one of ${CHURN_KINDS.join(', ')}` }),
  reason: z.string().trim().min(1, 'must say why').max(500, 'must be at most 500 characters'),
});

const doneSchema = z.strictObject({
  note: z.string().trim().max(2_000, 'must be at most 2000 characters').optional(),
});

const listSchema = z.strictObject({
  customerId: id.optional(),
  open: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

const customerParams = z.strictObject({ customerId: id });
const playbookParams = z.strictObject({ playbookId: id });

const route = definePluginRoute<WinbackConfig>();

/**
 * Served at /v1/teams/<team>/plugins/winback/: signals before churn, churn kinds and their
 * corrections, playbooks and their steps, and the win-back report.
 */
export const routes = [
  route({
    method: 'post',
    path: '/signals',
    operationId: 'recordSignal',
    summary: 'Record what a rep learned about a customer before or after they left',
    role: 'rep',
    request: { body: signalInput },
    responses: {
      201: { description: 'The signal', schema: z.strictObject({ signal: signalSchema }) },
    },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: { signal: await recordSignal(ctx, body, actor) },
    }),
  }),
  route({
    method: 'get',
    path: '/customers/{customerId}/kind',
    operationId: 'churnKind',
    summary: 'The kind of the customer’s latest churn, and its corrections',
    role: 'rep',
    request: { params: customerParams },
    responses: { 200: { description: 'The churn', schema: churnWithChangesSchema } },
    handler: async ({ params }, { ctx }) => {
      const churn = await churnOf(ctx, params.customerId);
      return { status: 200, body: { churn, changes: await kindChanges(ctx, churn.id) } };
    },
  }),
  route({
    method: 'put',
    path: '/customers/{customerId}/kind',
    operationId: 'correctChurnKind',
    summary: 'Correct the kind of the customer’s latest churn, saying why',
    role: 'rep',
    request: { params: customerParams, body: kindSchema },
    responses: { 200: { description: 'The churn', schema: churnWithChangesSchema } },
    handler: async ({ params, body }, { ctx, actor }) => {
      const churn = await correctKind(ctx, params.customerId, { ...body, actor });
      return { status: 200, body: { churn, changes: await kindChanges(ctx, churn.id) } };
    },
  }),
  route({
    method: 'get',
    path: '/playbooks',
    operationId: 'listPlaybooks',
    summary: 'Win-back playbooks, of one customer or open ones',
    role: 'rep',
    request: { query: listSchema },
    responses: {
      200: {
        description: 'The playbooks',
        schema: z.strictObject({ playbooks: z.array(playbookSchema) }),
      },
    },
    handler: async ({ query }, { ctx }) => {
      const open = query.open === undefined ? undefined : query.open === 'true';
      const filter = {
        ...(query.customerId === undefined ? {} : { customerId: query.customerId }),
      };
      const playbooks = await listPlaybooks(ctx, open === undefined ? filter : { ...filter, open });
      return { status: 200, body: { playbooks } };
    },
  }),
  route({
    method: 'get',
    path: '/playbooks/{playbookId}',
    operationId: 'getPlaybook',
    summary: 'A playbook and its steps',
    role: 'rep',
    request: { params: playbookParams },
    responses: {
      200: { description: 'The playbook', schema: z.strictObject({ playbook: playbookSchema }) },
    },
    handler: async ({ params }, { ctx }) => ({
      status: 200,
      body: { playbook: await getPlaybook(ctx, params.playbookId) },
    }),
  }),
  route({
    method: 'post',
    path: '/playbooks/{playbookId}/steps/{stepNo}/done',
    operationId: 'completeStep',
    summary: 'Mark a playbook step done, with a note',
    role: 'rep',
    request: {
      params: z.strictObject({ playbookId: id, stepNo: id }),
      body: doneSchema.optional(),
    },
    responses: {
      200: { description: 'The playbook', schema: z.strictObject({ playbook: playbookSchema }) },
    },
    handler: async ({ params, body }, { ctx, actor }) => {
      const note = body?.note;
      const playbook = await completeStep(ctx, params.playbookId, params.stepNo, {
        note: note === undefined || note === '' ? null : note,
        actor,
      });
      return { status: 200, body: { playbook } };
    },
  }),
  route({
    method: 'get',
    path: '/report',
    operationId: 'report',
    summary: 'Win-back rates by churn kind, tier and playbook',
    role: 'rep',
    responses: {
      200: { description: 'The report', schema: z.strictObject({ report: reportSchema }) },
    },
    handler: async (_input, { ctx }) => ({
      status: 200,
      body: { report: await winbackReport(ctx) },
    }),
  }),
];
