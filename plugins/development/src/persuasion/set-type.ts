import { parseInput } from '@guanxi/core';
import { z } from 'zod';
import { type DevelopmentContext, isoNow, tablesOf } from '../tables';
import { CUSTOMER_TYPES, type CustomerType } from './customer-types';

export const setTypeInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** One of the ten types; null clears it. */
  type: z.enum(CUSTOMER_TYPES).nullable(),
});

export type SetTypeInput = z.input<typeof setTypeInputSchema>;

/** The type a rep gave the customer, if any. */
export async function typeOf(
  ctx: DevelopmentContext,
  customerId: number,
): Promise<CustomerType | undefined> {
  const row = await tablesOf(ctx)
    .selectFrom('development_customer_types')
    .select('type')
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.type as CustomerType | undefined;
}

/** Sets (or clears) the customer's type, audited on the customer. */
export async function setCustomerType(
  ctx: DevelopmentContext,
  input: SetTypeInput,
  actor: string,
): Promise<CustomerType | null> {
  const { customerId, type } = parseInput(setTypeInputSchema, input);
  await ctx.core.customers.get(ctx.teamId, customerId);
  const before = (await typeOf(ctx, customerId)) ?? null;
  if (before === type) return type;
  const db = tablesOf(ctx);
  if (type === null) {
    await db
      .deleteFrom('development_customer_types')
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .execute();
  } else {
    const at = isoNow(ctx);
    await db
      .insertInto('development_customer_types')
      .values({ team_id: ctx.teamId, customer_id: customerId, type, actor, at })
      .onConflict((oc) => oc.columns(['team_id', 'customer_id']).doUpdateSet({ type, actor, at }))
      .execute();
  }
  await ctx.core.audit.record({
    teamId: ctx.teamId,
    actor,
    action: 'development.type.set',
    entity: 'customer',
    entityId: customerId,
    before,
    after: type,
  });
  await ctx.core.customers.touch(ctx.teamId, [customerId]);
  return type;
}
