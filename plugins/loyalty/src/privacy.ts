import { chunked, ERASED_TEXT, type PrivacyDefinition } from '@guanxi/core';
import { sql } from 'kysely';
import type { LoyaltyConfig } from './config';
import { customerEntries } from './ledger/customer-entries';
import { loyaltyDb } from './tables';

const REFERRAL = 'bonus:referral:';

/**
 * The account, every ledger entry, redemptions, discount flags and attitude answers. Erasure
 * strips what people wrote: the reasons of adjustments and the referral a bonus was for (it
 * names the referred person; the reference becomes `bonus:referral:erased:<entry id>`, still
 * one per entry). Points, amounts, balances, levels and dates stay, so ledger sums still add up.
 */
export const privacy: PrivacyDefinition<LoyaltyConfig> = {
  async export(customerId, ctx) {
    const db = loyaltyDb(ctx);
    const account = await db
      .selectFrom('loyalty_accounts')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const dates = await db
      .selectFrom('loyalty_account_dates')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const ledger = (await customerEntries(ctx, [customerId])).sort(
      (a, b) => Number(a.id) - Number(b.id),
    );
    const redemptions = await db
      .selectFrom('loyalty_redemptions')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const discounts = await db
      .selectFrom('loyalty_discounts')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('order_id')
      .execute();
    const attitudes = await db
      .selectFrom('loyalty_attitudes')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('at')
      .execute();
    return {
      account: account === undefined ? null : { ...dates, ...account },
      ledger,
      redemptions,
      discounts,
      attitudes,
    };
  },

  async erase(customerId, ctx) {
    const db = loyaltyDb(ctx);
    const adjusted = await customerEntries(ctx, [customerId], (query) =>
      query.where('kind', '=', 'adjust').where('note', 'is not', null),
    );
    for (const ids of chunked(
      adjusted.map((entry) => entry.id),
      500,
    )) {
      await db
        .updateTable('loyalty_ledger')
        .set({ note: ERASED_TEXT })
        .where('id', 'in', ids)
        .execute();
    }
    const referrals = await db
      .updateTable('loyalty_ledger')
      .set({ reference: sql<string>`${`${REFERRAL}erased:`} || cast(id as text)` })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .where('reference', 'like', `${REFERRAL}%`)
      .where('reference', 'not like', `${REFERRAL}erased:%`)
      .executeTakeFirst();
    return { adjustments: adjusted.length, referrals: Number(referrals.numUpdatedRows) };
  },
};
