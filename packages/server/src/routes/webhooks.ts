import { webhookInputSchema } from '@guanxi/core';
import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import { body, defineRoute, json } from '../openapi/define-route';
import { listOf } from '../openapi/schemas/common';
import {
  deliverySchema,
  resentDeliverySchema,
  webhookSchema,
  webhookWithSecretSchema,
} from '../openapi/schemas/webhooks';
import { routesApp } from '../validate';
import { idParam, teamParams } from './params';

const webhookParams = z.object({ teamId: idParam, webhookId: idParam });
const deliveryParams = webhookParams.extend({ outboxId: idParam });

export const webhookDefinitions = {
  list: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/webhooks',
    operationId: 'listWebhooks',
    summary: 'Webhook subscriptions',
    tags: ['Webhooks'],
    role: 'manager',
    request: { params: teamParams },
    responses: {
      200: json('The subscriptions', z.strictObject({ webhooks: listOf(webhookSchema) })),
    },
  }),
  create: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/webhooks',
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events; the signing secret is in the answer',
    tags: ['Webhooks'],
    role: 'admin',
    request: { params: teamParams, body: body(webhookInputSchema) },
    responses: { 201: json('The subscription with its secret', webhookWithSecretSchema) },
  }),
  get: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/webhooks/{webhookId}',
    operationId: 'getWebhook',
    summary: 'A subscription with its signing secret',
    tags: ['Webhooks'],
    role: 'admin',
    request: { params: webhookParams },
    responses: { 200: json('The subscription with its secret', webhookWithSecretSchema) },
  }),
  deactivate: defineRoute({
    method: 'delete',
    path: '/teams/{teamId}/webhooks/{webhookId}',
    operationId: 'deactivateWebhook',
    summary: 'Stop sending to a subscription',
    tags: ['Webhooks'],
    role: 'admin',
    request: { params: webhookParams },
    responses: { 200: json('The subscription, inactive', webhookSchema) },
  }),
  deliveries: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/webhooks/{webhookId}/deliveries',
    operationId: 'listDeliveries',
    summary: 'Delivery attempts, newest first',
    tags: ['Webhooks'],
    role: 'manager',
    request: { params: webhookParams },
    responses: {
      200: json('The attempts', z.strictObject({ deliveries: listOf(deliverySchema) })),
    },
  }),
  rotateSecret: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/webhooks/{webhookId}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret, in the answer; the old one also signs for 24 hours',
    tags: ['Webhooks'],
    role: 'admin',
    request: { params: webhookParams },
    responses: { 200: json('The subscription with its new secret', webhookWithSecretSchema) },
  }),
  enable: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/webhooks/{webhookId}/enable',
    operationId: 'enableWebhook',
    summary: 'Send to a deactivated or disabled subscription again',
    tags: ['Webhooks'],
    role: 'admin',
    request: { params: webhookParams },
    responses: { 200: json('The subscription, active', webhookSchema) },
  }),
  resend: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/webhooks/{webhookId}/deliveries/{outboxId}/resend',
    operationId: 'resendDelivery',
    summary: 'Send a delivered or failed message again, under the same webhook-id',
    tags: ['Webhooks'],
    role: 'admin',
    request: { params: deliveryParams },
    responses: {
      202: json('The message, queued again', resentDeliverySchema),
      409: { description: 'The subscription is not active: enable it first' },
    },
  }),
};

const d = webhookDefinitions;

/** Per-team webhook subscriptions and their delivery log. */
export function webhookRoutes() {
  return routesApp()
    .openapi(d.list, async (c) => {
      return c.json({ webhooks: await c.var.core.webhooks.list(teamIdOf(c)) }, 200);
    })
    .openapi(d.create, async (c) => {
      return c.json(
        await c.var.core.webhooks.create(teamIdOf(c), c.req.valid('json'), actorOf(c)),
        201,
      );
    })
    .openapi(d.get, async (c) => {
      return c.json(
        await c.var.core.webhooks.get(teamIdOf(c), c.req.valid('param').webhookId),
        200,
      );
    })
    .openapi(d.deactivate, async (c) => {
      return c.json(
        await c.var.core.webhooks.deactivate(
          teamIdOf(c),
          c.req.valid('param').webhookId,
          actorOf(c),
        ),
        200,
      );
    })
    .openapi(d.deliveries, async (c) => {
      const deliveries = await c.var.core.webhooks.deliveries(
        teamIdOf(c),
        c.req.valid('param').webhookId,
      );
      return c.json({ deliveries }, 200);
    })
    .openapi(d.rotateSecret, async (c) => {
      const { webhookId } = c.req.valid('param');
      return c.json(
        await c.var.core.webhooks.rotateSecret(teamIdOf(c), webhookId, actorOf(c)),
        200,
      );
    })
    .openapi(d.enable, async (c) => {
      const { webhookId } = c.req.valid('param');
      return c.json(await c.var.core.webhooks.enable(teamIdOf(c), webhookId, actorOf(c)), 200);
    })
    .openapi(d.resend, async (c) => {
      const { webhookId, outboxId } = c.req.valid('param');
      const resent = await c.var.core.webhooks.resend(teamIdOf(c), webhookId, outboxId, actorOf(c));
      return c.json(resent, 202);
    });
}
