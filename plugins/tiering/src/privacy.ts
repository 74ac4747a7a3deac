import type { PrivacyDefinition } from '@guanxi/core';
import type { TieringConfig } from './config';
import { customersOfTeam, tieringDb } from './store';

/**
 * The customer's value, tier, ladder level and tier history, and the ranking marks that name
 * them: figures and tier names, which stay when the customer is erased, so there is only an
 * export.
 */
export const privacy: PrivacyDefinition<TieringConfig> = {
  async export(customerId, ctx) {
    const db = tieringDb(ctx);
    const value = await db
      .selectFrom('tiering_values')
      .selectAll()
      .where(customersOfTeam(db, ctx.teamId, [customerId]))
      .executeTakeFirst();
    const changes = await db
      .selectFrom('tiering_changes')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const marks = await db
      .selectFrom('tiering_marks')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('rank')
      .execute();
    const thresholds = await db
      .selectFrom('tiering_thresholds')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where((eb) =>
        eb.or([
          eb('customer_id', '=', customerId),
          eb('keep_above_customer_id', '=', customerId),
          eb('keep_below_customer_id', '=', customerId),
        ]),
      )
      .orderBy('boundary')
      .execute();
    return { value: value ?? null, changes, marks, thresholds };
  },
};
