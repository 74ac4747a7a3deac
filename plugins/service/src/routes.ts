import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import { listSchema, openComplaintSchema, stepSchema } from './complaints/inputs';
import { getComplaint, listComplaints, openComplaint, stepComplaint } from './complaints/store';
import type { ServiceConfig } from './config';
import { customerMeasures, teamMeasures } from './measures/measures';
import {
  complaintPageSchema,
  complaintSchema,
  customerMeasuresSchema,
  surveySchema,
  teamMeasuresSchema,
} from './route-schemas';
import { surveySchema as surveyInputSchema } from './surveys/inputs';
import { recordSurvey } from './surveys/store';

const route = definePluginRoute<ServiceConfig>();

const complaintParams = z.strictObject({
  id: z.coerce.number().int().positive('must be a complaint id'),
});

/**
 * Complaints, surveys and satisfaction measures, served at
 * /v1/teams/<team>/plugins/service/ to every member of the team.
 */
export const routes = [
  route({
    method: 'post',
    path: '/complaints',
    operationId: 'openComplaint',
    summary: 'Open a complaint; its response time follows the customer’s tier',
    role: 'rep',
    request: { body: openComplaintSchema },
    responses: { 201: { description: 'The complaint', schema: complaintSchema } },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: await openComplaint(ctx, body, actor),
    }),
  }),
  route({
    method: 'get',
    path: '/complaints',
    operationId: 'listComplaints',
    summary: 'The team’s complaints, newest first',
    role: 'rep',
    request: { query: listSchema },
    responses: { 200: { description: 'A page of complaints', schema: complaintPageSchema } },
    handler: async ({ query }, { ctx }) => ({
      status: 200,
      body: await listComplaints(ctx, query),
    }),
  }),
  route({
    method: 'get',
    path: '/complaints/{id}',
    operationId: 'getComplaint',
    summary: 'A complaint with its steps',
    role: 'rep',
    request: { params: complaintParams },
    responses: { 200: { description: 'The complaint', schema: complaintSchema } },
    handler: async ({ params }, { ctx }) => ({
      status: 200,
      body: await getComplaint(ctx, params.id),
    }),
  }),
  route({
    method: 'post',
    path: '/complaints/{id}/steps',
    operationId: 'stepComplaint',
    summary: 'Move a complaint to its next step',
    role: 'rep',
    request: { params: complaintParams, body: stepSchema },
    responses: {
      200: { description: 'The complaint', schema: complaintSchema },
      409: { description: 'Not a step the complaint can take now' },
    },
    handler: async ({ params, body }, { ctx, actor }) => ({
      status: 200,
      body: await stepComplaint(ctx, params.id, body, actor),
    }),
  }),
  route({
    method: 'post',
    path: '/surveys',
    operationId: 'recordSurvey',
    summary: 'Record a survey answer: CSAT 1–5 or NPS 0–10, with relationship items',
    role: 'rep',
    request: { body: surveyInputSchema },
    responses: { 201: { description: 'The answer', schema: surveySchema } },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: await recordSurvey(ctx, body, actor),
    }),
  }),
  route({
    method: 'get',
    path: '/measures',
    operationId: 'measures',
    summary: 'Satisfaction and relationship quality of the team, or of one customer',
    role: 'rep',
    request: {
      query: z.strictObject({
        customerId: z.coerce.number().int().positive('must be a customer id').optional(),
      }),
    },
    responses: {
      200: {
        description: 'The team’s measures, or the customer’s with `customerId`',
        schema: z.union([teamMeasuresSchema, customerMeasuresSchema]),
      },
    },
    handler: async ({ query }, { ctx }) => ({
      status: 200,
      body:
        query.customerId === undefined
          ? await teamMeasures(ctx)
          : await customerMeasures(ctx, query.customerId),
    }),
  }),
];
