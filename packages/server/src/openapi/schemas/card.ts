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
