import type { DeliveryLogEntry, Webhook, WebhookWithSecret } from '@guanxi/core';
import { z } from 'zod';
import { id, listOf, time } from './common';

const webhookObject = z.strictObject({
  id,
  teamId: id,
  url: z.string(),
  events: listOf(z.string()).meta({ description: 'Hook names whose events are sent' }),
  active: z.boolean(),
  createdAt: time,
});

export const webhookSchema: z.ZodType<Webhook> = webhookObject.meta({ id: 'Webhook' });

export const webhookWithSecretSchema: z.ZodType<WebhookWithSecret> = webhookObject
  .extend({ secret: z.string().meta({ description: 'Signs every delivery' }) })
  .meta({ id: 'WebhookWithSecret' });

export const deliverySchema: z.ZodType<DeliveryLogEntry> = z
  .strictObject({
    outboxId: id,
    attempt: z.number().int(),
    status: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number(),
    at: time,
  })
  .meta({ id: 'Delivery', description: 'One delivery attempt' });
