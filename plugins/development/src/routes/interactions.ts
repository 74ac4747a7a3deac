import { definePluginRoute, interactionInputSchema } from '@guanxi/core';
import { z } from 'zod';
import type { DevelopmentConfig } from '../config';
import { logTaggedInteraction, signalsSchema, tagInteraction } from '../signals/tag';
import { taggedInteractionSchema } from './schemas';

const route = definePluginRoute<DevelopmentConfig>();

/** The interaction as the core's own route takes it: the caller is its actor unless named. */
const logBody = z
  .strictObject({
    interaction: interactionInputSchema.extend({
      actor: interactionInputSchema.shape.actor.optional(),
    }),
    signals: signalsSchema,
  })
  .meta({
    examples: [
      {
        interaction: {
          customerId: 42,
          channel: 'email',
          direction: 'inbound',
          summary: 'Asked for a better price on 500 boxes and about delivery terms',
          occurredAt: '2025-03-12T09:40:00+08:00',
        },
        signals: ['asks_lower_price', 'asks_details'],
      },
    ],
  });

/**
 * Buying signals on the core's interactions, at /v1/teams/<team>/plugins/development/…:
 * logging an e-mail with the signals it shows (the extension's "Log this e-mail"), or tagging
 * one logged before.
 */
export const interactionRoutes = [
  route({
    method: 'post',
    path: '/interactions',
    operationId: 'logTaggedInteraction',
    summary: 'Log an interaction through the core with the buying signals it shows',
    description:
      'One transaction: the core’s interaction and its tags are written together or not at all.',
    role: 'rep',
    request: { body: logBody },
    responses: { 201: { description: 'The interaction’s tags', schema: taggedInteractionSchema } },
    handler: async ({ body }, { ctx, actor }) => ({
      status: 201,
      body: await logTaggedInteraction(
        ctx,
        { ...body, interaction: { ...body.interaction, actor: body.interaction.actor ?? actor } },
        actor,
      ),
    }),
  }),
  route({
    method: 'put',
    path: '/interactions/{interactionId}/signals',
    operationId: 'tagInteraction',
    summary: 'Set the buying signals an interaction shows; [] clears them',
    role: 'rep',
    request: {
      params: z.strictObject({
        interactionId: z.coerce.number().int().positive('must be an interaction id'),
      }),
      body: z.strictObject({ signals: signalsSchema }),
    },
    responses: { 200: { description: 'The interaction’s tags', schema: taggedInteractionSchema } },
    handler: async ({ params, body }, { ctx, actor }) => ({
      status: 200,
      body: await tagInteraction(ctx, { ...body, interactionId: params.interactionId }, actor),
    }),
  }),
];
