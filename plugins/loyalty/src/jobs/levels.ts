import type { JobDefinition } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { relevel } from '../levels/levels';
import { loyaltyDb } from '../tables';

/**
 * `loyalty:levels`: re-levels every account of the team over the current period, 500 at a
 * time: up at once, down per the downgrade rule.
 */
export const levelsJob: JobDefinition<LoyaltyConfig> = {
  description: 'Re-levels every account: upgrades, and downgrades after the grace period',
  async run(ctx) {
    let after = 0;
    let accounts = 0;
    let upgraded = 0;
    let downgraded = 0;
    const levels = ctx.config.levels.thresholds;
    const rank = (id: string) => levels.findIndex((level) => level.id === id);
    for (;;) {
      const rows = await loyaltyDb(ctx)
        .selectFrom('loyalty_accounts')
        .select('customer_id')
        .where('team_id', '=', ctx.teamId)
        .where('customer_id', '>', after)
        .orderBy('customer_id')
        .limit(500)
        .execute();
      if (rows.length === 0) break;
      const ids = rows.map((row) => Number(row.customer_id));
      after = ids[ids.length - 1] as number;
      accounts += ids.length;
      const changes = await relevel(ctx, ids, { upgradeOnly: false });
      for (const change of changes) {
        if (rank(change.to) > rank(change.from)) upgraded += 1;
        else downgraded += 1;
      }
      await ctx.core.customers.touch(
        ctx.teamId,
        changes.map((change) => change.customerId),
      );
    }
    return { accounts, upgraded, downgraded };
  },
};
