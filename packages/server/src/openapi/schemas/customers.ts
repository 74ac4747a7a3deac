import {
  type Customer,
  type CustomerFacts,
  type CustomerPage,
  type CustomerWithIdentities,
  FACT_SOURCES,
  RELATIONSHIP_STAGES,
  STAGES,
  type StageEvent,
} from '@guanxi/core';
import { z } from 'zod';
import { id, listOf, time } from './common';

const attributeFact = z
  .strictObject({
    value: z.unknown().pipe(z.json()).meta({ description: 'Any JSON value' }),
    source: z.enum(FACT_SOURCES),
    recordedAt: time,
  })
  .meta({ id: 'AttributeFact', description: 'One fact about a customer and where it came from' });

const customerObject = z.strictObject({
  id,
  teamId: id,
  kind: z.enum(['person', 'company']),
  name: z.string(),
  stage: z.enum(STAGES),
  relationshipStage: z.enum(RELATIONSHIP_STAGES).nullable(),
  companyId: id.nullable(),
  ownerUserId: id.nullable(),
  externalRef: z.string().nullable(),
  attributes: z.record(z.string(), attributeFact),
  version: z.number().int(),
  createdAt: time,
  updatedAt: time,
  stageChangedAt: time,
});

export const customerSchema: z.ZodType<Customer> = customerObject.meta({ id: 'Customer' });

export const customerWithIdentitiesSchema: z.ZodType<CustomerWithIdentities> = customerObject
  .extend({
    identities: listOf(
      z.strictObject({
        customerId: id,
        kind: z.enum(['email', 'domain', 'phone']),
        value: z.string(),
      }),
    ),
  })
  .meta({
    id: 'CustomerWithIdentities',
    description: 'A customer with their e-mails, domains and phones',
  });

export const customerPageSchema: z.ZodType<CustomerPage> = z
  .strictObject({
    items: listOf(customerSchema),
    next: id
      .nullable()
      .meta({ description: 'Pass as `after` for the next page; null on the last' }),
  })
  .meta({ id: 'CustomerPage' });

export const factsSchema: z.ZodType<CustomerFacts> = z
  .strictObject({
    customerId: id,
    teamId: id,
    firstOrderAt: time.nullable(),
    lastOrderAt: time.nullable(),
    orderCount: z.number().int(),
    revenue: z.number().int().meta({ description: 'In minor units (fen, cents)' }),
    margin: z.number().int().meta({ description: 'Amount less cost over orders with a cost' }),
    lastInteractionAt: time.nullable(),
    interactionCount: z.number().int(),
    updatedAt: time,
  })
  .meta({
    id: 'CustomerFacts',
    description: 'Order and contact aggregates',
  });

export const stageEventSchema: z.ZodType<StageEvent> = z
  .strictObject({
    id,
    teamId: id,
    customerId: id,
    from: z.enum(STAGES).nullable(),
    to: z.enum(STAGES),
    reason: z.string(),
    actor: z.string(),
    cause: z.enum(['manual', 'order', 'created']),
    occurredAt: time,
  })
  .meta({ id: 'StageEvent', description: 'A move from one lifecycle stage to another' });
