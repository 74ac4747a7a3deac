import type { PluginContext, TimelineEntry, TimelineInput } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { TIER_LABELS } from '../labels';
import { tieringDb } from '../store';
import { CONSOLE_PHRASES } from './labels';

/** A customer's tier changes for their timeline, newest first, by the customer index. */
export async function tierTimeline(
  input: TimelineInput,
  ctx: PluginContext<TieringConfig>,
): Promise<TimelineEntry[]> {
  const { from, to, locale } = input;
  const phrases = CONSOLE_PHRASES[locale];
  const rows = await tieringDb(ctx)
    .selectFrom('tiering_changes as c')
    .leftJoin('tiering_runs as r', 'r.id', 'c.run_id')
    .select(['c.from_tier', 'c.to_tier', 'c.rank', 'c.changed_at', 'r.customers'])
    .where('c.customer_id', '=', input.customerId)
    .where('c.team_id', '=', ctx.teamId)
    .$if(from !== undefined, (q) => q.where('c.changed_at', '>=', from as string))
    .$if(to !== undefined, (q) => q.where('c.changed_at', '<', to as string))
    .orderBy('c.changed_at', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((row) => ({
    at: row.changed_at,
    kind: 'tier',
    label: phrases.timeline,
    text: phrases.change(
      TIER_LABELS[row.from_tier][locale],
      TIER_LABELS[row.to_tier][locale],
      row.rank === null || row.customers === null
        ? phrases.byWrite
        : phrases.byRecompute(
            Number(row.rank).toLocaleString(locale),
            Number(row.customers).toLocaleString(locale),
          ),
    ),
    link: { page: 'pyramid' },
  }));
}
