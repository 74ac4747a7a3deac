import type { PluginContext } from '@guanxi/core';
import type { TierReader } from '@guanxi/plugin-tiering';
import { sql } from 'kysely';
import type { Cause, Step, Tier } from '../complaints/complaint';
import type { ServiceConfig } from '../config';
import { tablesOf } from '../tables';

type Ctx = PluginContext<ServiceConfig>;

/** Which open complaints a queue shows; every part optional. */
export interface QueueFilter {
  readonly cause?: Cause | undefined;
  readonly step?: Step | undefined;
  /** `overdue`: past due; `soon`: due within the team's `nearDueHours`. */
  readonly due?: 'overdue' | 'soon' | undefined;
  /** Only the complaints of this user's customers (a rep's queue). */
  readonly owner?: number | undefined;
  /** Only customers now in these tiers, by tiering's service. */
  readonly tiers?: readonly Tier[] | undefined;
}

export interface QueueRow {
  readonly id: number;
  readonly customerId: number;
  readonly cause: Cause;
  readonly summary: string;
  readonly step: Step;
  readonly dueAt: string;
}

export interface QueueCounts {
  readonly open: number;
  readonly overdue: number;
  readonly dueSoon: number;
  /** Null when the team has tiering off. */
  readonly key: number | null;
}

const HOUR_MS = 3_600_000;

/** The team's open complaints under the filter, read by the open-queue index (migration 0002). */
function openComplaints(ctx: Ctx, reader: TierReader | undefined, filter: QueueFilter) {
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + ctx.config.nearDueHours * HOUR_MS).toISOString();
  const { cause, step, due, owner, tiers } = filter;
  return tablesOf(ctx)
    .selectFrom('service_complaints')
    .where('team_id', '=', ctx.teamId)
    .where('closed_at', 'is', null)
    .$if(cause !== undefined, (q) => q.where('cause', '=', cause as Cause))
    .$if(step !== undefined, (q) => q.where('step', '=', step as Step))
    .$if(due === 'overdue', (q) => q.where('due_at', '<', now.toISOString()))
    .$if(due === 'soon', (q) =>
      q.where('due_at', '>=', now.toISOString()).where('due_at', '<', soon),
    )
    .$if(owner !== undefined, (q) =>
      q.where(
        sql<boolean>`customer_id in (${ctx.core.customers.ownedBy(ctx.teamId, owner as number)})`,
      ),
    )
    .$if(tiers !== undefined && reader !== undefined, (q) =>
      q.where(
        sql<boolean>`customer_id in (${(reader as TierReader).customersIn(tiers as Tier[])})`,
      ),
    );
}

/**
 * A page of the queue, the complaint due first first; `after` is the last complaint of the
 * page before (its due time and id are the page's key).
 */
export async function queueRows(
  ctx: Ctx,
  reader: TierReader | undefined,
  filter: QueueFilter,
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<QueueRow[]> {
  const key =
    page.after === undefined
      ? undefined
      : await tablesOf(ctx)
          .selectFrom('service_complaints')
          .select(['id', 'due_at'])
          .where('team_id', '=', ctx.teamId)
          .where('id', '=', page.after)
          .where('closed_at', 'is', null)
          .executeTakeFirst();
  const rows = await openComplaints(ctx, reader, filter)
    .select(['id', 'customer_id', 'cause', 'summary', 'step', 'due_at'])
    .$if(key?.due_at !== undefined && key.due_at !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('due_at', '>', key?.due_at as string),
          eb.and([eb('due_at', '=', key?.due_at as string), eb('id', '>', key?.id as number)]),
        ]),
      ),
    )
    .orderBy('due_at')
    .orderBy('id')
    .limit(page.size)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    cause: row.cause,
    summary: row.summary,
    step: row.step,
    dueAt: row.due_at as string,
  }));
}

/** How many complaints the viewer's queue holds, how many are overdue, due soon, of key customers. */
export async function queueCounts(
  ctx: Ctx,
  reader: TierReader | undefined,
  owner: number | undefined,
): Promise<QueueCounts> {
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + ctx.config.nearDueHours * HOUR_MS).toISOString();
  const key = reader?.customersIn(['important', 'secondary']);
  const row = await openComplaints(ctx, reader, { owner })
    .select((eb) => [
      eb.fn.countAll<number | string>().as('open'),
      sql<number | string>`sum(case when due_at < ${now.toISOString()} then 1 else 0 end)`.as(
        'overdue',
      ),
      sql<
        number | string
      >`sum(case when due_at >= ${now.toISOString()} and due_at < ${soon} then 1 else 0 end)`.as(
        'due_soon',
      ),
      (key === undefined
        ? sql<number | string | null>`null`
        : sql<number | string>`sum(case when customer_id in (${key}) then 1 else 0 end)`
      ).as('key'),
    ])
    .executeTakeFirstOrThrow();
  return {
    open: Number(row.open),
    overdue: Number(row.overdue ?? 0),
    dueSoon: Number(row.due_soon ?? 0),
    key: key === undefined ? null : Number(row.key ?? 0),
  };
}
