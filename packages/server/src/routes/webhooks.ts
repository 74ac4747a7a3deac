import { webhookInputSchema } from '@guanxi/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { actorOf, requireRole, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { validate } from '../validate';
import { idParam, teamParams } from './params';

const webhookParams = z.object({ teamId: idParam, webhookId: idParam });
const deliveryParams = webhookParams.extend({ outboxId: idParam });

/** Per-team webhook subscriptions and their delivery log. */
export function webhookRoutes(doc: ApiDoc) {
  const base = '/v1/teams/{teamId}/webhooks';
  doc.add({
    method: 'get',
    path: base,
    summary: 'Webhook subscriptions',
    tag: 'Webhooks',
    role: 'manager',
  });
  doc.add({
    method: 'post',
    path: base,
    summary: 'Subscribe a URL to events; the signing secret is in the answer',
    tag: 'Webhooks',
    role: 'admin',
    body: webhookInputSchema,
    status: 201,
  });
  doc.add({
    method: 'get',
    path: `${base}/{webhookId}`,
    summary: 'A subscription with its signing secret',
    tag: 'Webhooks',
    role: 'admin',
  });
  doc.add({
    method: 'delete',
    path: `${base}/{webhookId}`,
    summary: 'Stop sending to a subscription',
    tag: 'Webhooks',
    role: 'admin',
  });
  doc.add({
    method: 'get',
    path: `${base}/{webhookId}/deliveries`,
    summary: 'Delivery attempts, newest first',
    tag: 'Webhooks',
    role: 'manager',
  });
  doc.add({
    method: 'post',
    path: `${base}/{webhookId}/rotate-secret`,
    summary: 'A new signing secret, in the answer; the old one also signs for 24 hours',
    tag: 'Webhooks',
    role: 'admin',
  });
  doc.add({
    method: 'post',
    path: `${base}/{webhookId}/enable`,
    summary: 'Send to a deactivated or disabled subscription again',
    tag: 'Webhooks',
    role: 'admin',
  });
  doc.add({
    method: 'post',
    path: `${base}/{webhookId}/deliveries/{outboxId}/resend`,
    summary: 'Send a delivered or failed message again, under the same webhook-id',
    tag: 'Webhooks',
    role: 'admin',
    status: 202,
  });

  return new Hono<AppEnv>()
    .get(
      '/teams/:teamId/webhooks',
      requireRole('manager'),
      validate('param', teamParams),
      async (c) => {
        return c.json({ webhooks: await c.var.core.webhooks.list(teamIdOf(c)) });
      },
    )
    .post(
      '/teams/:teamId/webhooks',
      requireRole('admin'),
      validate('param', teamParams),
      validate('json', webhookInputSchema),
      async (c) => {
        return c.json(
          await c.var.core.webhooks.create(teamIdOf(c), c.req.valid('json'), actorOf(c)),
          201,
        );
      },
    )
    .get(
      '/teams/:teamId/webhooks/:webhookId',
      requireRole('admin'),
      validate('param', webhookParams),
      async (c) => {
        return c.json(await c.var.core.webhooks.get(teamIdOf(c), c.req.valid('param').webhookId));
      },
    )
    .delete(
      '/teams/:teamId/webhooks/:webhookId',
      requireRole('admin'),
      validate('param', webhookParams),
      async (c) => {
        return c.json(
          await c.var.core.webhooks.deactivate(
            teamIdOf(c),
            c.req.valid('param').webhookId,
            actorOf(c),
          ),
        );
      },
    )
    .get(
      '/teams/:teamId/webhooks/:webhookId/deliveries',
      requireRole('manager'),
      validate('param', webhookParams),
      async (c) => {
        return c.json({
          deliveries: await c.var.core.webhooks.deliveries(
            teamIdOf(c),
            c.req.valid('param').webhookId,
          ),
        });
      },
    )
    .post(
      '/teams/:teamId/webhooks/:webhookId/rotate-secret',
      requireRole('admin'),
      validate('param', webhookParams),
      async (c) => {
        const { webhookId } = c.req.valid('param');
        return c.json(await c.var.core.webhooks.rotateSecret(teamIdOf(c), webhookId, actorOf(c)));
      },
    )
    .post(
      '/teams/:teamId/webhooks/:webhookId/enable',
      requireRole('admin'),
      validate('param', webhookParams),
      async (c) => {
        const { webhookId } = c.req.valid('param');
        return c.json(await c.var.core.webhooks.enable(teamIdOf(c), webhookId, actorOf(c)));
      },
    )
    .post(
      '/teams/:teamId/webhooks/:webhookId/deliveries/:outboxId/resend',
      requireRole('admin'),
      validate('param', deliveryParams),
      async (c) => {
        const { webhookId, outboxId } = c.req.valid('param');
        const resent = await c.var.core.webhooks.resend(
          teamIdOf(c),
          webhookId,
          outboxId,
          actorOf(c),
        );
        return c.json(resent, 202);
      },
    );
}
