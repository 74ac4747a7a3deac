import { chunked, type JobDefinition } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import type { ScoringDb } from '../store';

const PAGE = 200;

/**
 * Rebuilds the team's purchase days from every order it has, on the days of its time zone:
 * for after the zone changes, or for orders recorded while scoring was off.
 */
export const daysJob: JobDefinition<ScoringConfig> = {
  description: "Rebuilds the team's purchase days from its orders, in the team's time zone",
  async run(ctx) {
    const db = ctx.db as ScoringDb;
    await db.deleteFrom('scoring_purchase_days').where('team_id', '=', ctx.teamId).execute();
    let customers = 0;
    let days = 0;
    let after: number | undefined;
    do {
      const page = await ctx.core.customers.list(ctx.teamId, { limit: PAGE, after });
      after = page.next ?? undefined;
      const totals = await ctx.core.orders.dayTotals(
        ctx.teamId,
        page.items.map((c) => c.id),
      );
      const rows = [...totals].flatMap(([customerId, list]) =>
        list.map((d) => ({ team_id: ctx.teamId, customer_id: customerId, ...d })),
      );
      for (const chunk of chunked(rows, 500)) {
        await db.insertInto('scoring_purchase_days').values(chunk).execute();
      }
      customers += totals.size;
      days += rows.length;
    } while (after !== undefined);
    return { customers, days, timeZone: ctx.timeZone };
  },
};
