import type { DeliveryLogEntry, ResentDelivery, Webhook, WebhookWithSecret } from '@guanxi/core';
import { z } from 'zod';
import { id, listOf, time } from './common';

const webhookObject = z.strictObject({
  id,
  teamId: id,
  url: z.string(),
  events: listOf(z.string()).meta({ description: 'Hook names whose events are sent' }),
  active: z.boolean(),
  createdAt: time,
  disabledReason: z.enum(['deactivated', 'failing']).nullable().meta({
    description:
      'Why it is inactive: `deactivated` by an admin, or `failing` (every attempt failed for five days); null while active',
  }),
  disabledAt: time.nullable(),
  failingSince: time.nullable().meta({
    description: 'When the first of the failed attempts since the last delivered one was made',
  }),
  previousSecretExpiresAt: time.nullable().meta({
    description:
      'Until when the secret the last rotation replaced still signs; null when none does',
  }),
});

export const webhookSchema: z.ZodType<Webhook> = webhookObject.meta({ id: 'Webhook' });

export const webhookWithSecretSchema: z.ZodType<WebhookWithSecret> = webhookObject
  .extend({
    secret: z.string().meta({
      description: 'Signs every delivery (Standard Webhooks: `whsec_` and base64 key bytes)',
    }),
  })
  .meta({ id: 'WebhookWithSecret' });

export const deliverySchema: z.ZodType<DeliveryLogEntry> = z
  .strictObject({
    outboxId: id,
    messageId: z.string().meta({ description: 'The `webhook-id`, kept by retries and resends' }),
    attempt: z.number().int(),
    status: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number(),
    at: time,
  })
  .meta({ id: 'Delivery', description: 'One delivery attempt' });

export const resentDeliverySchema: z.ZodType<ResentDelivery> = z
  .strictObject({ outboxId: id, messageId: z.string() })
  .meta({ id: 'ResentDelivery', description: 'The new outbox entry, under the same webhook-id' });
