import type {
  Channel,
  CoreApi,
  CoreTables,
  Locale,
  PluginTimelineEntry,
  Stage,
  StageCause,
} from '@guanxi/core';
import type { Kysely } from 'kysely';

/** One event of a customer's history: the core's own, or a plugin's in the reader's words. */
export type TimelineItem =
  | {
      readonly source: 'order';
      readonly at: string;
      readonly amount: number;
      readonly currency: string;
      readonly externalId: string | null;
    }
  | {
      readonly source: 'interaction';
      readonly at: string;
      readonly channel: Channel;
      readonly direction: 'inbound' | 'outbound';
      readonly summary: string;
      readonly actor: string;
    }
  | {
      readonly source: 'stage';
      readonly at: string;
      readonly from: Stage | null;
      readonly to: Stage;
      readonly reason: string;
      readonly actor: string;
      readonly cause: StageCause;
    }
  | ({ readonly source: 'plugin' } & PluginTimelineEntry);

export interface TimelineRange {
  /** ISO times: from this one, before that one. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * A customer's history in one stream, newest first: orders, interactions and stage changes
 * from the core's tables (each read by its customer index), and what the team's plugins add.
 */
export async function customerTimeline(
  core: CoreApi & { readonly db: Kysely<CoreTables> },
  teamId: number,
  customerId: number,
  range: TimelineRange,
  locale: Locale,
  limit: number,
): Promise<TimelineItem[]> {
  const { db } = core;
  const { from, to } = range;
  const [orders, interactions, stages, plugins] = await Promise.all([
    db
      .selectFrom('orders')
      .select(['placed_at', 'amount', 'currency', 'external_id'])
      .where('customer_id', '=', customerId)
      .where('team_id', '=', teamId)
      .$if(from !== undefined, (q) => q.where('placed_at', '>=', from as string))
      .$if(to !== undefined, (q) => q.where('placed_at', '<', to as string))
      .orderBy('placed_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('interactions')
      .select(['occurred_at', 'channel', 'direction', 'summary', 'actor'])
      .where('customer_id', '=', customerId)
      .where('team_id', '=', teamId)
      .$if(from !== undefined, (q) => q.where('occurred_at', '>=', from as string))
      .$if(to !== undefined, (q) => q.where('occurred_at', '<', to as string))
      .orderBy('occurred_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('stage_events')
      .select(['occurred_at', 'from_stage', 'to_stage', 'reason', 'actor', 'cause'])
      .where('customer_id', '=', customerId)
      .where('team_id', '=', teamId)
      .$if(from !== undefined, (q) => q.where('occurred_at', '>=', from as string))
      .$if(to !== undefined, (q) => q.where('occurred_at', '<', to as string))
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    core.console.timeline(teamId, { customerId, ...range, limit, locale }),
  ]);
  const items: TimelineItem[] = [
    ...orders.map(
      (row): TimelineItem => ({
        source: 'order',
        at: row.placed_at,
        amount: Number(row.amount),
        currency: row.currency,
        externalId: row.external_id,
      }),
    ),
    ...interactions.map(
      (row): TimelineItem => ({
        source: 'interaction',
        at: row.occurred_at,
        channel: row.channel as Channel,
        direction: row.direction,
        summary: row.summary,
        actor: row.actor,
      }),
    ),
    ...stages.map(
      (row): TimelineItem => ({
        source: 'stage',
        at: row.occurred_at,
        from: row.from_stage,
        to: row.to_stage,
        reason: row.reason,
        actor: row.actor,
        cause: row.cause,
      }),
    ),
    ...plugins.map((entry): TimelineItem => ({ source: 'plugin', ...entry })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
