import type { CustomerExport, ErasureSummary } from '@guanxi/core';
import { z } from 'zod';
import { interactionSchema, orderSchema } from './activity';
import { id, listOf, time } from './common';
import { customerWithIdentitiesSchema, factsSchema, stageEventSchema } from './customers';
import { auditEntrySchema } from './plugins';

const counts = z.record(z.string(), z.number().int());

export const customerExportSchema: z.ZodType<CustomerExport> = z
  .strictObject({
    teamId: id,
    customerId: id,
    exportedAt: time,
    core: z.strictObject({
      customer: customerWithIdentitiesSchema,
      facts: factsSchema,
      orders: listOf(orderSchema),
      interactions: listOf(interactionSchema),
      stageEvents: listOf(stageEventSchema),
      audit: listOf(auditEntrySchema),
      webhookEvents: listOf(
        z.strictObject({
          id,
          webhookId: id,
          event: z.string(),
          items: listOf(z.unknown()),
          createdAt: time,
          deliveredAt: time.nullable(),
          failedAt: time.nullable(),
        }),
      ),
      hookFailures: listOf(
        z.strictObject({
          id,
          pluginId: z.string(),
          hook: z.string(),
          items: listOf(z.unknown()),
          createdAt: time,
          replayedAt: time.nullable(),
        }),
      ),
    }),
    plugins: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .meta({ description: "Each installed plugin's part, by plugin id" }),
    uncovered: z
      .array(z.string())
      .meta({ description: 'Installed plugins that say nothing about what they store' }),
  })
  .meta({
    id: 'CustomerExport',
    description: 'Everything stored about one customer',
  });

export const erasureSummarySchema: z.ZodType<ErasureSummary> = z
  .strictObject({
    teamId: id,
    customerId: id,
    actor: z.string(),
    erasedAt: time,
    core: counts,
    plugins: z.record(z.string(), counts),
    uncovered: listOf(z.string()),
  })
  .meta({
    id: 'ErasureSummary',
    description: 'How many rows of each kind an erasure changed; no erased value',
  });
