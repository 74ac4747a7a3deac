import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import type { DevelopmentConfig } from '../config';
import {
  forecast,
  lostReasons,
  pipeline,
  stageConversion,
  winRateBySource,
} from '../opportunities/reports';
import { agentFeeCustomerSchema, agentFeesDue, settleAgentFee } from '../sources/agent-fees';
import { centresOfInfluence } from '../sources/referrals';
import { sourcesReport } from '../sources/report';
import {
  agentFeesSchema,
  centresSchema,
  conversionSchema,
  forecastSchema,
  lostReasonsSchema,
  pipelineSchema,
  sourcesReportSchema,
  winRatesSchema,
} from './schemas';

const route = definePluginRoute<DevelopmentConfig>();

/**
 * Managers' reports at /v1/teams/<team>/plugins/development/reports/…: the pipeline, the
 * conversion between stages, win rate by source, lost reasons, the forecast, the sources and
 * their centres of influence; and the agents' fees to pay.
 */
export const reportRoutes = [
  route({
    method: 'get',
    path: '/reports/pipeline',
    operationId: 'pipeline',
    summary: 'Open opportunities by stage, for the team and per owner',
    role: 'manager',
    request: {
      query: z.strictObject({
        ownerUserId: z.coerce.number().optional().meta({ description: 'One owner’s only' }),
      }),
    },
    responses: { 200: { description: 'The pipeline', schema: pipelineSchema } },
    handler: async ({ query }, { ctx }) => ({
      status: 200,
      body: await pipeline(
        ctx,
        query.ownerUserId === undefined ? {} : { ownerUserId: query.ownerUserId },
      ),
    }),
  }),
  route({
    method: 'get',
    path: '/reports/conversion',
    operationId: 'stageConversion',
    summary: 'How many opportunities reached each stage and went on to the next',
    role: 'manager',
    responses: { 200: { description: 'Conversion between stages', schema: conversionSchema } },
    handler: async (_input, { ctx }) => ({ status: 200, body: await stageConversion(ctx) }),
  }),
  route({
    method: 'get',
    path: '/reports/win-rate',
    operationId: 'winRateBySource',
    summary: 'Won ÷ closed opportunities by the customers’ source',
    role: 'manager',
    responses: { 200: { description: 'Win rate by source', schema: winRatesSchema } },
    handler: async (_input, { ctx }) => ({
      status: 200,
      body: { sources: await winRateBySource(ctx) },
    }),
  }),
  route({
    method: 'get',
    path: '/reports/lost-reasons',
    operationId: 'lostReasons',
    summary: 'Lost opportunities by reason, with the competitors they went to',
    role: 'manager',
    responses: { 200: { description: 'Lost reasons', schema: lostReasonsSchema } },
    handler: async (_input, { ctx }) => ({
      status: 200,
      body: { reasons: await lostReasons(ctx) },
    }),
  }),
  route({
    method: 'get',
    path: '/reports/forecast',
    operationId: 'forecast',
    summary: 'Open opportunities weighted by their stage’s probability, by month of close',
    role: 'manager',
    responses: { 200: { description: 'The forecast', schema: forecastSchema } },
    handler: async (_input, { ctx }) => ({ status: 200, body: await forecast(ctx) }),
  }),
  route({
    method: 'get',
    path: '/reports/sources',
    operationId: 'sourcesReport',
    summary: 'Customers, conversion, revenue and margin by source',
    role: 'manager',
    responses: { 200: { description: 'The sources', schema: sourcesReportSchema } },
    handler: async (_input, { ctx }) => ({ status: 200, body: await sourcesReport(ctx) }),
  }),
  route({
    method: 'get',
    path: '/reports/centres-of-influence',
    operationId: 'centresOfInfluence',
    summary: 'Customers whose referrals bring many others, most referrals first',
    role: 'manager',
    responses: { 200: { description: 'The centres of influence', schema: centresSchema } },
    handler: async (_input, { ctx }) => ({
      status: 200,
      body: { centres: await centresOfInfluence(ctx) },
    }),
  }),
  route({
    method: 'get',
    path: '/agent-fees',
    operationId: 'agentFeesDue',
    summary: 'The agents’ fees owed and not yet paid, by agent',
    role: 'manager',
    responses: { 200: { description: 'The fees due', schema: agentFeesSchema } },
    handler: async (_input, { ctx }) => ({
      status: 200,
      body: { agents: await agentFeesDue(ctx) },
    }),
  }),
  route({
    method: 'post',
    path: '/agent-fees/{customerId}/paid',
    operationId: 'settleAgentFee',
    summary: 'Mark the fee owed for a customer the agent brought as paid',
    role: 'manager',
    request: { params: agentFeeCustomerSchema },
    responses: { 204: { description: 'Paid' } },
    handler: async ({ params }, { ctx, actor }) => {
      await settleAgentFee(ctx, params, actor);
      return { status: 204 };
    },
  }),
];
