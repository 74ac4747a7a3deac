import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import type { DevelopmentConfig } from '../config';
import {
  balanceInputSchema,
  checklistInputSchema,
  lossSchema,
  moveOpportunityInputSchema,
  openOpportunityInputSchema,
  updateOpportunityInputSchema,
  winOpportunityInputSchema,
} from '../opportunities/inputs';
import { balanceOf, getOpportunity, stageHistory } from '../opportunities/opportunity';
import {
  checkPoints,
  loseOpportunity,
  moveOpportunity,
  openOpportunity,
  setBalance,
  updateOpportunity,
  winOpportunity,
} from '../opportunities/store';
import { type Env, requireMayAssign, requireOwnerOf } from './access';
import { balanceSchema, opportunityDetailSchema, opportunitySchema } from './schemas';

const route = definePluginRoute<DevelopmentConfig>();

const params = z.strictObject({
  opportunityId: z.coerce.number().int().positive('must be an opportunity id'),
});

const without = { opportunityId: true } as const;

const closed = { 409: { description: 'The opportunity is already won or lost' } };

const notOwner = {
  403: { description: 'A rep changing an opportunity someone else owns (GX_ERR_FORBIDDEN)' },
};

type Change<I, R> = (ctx: Env['ctx'], input: I, actor: string) => Promise<R>;

/** A handler that lets the opportunity's owner (or a manager) make the change, answering 200. */
function byOwner<I extends { readonly opportunityId: number }, R>(change: Change<I, R>) {
  return async (
    input: {
      readonly params: { readonly opportunityId: number };
      readonly body: Omit<I, 'opportunityId'> | undefined;
    },
    env: Env,
  ) => {
    const { opportunityId } = input.params;
    await requireOwnerOf(env, opportunityId);
    // The body is the function's input less the id, which the path carries.
    const full = { ...input.body, opportunityId } as I;
    return { status: 200 as const, body: await change(env.ctx, full, env.actor) };
  };
}

/**
 * Opportunities at /v1/teams/<team>/plugins/development/opportunities: opened by a rep for
 * a customer, moved through the team's stages, won (recording the order) or lost; the three
 * points and the Franklin balance beside them. A rep changes the ones they own; a manager any.
 */
export const opportunityRoutes = [
  route({
    method: 'post',
    path: '/opportunities',
    operationId: 'openOpportunity',
    summary: 'Open an opportunity for a customer at the first stage (or the one given)',
    description:
      'The owner defaults to the caller; only a manager or admin opens one for someone else.',
    role: 'rep',
    request: {
      body: openOpportunityInputSchema.meta({
        examples: [
          {
            customerId: 42,
            title: 'Spring tea order',
            amount: 1_280_000,
            closeDay: '2025-04-30',
          },
        ],
      }),
    },
    responses: {
      201: { description: 'The opportunity', schema: opportunitySchema },
      403: { description: 'A rep opening one for someone else (GX_ERR_FORBIDDEN)' },
    },
    handler: async ({ body }, env) => {
      requireMayAssign(env, body.ownerUserId);
      return { status: 201, body: await openOpportunity(env.ctx, body, env.actor) };
    },
  }),
  route({
    method: 'get',
    path: '/opportunities/{opportunityId}',
    operationId: 'getOpportunity',
    summary: 'An opportunity with its stage history and Franklin balance',
    role: 'rep',
    request: { params },
    responses: { 200: { description: 'The opportunity', schema: opportunityDetailSchema } },
    handler: async ({ params }, { ctx }) => ({
      status: 200,
      body: {
        opportunity: await getOpportunity(ctx, params.opportunityId),
        history: await stageHistory(ctx, params.opportunityId),
        balance: await balanceOf(ctx, params.opportunityId),
      },
    }),
  }),
  route({
    method: 'patch',
    path: '/opportunities/{opportunityId}',
    operationId: 'updateOpportunity',
    summary: 'Change an open opportunity’s title, amount, currency, close day or owner',
    role: 'rep',
    request: { params, body: updateOpportunityInputSchema.omit(without) },
    responses: {
      ...notOwner,
      200: { description: 'The opportunity', schema: opportunitySchema },
      ...closed,
    },
    handler: async ({ params, body }, env) => {
      await requireOwnerOf(env, params.opportunityId);
      requireMayAssign(env, body.ownerUserId);
      return {
        status: 200,
        body: await updateOpportunity(
          env.ctx,
          { ...body, opportunityId: params.opportunityId },
          env.actor,
        ),
      };
    },
  }),
  route({
    method: 'post',
    path: '/opportunities/{opportunityId}/stage',
    operationId: 'moveOpportunity',
    summary: 'Move an open opportunity to another open stage, forwards or back',
    role: 'rep',
    request: {
      params,
      body: moveOpportunityInputSchema
        .omit(without)
        .meta({ examples: [{ stage: 'visit', note: 'Met the buyer and their manager' }] }),
    },
    responses: {
      ...notOwner,
      200: { description: 'The opportunity', schema: opportunitySchema },
      409: { description: 'Already won or lost, or already at that stage' },
    },
    handler: byOwner(moveOpportunity),
  }),
  route({
    method: 'post',
    path: '/opportunities/{opportunityId}/win',
    operationId: 'winOpportunity',
    summary: 'Win an opportunity: its order is recorded through the core',
    description:
      'The order takes the opportunity’s amount and currency unless given, and `opportunity-<id>` as its external id; the core then makes a potential, target or churned customer active.',
    role: 'rep',
    request: { params, body: winOpportunityInputSchema.omit(without).optional() },
    responses: {
      ...notOwner,
      200: { description: 'The won opportunity', schema: opportunitySchema },
      ...closed,
    },
    handler: byOwner(winOpportunity),
  }),
  route({
    method: 'post',
    path: '/opportunities/{opportunityId}/lose',
    operationId: 'loseOpportunity',
    summary: 'Lose an opportunity, with the reason and the competitor it went to',
    role: 'rep',
    request: {
      params,
      body: lossSchema.meta({ examples: [{ reason: 'competitor', competitor: 'Globex' }] }),
    },
    responses: {
      ...notOwner,
      200: { description: 'The lost opportunity', schema: opportunitySchema },
      ...closed,
    },
    handler: byOwner(loseOpportunity),
  }),
  route({
    method: 'patch',
    path: '/opportunities/{opportunityId}/checklist',
    operationId: 'checkPoints',
    summary: 'Tick or untick the three points of persuasion',
    role: 'rep',
    request: { params, body: checklistInputSchema.omit(without) },
    responses: {
      ...notOwner,
      200: { description: 'The opportunity', schema: opportunitySchema },
      ...closed,
    },
    handler: byOwner(checkPoints),
  }),
  route({
    method: 'put',
    path: '/opportunities/{opportunityId}/balance',
    operationId: 'setBalance',
    summary: 'Write the Franklin balance: the benefits of buying, the losses of not buying',
    role: 'rep',
    request: {
      params,
      body: balanceInputSchema.omit(without).meta({
        examples: [
          {
            benefits: ['Fresh stock every two weeks', 'Their own label at no extra cost'],
            losses: ['The spring price rise in April'],
          },
        ],
      }),
    },
    responses: {
      ...notOwner,
      200: { description: 'The balance', schema: balanceSchema },
    },
    handler: async ({ params, body }, env) => {
      await requireOwnerOf(env, params.opportunityId);
      await setBalance(env.ctx, { ...body, opportunityId: params.opportunityId }, env.actor);
      return { status: 200, body: await balanceOf(env.ctx, params.opportunityId) };
    },
  }),
];
