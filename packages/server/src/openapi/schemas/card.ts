import { type AnyPlugin, STAGES } from '@guanxi/core';
import { z } from 'zod';
import { interactionSchema, orderSchema } from './activity';
import { id, listOf, time } from './common';
import { customerWithIdentitiesSchema, factsSchema } from './customers';
import { localeSchema } from './teams';

const nextBestAction = {
  label: z.string(),
  reason: z.string(),
  priority: z.number().meta({ description: '0–100; the stage’s own suggestion has 10' }),
};

const panelSchema = z
  .strictObject({
    plugin: z.string(),
    id: z.string(),
    title: z.string(),
    items: listOf(z.strictObject({ label: z.string(), value: z.string() })),
    actions: listOf(z.strictObject({ id: z.string(), label: z.string() })),
    nextBestAction: z.strictObject(nextBestAction).optional(),
    validUntil: time.optional(),
  })
  .meta({
    id: 'CardPanel',
    description: "A plugin's section of the card, in the caller's language",
  });

/**
 * The customer card, with the slots the installed plugins' panels declare: each is there only
 * when its plugin is on for the team.
 */
export function cardSchema(plugins: readonly AnyPlugin[]) {
  const slots = Object.fromEntries(
    plugins.flatMap((plugin) =>
      (plugin.panels ?? []).flatMap((panel) =>
        Object.entries(panel.slots ?? {}).map(([name, schema]) => [name, schema.optional()]),
      ),
    ),
  );
  return z
    .strictObject({
      customer: customerWithIdentitiesSchema,
      company: z.strictObject({ id, name: z.string() }).nullable(),
      stage: z.strictObject({ value: z.enum(STAGES), label: z.string() }),
      facts: factsSchema,
      lastOrders: listOf(orderSchema),
      lastInteractions: listOf(interactionSchema),
      slots: z
        .looseObject(slots)
        .meta({ id: 'CardSlots', description: 'Typed fields the plugins fill' }),
      panels: listOf(panelSchema),
      nextBestAction: z
        .strictObject({ ...nextBestAction, plugin: z.string().nullable() })
        .meta({ description: 'The suggestion with the highest priority' }),
      locale: localeSchema,
      version: z.string().meta({ description: 'Changes whenever anything on the card changes' }),
      validUntil: time,
    })
    .meta({ id: 'CustomerCard', description: 'Everything a rep sees about one customer' });
}

export function contextSchema(plugins: readonly AnyPlugin[]) {
  return z
    .strictObject({
      teamId: id,
      match: z
        .enum(['exact', 'company'])
        .meta({ description: '`company`: an unknown person at a known company’s domain' }),
      card: cardSchema(plugins),
    })
    .meta({ id: 'Context' });
}

/** A card as GET /v1/context answers it, for the document. */
export const contextExample = {
  teamId: 1,
  match: 'exact',
  card: {
    customer: {
      id: 42,
      teamId: 1,
      kind: 'person',
      name: '王芳',
      stage: 'active',
      relationshipStage: 'interest',
      companyId: 7,
      ownerUserId: 3,
      externalRef: 'erp-10042',
      attributes: {
        city: { value: '上海', source: 'sales_rep', recordedAt: '2025-02-11T09:30:00.000Z' },
      },
      version: 5,
      createdAt: '2024-11-02T08:00:00.000Z',
      updatedAt: '2025-03-08T02:30:00.000Z',
      stageChangedAt: '2024-12-01T06:12:00.000Z',
      identities: [{ customerId: 42, kind: 'email', value: 'wang.fang@example.cn' }],
    },
    company: { id: 7, name: '上海茶业有限公司' },
    stage: { value: 'active', label: '活跃客户' },
    facts: {
      customerId: 42,
      teamId: 1,
      firstOrderAt: '2024-12-01T06:12:00.000Z',
      lastOrderAt: '2025-03-08T02:30:00.000Z',
      orderCount: 3,
      revenue: 356_000,
      margin: 98_000,
      lastInteractionAt: '2025-03-10T01:00:00.000Z',
      interactionCount: 4,
      updatedAt: '2025-03-10T01:00:00.000Z',
    },
    lastOrders: [
      {
        id: 901,
        teamId: 1,
        customerId: 42,
        externalId: 'erp-order-7781',
        amount: 128_000,
        cost: 90_000,
        currency: 'CNY',
        placedAt: '2025-03-08T02:30:00.000Z',
        createdAt: '2025-03-08T02:31:00.000Z',
      },
    ],
    lastInteractions: [
      {
        id: 55,
        teamId: 1,
        customerId: 42,
        channel: 'email',
        direction: 'inbound',
        summary: '询问春茶到货时间',
        occurredAt: '2025-03-10T01:00:00.000Z',
        actor: 'user:3',
        createdAt: '2025-03-10T01:00:05.000Z',
      },
    ],
    slots: {},
    panels: [
      {
        plugin: 'loyalty',
        id: 'loyalty',
        title: '会员积分',
        items: [{ label: '积分', value: '1,280' }],
        actions: [],
      },
    ],
    nextBestAction: {
      label: '推荐新品',
      reason: '活跃客户',
      priority: 10,
      plugin: null,
    },
    locale: 'zh-CN',
    version: '5.12',
    validUntil: '2025-03-11T01:00:00.000Z',
  },
} as const;
