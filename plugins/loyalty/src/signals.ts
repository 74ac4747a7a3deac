import { GuanxiError, notFound, parseInput } from '@guanxi/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { isoNow, type LoyaltyContext } from './context';
import { loyaltyDb } from './tables';

export const discountInputSchema = z.strictObject({
  orderId: z.number().int().positive(),
  discounted: z.boolean().default(true),
});

const oneToFive = z
  .number({ error: 'must be a whole number from 1 to 5' })
  .int('must be a whole number')
  .min(1, 'must be 1 to 5')
  .max(5, 'must be 1 to 5');

/**
 * An attitude survey: the customer's attitude to the company, and optionally the days they
 * spent choosing, their attitude to competitors and their tolerance of quality problems.
 */
export const attitudeInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  score: oneToFive,
  choosingDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more')
    .max(3650, 'must be ten years or less')
    .optional(),
  competitors: oneToFive.optional(),
  qualityTolerance: oneToFive.optional(),
});

/**
 * Flags an order as sold at a discount (or not), for price sensitivity; the core's orders
 * carry no discount. The order must be in the loyalty ledger (recorded while loyalty was on).
 */
export async function flagDiscount(
  ctx: LoyaltyContext,
  input: unknown,
): Promise<{ orderId: number; customerId: number; discounted: boolean }> {
  const flag = parseInput(discountInputSchema, input);
  const db = loyaltyDb(ctx);
  const earn = await db
    .selectFrom('loyalty_ledger')
    .select('customer_id')
    .where('team_id', '=', ctx.teamId)
    .where('order_id', '=', flag.orderId)
    .where('kind', '=', 'earn')
    .executeTakeFirst();
  if (earn === undefined) {
    throw new GuanxiError(
      'GX_ERR_NOT_FOUND',
      `Order ${flag.orderId} is not in this team's loyalty ledger`,
      { issues: [{ path: 'orderId', message: 'no order recorded while loyalty was on' }] },
    );
  }
  const customerId = Number(earn.customer_id);
  await db
    .insertInto('loyalty_discounts')
    .values({
      team_id: ctx.teamId,
      order_id: flag.orderId,
      customer_id: customerId,
      discounted: flag.discounted ? 1 : 0,
      at: isoNow(ctx),
    })
    .onConflict((oc) =>
      oc.columns(['team_id', 'order_id']).doUpdateSet({
        discounted: sql`excluded.discounted`,
        at: sql`excluded.at`,
      }),
    )
    .execute();
  await ctx.core.customers.touch(ctx.teamId, [customerId]);
  return { orderId: flag.orderId, customerId, discounted: flag.discounted };
}

/** Records a customer's latest attitude survey (1 hostile … 5 devoted), replacing the last. */
export async function recordAttitude(
  ctx: LoyaltyContext,
  input: unknown,
  actor: string,
): Promise<z.output<typeof attitudeInputSchema>> {
  const attitude = parseInput(attitudeInputSchema, input);
  if ((await ctx.core.customers.find(ctx.teamId, attitude.customerId)) === undefined) {
    throw notFound('customer', 'customerId', attitude.customerId);
  }
  await loyaltyDb(ctx)
    .insertInto('loyalty_attitudes')
    .values({
      team_id: ctx.teamId,
      customer_id: attitude.customerId,
      score: attitude.score,
      choosing_days: attitude.choosingDays ?? null,
      competitors: attitude.competitors ?? null,
      quality_tolerance: attitude.qualityTolerance ?? null,
      actor,
      at: isoNow(ctx),
    })
    .onConflict((oc) =>
      oc.columns(['team_id', 'customer_id']).doUpdateSet({
        score: sql`excluded.score`,
        choosing_days: sql`excluded.choosing_days`,
        competitors: sql`excluded.competitors`,
        quality_tolerance: sql`excluded.quality_tolerance`,
        actor: sql`excluded.actor`,
        at: sql`excluded.at`,
      }),
    )
    .execute();
  await ctx.core.customers.touch(ctx.teamId, [attitude.customerId]);
  return attitude;
}

/** The customer's discounted-order count and attitude score, for the card. */
export async function signalsOf(
  ctx: LoyaltyContext,
  customerId: number,
): Promise<{ discounted: number; attitude: number | null }> {
  const db = loyaltyDb(ctx);
  const [discounts, attitude] = await Promise.all([
    db
      .selectFrom('loyalty_discounts')
      .select(sql<number>`count(*)`.as('n'))
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .where('discounted', '=', 1)
      .executeTakeFirst(),
    db
      .selectFrom('loyalty_attitudes')
      .select('score')
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
  ]);
  return {
    discounted: Number(discounts?.n ?? 0),
    attitude: attitude === undefined ? null : Number(attitude.score),
  };
}
