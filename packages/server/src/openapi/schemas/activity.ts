import { CHANNELS, type Interaction, type Order, type RecordOrdersResult } from '@guanxi/core';
import { z } from 'zod';
import { id, listOf, time } from './common';
import { stageEventSchema } from './customers';

export const orderSchema: z.ZodType<Order> = z
  .strictObject({
    id,
    teamId: id,
    customerId: id,
    externalId: z.string().nullable(),
    amount: z.number().int().meta({ description: 'In minor units (fen, cents)' }),
    cost: z.number().int().nullable(),
    currency: z.string(),
    placedAt: time,
    createdAt: time,
  })
  .meta({ id: 'Order' });

export const interactionSchema: z.ZodType<Interaction> = z
  .strictObject({
    id,
    teamId: id,
    customerId: id,
    channel: z.enum(CHANNELS),
    direction: z.enum(['inbound', 'outbound']),
    summary: z.string(),
    occurredAt: time,
    actor: z.string(),
    createdAt: time,
  })
  .meta({ id: 'Interaction' });

export const recordOrdersResultSchema: z.ZodType<RecordOrdersResult> = z
  .strictObject({
    recorded: listOf(orderSchema),
    duplicates: z
      .array(z.strictObject({ index: z.number().int(), externalId: z.string() }))
      .meta({ description: 'Inputs whose external id was already recorded: not recorded again' }),
    transitions: listOf(stageEventSchema),
  })
  .meta({ id: 'RecordOrdersResult' });
