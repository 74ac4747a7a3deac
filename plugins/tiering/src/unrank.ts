import { chunked, type PluginContext } from '@guanxi/core';
import type { TieringConfig } from './config';
import { customersOfTeam, tieringDb } from './store';

const PAGE = 500;

/**
 * Takes customers out of the pyramid: a non-customer (disqualified or abandoned) is not
 * ranked among the team's customers, so their value goes and the next recompute ranks the
 * rest; their past tier changes stay in the history. Returns how many were ranked.
 */
export async function unrank(
  ctx: PluginContext<TieringConfig>,
  customerIds: readonly number[],
): Promise<number> {
  const db = tieringDb(ctx);
  let removed = 0;
  for (const ids of chunked(customerIds, PAGE)) {
    const result = await db
      .deleteFrom('tiering_values')
      .where(customersOfTeam(db, ctx.teamId, ids))
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  if (removed > 0) await ctx.core.customers.touch(ctx.teamId, customerIds);
  return removed;
}

/**
 * Takes every non-customer of the team out of the pyramid, as the core lists them: those who
 * became one while the team had tiering off, or before tiering left them out.
 */
export async function unrankNonCustomers(ctx: PluginContext<TieringConfig>): Promise<number> {
  let removed = 0;
  let after: number | undefined;
  do {
    const page = await ctx.core.customers.list(ctx.teamId, {
      stage: 'non_customer',
      limit: 200,
      ...(after === undefined ? {} : { after }),
    });
    removed += await unrank(
      ctx,
      page.items.map((customer) => customer.id),
    );
    after = page.next ?? undefined;
  } while (after !== undefined);
  return removed;
}
