import { type DevelopmentContext, tablesOf } from '../tables';

export interface OpenOpportunityRow {
  readonly id: number;
  readonly customerId: number;
  readonly ownerUserId: number;
  readonly title: string | null;
  readonly stage: string;
  readonly amount: number;
  readonly currency: string;
  readonly closeDay: string;
}

/**
 * A page of the open opportunities (one owner's, or the team's), the one expected to close
 * first first; `after` is the last opportunity of the page before (its close day and id are
 * the page's key).
 */
export async function openOpportunities(
  ctx: DevelopmentContext,
  filter: { readonly ownerUserId?: number | undefined },
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<OpenOpportunityRow[]> {
  const db = tablesOf(ctx);
  const key =
    page.after === undefined
      ? undefined
      : await db
          .selectFrom('development_opportunities')
          .select(['id', 'close_day'])
          .where('team_id', '=', ctx.teamId)
          .where('id', '=', page.after)
          .executeTakeFirst();
  const { ownerUserId } = filter;
  const rows = await db
    .selectFrom('development_opportunities')
    .select(['id', 'customer_id', 'owner_user_id', 'title', 'stage', 'amount', 'currency'])
    .select('close_day')
    .where('team_id', '=', ctx.teamId)
    .where('status', '=', 'open')
    .$if(ownerUserId !== undefined, (q) => q.where('owner_user_id', '=', ownerUserId as number))
    .$if(key !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('close_day', '>', key?.close_day as string),
          eb.and([
            eb('close_day', '=', key?.close_day as string),
            eb('id', '>', key?.id as number),
          ]),
        ]),
      ),
    )
    .orderBy('close_day')
    .orderBy('id')
    .limit(page.size)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    ownerUserId: Number(row.owner_user_id),
    title: row.title,
    stage: row.stage,
    amount: Number(row.amount),
    currency: row.currency,
    closeDay: row.close_day,
  }));
}
