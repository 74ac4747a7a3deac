import {
  GuanxiError,
  type PluginRouteEnv,
  parseInput,
  type Role,
  readJsonBody,
} from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { adjust } from '../adjustments';
import { grantBonus } from '../bonuses';
import type { LoyaltyConfig } from '../config';
import { redeem } from '../redemptions';
import { refundOrder } from '../refunds';
import { CATALOGUE_ROLES, createReward, listRewards, updateReward } from '../rewards';
import { flagDiscount, recordAttitude } from '../signals';
import { statement } from './statement';

type Env = { Bindings: PluginRouteEnv<LoyaltyConfig> };

const idParam = z.coerce.number().int().positive();

const bodyOf = (c: Context<Env>) => readJsonBody(c.req.raw);

function requireRole(c: Context<Env>, roles: readonly Role[], what: string): void {
  if (!roles.includes(c.env.role)) {
    throw new GuanxiError('GX_ERR_FORBIDDEN', `Only ${roles.join(' or ')} may ${what}`, {
      details: { role: c.env.role },
    });
  }
}

/**
 * The loyalty programme at /v1/teams/<team>/plugins/loyalty/: the rewards catalogue (kept by
 * managers and admins), redemptions, refunds, bonuses, adjustments, discount flags and attitude surveys,
 * and each customer's statement.
 */
export const routes = new Hono<Env>()
  .get('/rewards', async (c) => {
    const all = c.req.query('all') === 'true';
    return c.json({ rewards: await listRewards(c.env.ctx, { all }) });
  })
  .post('/rewards', async (c) => {
    requireRole(c, CATALOGUE_ROLES, 'add rewards');
    return c.json({ reward: await createReward(c.env.ctx, await bodyOf(c)) }, 201);
  })
  .patch('/rewards/:rewardId', async (c) => {
    requireRole(c, CATALOGUE_ROLES, 'change rewards');
    const rewardId = parseInput(idParam, c.req.param('rewardId'), ['rewardId']);
    return c.json({ reward: await updateReward(c.env.ctx, rewardId, await bodyOf(c)) });
  })
  .post('/redemptions', async (c) => {
    const result = await redeem(c.env.ctx, await bodyOf(c), c.env.actor);
    return c.json({ redemption: result.redemption }, result.replayed ? 200 : 201);
  })
  .post('/refunds', async (c) => {
    const result = await refundOrder(c.env.ctx, await bodyOf(c), c.env.actor);
    return c.json(result, result.replayed ? 200 : 201);
  })
  .post('/bonuses', async (c) => {
    const result = await grantBonus(c.env.ctx, await bodyOf(c), c.env.actor);
    return c.json(result, result.replayed ? 200 : 201);
  })
  .post('/adjustments', async (c) => {
    requireRole(c, ['admin', 'manager'], 'adjust points');
    return c.json({ entry: await adjust(c.env.ctx, await bodyOf(c), c.env.actor) }, 201);
  })
  .post('/orders/:orderId/discount', async (c) => {
    const orderId = parseInput(idParam, c.req.param('orderId'), ['orderId']);
    const body = c.req.header('content-length') === '0' ? {} : await bodyOf(c);
    const input = typeof body === 'object' && body !== null ? { ...body, orderId } : body;
    return c.json(await flagDiscount(c.env.ctx, input), 201);
  })
  .post('/attitudes', async (c) => {
    return c.json(await recordAttitude(c.env.ctx, await bodyOf(c), c.env.actor), 201);
  })
  .get('/customers/:customerId', async (c) => {
    const customerId = parseInput(idParam, c.req.param('customerId'), ['customerId']);
    return c.json(await statement(c.env.ctx, customerId));
  })
  .onError((error) => {
    throw error;
  });
