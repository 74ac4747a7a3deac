import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';
import { adjust, adjustmentInputSchema } from '../adjustments';
import { bonusInputSchema, grantBonus } from '../bonuses';
import type { LoyaltyConfig } from '../config';
import { redeem, redemptionInputSchema } from '../redemptions';
import { refundInputSchema, refundOrder } from '../refunds';
import {
  createReward,
  listRewards,
  rewardInputSchema,
  rewardPatchSchema,
  updateReward,
} from '../rewards';
import { attitudeInputSchema, discountInputSchema, flagDiscount, recordAttitude } from '../signals';
import {
  bonusSchema,
  entrySchema,
  redemptionSchema,
  refundSchema,
  rewardSchema,
  statementSchema,
} from './schemas';
import { statement } from './statement';

const route = definePluginRoute<LoyaltyConfig>();

const id = z.coerce.number().int().positive();

const replayed = (what: string) => ({ description: `${what} already, with this key: the first` });

/**
 * The loyalty programme at /v1/teams/<team>/plugins/loyalty/: the rewards catalogue (kept by
 * admins), redemptions, refunds, bonuses, adjustments, discount flags and attitude surveys,
 * and each customer's statement.
 */
export const routes = [
  route({
    method: 'get',
    path: '/rewards',
    operationId: 'listRewards',
    summary: 'The rewards catalogue',
    role: 'rep',
    request: { query: z.object({ all: z.enum(['true', 'false']).optional() }) },
    responses: {
      200: {
        description: 'Active rewards, or all with `all=true`',
        schema: z.strictObject({ rewards: z.array(rewardSchema) }),
      },
    },
    handler: async ({ query }, { ctx }) => ({
      status: 200,
      body: { rewards: await listRewards(ctx, { all: query.all === 'true' }) },
    }),
  }),
  route({
    method: 'post',
    path: '/rewards',
    operationId: 'createReward',
    summary: 'Add a reward to the catalogue',
    role: 'admin',
    request: { body: rewardInputSchema },
    responses: {
      201: { description: 'The reward', schema: z.strictObject({ reward: rewardSchema }) },
    },
    handler: async ({ body }, { ctx }) => ({
      status: 201,
      body: { reward: await createReward(ctx, body) },
    }),
  }),
  route({
    method: 'patch',
    path: '/rewards/{rewardId}',
    operationId: 'updateReward',
    summary: 'Change a reward',
    role: 'admin',
    request: { params: z.strictObject({ rewardId: id }), body: rewardPatchSchema },
    responses: {
      200: { description: 'The reward', schema: z.strictObject({ reward: rewardSchema }) },
    },
    handler: async ({ params, body }, { ctx }) => ({
      status: 200,
      body: { reward: await updateReward(ctx, params.rewardId, body) },
    }),
  }),
  route({
    method: 'post',
    path: '/redemptions',
    operationId: 'redeem',
    summary: 'Redeem a reward for a customer; the same idempotency key again is not a second debit',
    role: 'rep',
    request: { body: redemptionInputSchema },
    responses: {
      200: { ...replayed('Redeemed'), schema: z.strictObject({ redemption: redemptionSchema }) },
      201: {
        description: 'The redemption',
        schema: z.strictObject({ redemption: redemptionSchema }),
      },
      409: { description: 'Too few points, out of stock, or the key used for another' },
    },
    handler: async ({ body }, { ctx, actor }) => {
      const result = await redeem(ctx, body, actor);
      return { status: result.replayed ? 200 : 201, body: { redemption: result.redemption } };
    },
  }),
  route({
    method: 'post',
    path: '/refunds',
    operationId: 'refund',
    summary: 'Take back the points a refunded order earned',
    role: 'rep',
    request: { body: refundInputSchema },
    responses: {
      200: { description: 'Refunded already: the first refund', schema: refundSchema },
      201: { description: 'The refund', schema: refundSchema },
    },
    handler: async ({ body }, { ctx, actor }) => {
      const result = await refundOrder(ctx, body, actor);
      return { status: result.replayed ? 200 : 201, body: result };
    },
  }),
  route({
    method: 'post',
    path: '/bonuses',
    operationId: 'grantBonus',
    summary: 'Grant the referral or birthday bonus, once per customer and reference',
    role: 'rep',
    request: { body: bonusInputSchema },
    responses: {
      200: { description: 'Granted already for this reference', schema: bonusSchema },
      201: { description: 'The bonus', schema: bonusSchema },
    },
    handler: async ({ body }, { ctx, actor }) => {
      const result = await grantBonus(ctx, body, actor);
      return { status: result.replayed ? 200 : 201, body: result };
    },
  }),
  route({
    method: 'post',
    path: '/adjustments',
    operationId: 'adjustPoints',
    summary: 'Correct a balance by hand',
    role: 'manager',
    request: { body: adjustmentInputSchema },
    responses: {
      201: { description: 'The ledger entry', schema: z.strictObject({ entry: entrySchema }) },
    },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: { entry: await adjust(ctx, body, actor) },
    }),
  }),
  route({
    method: 'post',
    path: '/orders/{orderId}/discount',
    operationId: 'flagDiscount',
    summary: 'Flag an order as sold at a discount, or not',
    role: 'rep',
    request: {
      params: z.strictObject({ orderId: id }),
      body: discountInputSchema.omit({ orderId: true }).optional(),
    },
    responses: {
      201: {
        description: 'The flag',
        schema: z.strictObject({ orderId: id, customerId: id, discounted: z.boolean() }),
      },
    },
    handler: async ({ params, body }, { ctx }) => ({
      status: 201,
      body: await flagDiscount(ctx, { ...body, orderId: params.orderId }),
    }),
  }),
  route({
    method: 'post',
    path: '/attitudes',
    operationId: 'recordAttitude',
    summary: 'Record a customer’s survey attitude, 1 (hostile) to 5 (devoted)',
    role: 'rep',
    request: { body: attitudeInputSchema },
    responses: {
      201: {
        description: 'The attitude',
        schema: z.strictObject({ customerId: id, score: z.number().int() }),
      },
    },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: await recordAttitude(ctx, body, actor),
    }),
  }),
  route({
    method: 'get',
    path: '/customers/{customerId}',
    operationId: 'statement',
    summary: 'A customer’s balance, level and latest ledger entries',
    role: 'rep',
    request: { params: z.strictObject({ customerId: id }) },
    responses: { 200: { description: 'The statement', schema: statementSchema } },
    handler: async ({ params }, { ctx }) => ({
      status: 200,
      body: await statement(ctx, params.customerId),
    }),
  }),
];
