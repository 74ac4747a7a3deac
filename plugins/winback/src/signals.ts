import { notFound, type PluginContext } from '@guanxi/core';
import type { SignalKind } from './kinds';
import { tablesOf } from './tables';

type Ctx = Pick<PluginContext, 'teamId' | 'db' | 'core' | 'clock'>;

export interface Signal {
  readonly id: number;
  readonly customerId: number;
  readonly kind: SignalKind;
  readonly note: string;
  readonly actor: string;
  readonly recordedAt: string;
}

/** Keeps what a rep learned about a customer; the next churn's kind is derived from it. */
export async function recordSignal(
  ctx: Ctx,
  input: { readonly customerId: number; readonly kind: SignalKind; readonly note: string },
  actor: string,
): Promise<Signal> {
  if ((await ctx.core.customers.find(ctx.teamId, input.customerId)) === undefined) {
    throw notFound('customer', 'customerId', input.customerId);
  }
  const recordedAt = ctx.clock.now().toISOString();
  const row = await tablesOf(ctx)
    .insertInto('winback_signals')
    .values({
      team_id: ctx.teamId,
      customer_id: input.customerId,
      kind: input.kind,
      note: input.note,
      actor,
      recorded_at: recordedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, ...input, actor, recordedAt };
}
