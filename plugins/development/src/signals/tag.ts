import {
  type Interaction,
  type InteractionInput,
  interactionInputSchema,
  notFound,
  parseInput,
} from '@guanxi/core';
import { z } from 'zod';
import { type DevelopmentContext, isoNow, tablesOf } from '../tables';
import { BUYING_SIGNALS, type BuyingSignal } from './buying-signals';

export const signalsSchema = z
  .array(z.enum(BUYING_SIGNALS))
  .max(BUYING_SIGNALS.length)
  .refine((signals) => new Set(signals).size === signals.length, {
    message: 'lists a signal twice',
  });

export const tagInteractionInputSchema = z.strictObject({
  interactionId: z.number().int().positive(),
  /** The signals the interaction shows; they replace any given before, [] clears them. */
  signals: signalsSchema,
});

export const logTaggedInteractionInputSchema = z.strictObject({
  interaction: interactionInputSchema,
  signals: signalsSchema,
});

export type TagInteractionInput = z.input<typeof tagInteractionInputSchema>;
export type LogTaggedInteractionInput = {
  readonly interaction: InteractionInput;
  readonly signals: readonly BuyingSignal[];
};

export interface TaggedInteraction {
  readonly interactionId: number;
  readonly customerId: number;
  readonly signals: readonly BuyingSignal[];
}

/** Tags an interaction of the team (the core's) with the buying signals it shows. */
export async function tagInteraction(
  ctx: DevelopmentContext,
  input: TagInteractionInput,
  actor: string,
): Promise<TaggedInteraction> {
  const { interactionId, signals } = parseInput(tagInteractionInputSchema, input);
  const interaction = await ctx.core.interactions.get(ctx.teamId, interactionId);
  const db = tablesOf(ctx);
  await db
    .deleteFrom('development_signals')
    .where('team_id', '=', ctx.teamId)
    .where('interaction_id', '=', interactionId)
    .execute();
  if (signals.length > 0) {
    const at = isoNow(ctx);
    await db
      .insertInto('development_signals')
      .values(
        signals.map((signal) => ({
          team_id: ctx.teamId,
          interaction_id: interactionId,
          signal,
          customer_id: interaction.customerId,
          occurred_at: interaction.occurredAt,
          actor,
          at,
        })),
      )
      .execute();
  }
  await ctx.core.customers.touch(ctx.teamId, [interaction.customerId]);
  return { interactionId, customerId: interaction.customerId, signals };
}

/**
 * Logs an interaction through the core and tags it in the same transaction: the e-mail a rep
 * logs from the extension, with the signals they saw in it.
 */
export async function logTaggedInteraction(
  ctx: DevelopmentContext,
  input: LogTaggedInteractionInput,
  actor: string,
): Promise<TaggedInteraction> {
  const { interaction, signals } = parseInput(logTaggedInteractionInputSchema, input);
  if ((await ctx.core.customers.find(ctx.teamId, interaction.customerId)) === undefined) {
    throw notFound('customer', 'interaction.customerId', interaction.customerId);
  }
  const [logged] = await ctx.core.interactions.log(ctx.teamId, [interaction]);
  return tagInteraction(ctx, { interactionId: (logged as Interaction).id, signals }, actor);
}

export interface SignalSeen {
  readonly signal: BuyingSignal;
  readonly interactionId: number;
  readonly occurredAt: string;
}

/** The signals a customer showed in interactions since a time, newest first, in list order. */
export async function signalsSince(
  ctx: DevelopmentContext,
  customerId: number,
  since: string,
): Promise<SignalSeen[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_signals')
    .select(['signal', 'interaction_id', 'occurred_at'])
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .where('occurred_at', '>=', since)
    .execute();
  const rank = (signal: string) => BUYING_SIGNALS.indexOf(signal as BuyingSignal);
  return rows
    .map((row) => ({
      signal: row.signal as BuyingSignal,
      interactionId: Number(row.interaction_id),
      occurredAt: row.occurred_at,
    }))
    .sort(
      (a, b) =>
        b.occurredAt.localeCompare(a.occurredAt) ||
        b.interactionId - a.interactionId ||
        rank(a.signal) - rank(b.signal),
    );
}
