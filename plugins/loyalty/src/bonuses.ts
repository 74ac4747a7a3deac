import { dayOf, notFound, parseInput } from '@guanxi/core';
import { z } from 'zod';
import type { LoyaltyContext } from './context';
import { credit } from './ledger/credit';
import { ENTRY_COLUMNS, type LedgerEntry, toEntry } from './ledger/entries';
import { relevel } from './levels/levels';
import { loyaltyDb } from './tables';

export const bonusInputSchema = z
  .strictObject({
    customerId: z.number().int().positive(),
    kind: z.enum(['referral', 'birthday'], { error: 'must be referral or birthday' }),
    /**
     * What the bonus is for (the referred customer, the year): one bonus per reference. A
     * birthday's defaults to the current year of the team's time zone.
     */
    reference: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  })
  .refine((bonus) => bonus.kind === 'birthday' || bonus.reference !== undefined, {
    path: ['reference'],
    message: 'a referral needs the referred customer as its reference',
  });

export interface BonusResult {
  readonly entry: LedgerEntry;
  readonly replayed: boolean;
}

/** Grants the team's fixed bonus for a referral or birthday, once per customer and reference. */
export async function grantBonus(
  ctx: LoyaltyContext,
  input: unknown,
  actor: string,
): Promise<BonusResult> {
  const bonus = parseInput(bonusInputSchema, input);
  if ((await ctx.core.customers.find(ctx.teamId, bonus.customerId)) === undefined) {
    throw notFound('customer', 'customerId', bonus.customerId);
  }
  const year = dayOf(ctx.clock.now(), ctx.timeZone).slice(0, 4);
  const reference = `bonus:${bonus.kind}:${bonus.reference ?? year}`;
  const [written] = await credit(
    ctx,
    [
      {
        customerId: bonus.customerId,
        kind: 'earn',
        points: ctx.config.bonuses[bonus.kind],
        reference,
        note: bonus.kind,
      },
    ],
    actor,
  );
  if (written !== undefined) {
    await relevel(ctx, [bonus.customerId], { upgradeOnly: true });
    await ctx.core.customers.touch(ctx.teamId, [bonus.customerId]);
    return { entry: written, replayed: false };
  }
  const first = await loyaltyDb(ctx)
    .selectFrom('loyalty_ledger')
    .select(ENTRY_COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', bonus.customerId)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return { entry: toEntry(first), replayed: true };
}
