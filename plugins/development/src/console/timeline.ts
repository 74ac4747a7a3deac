import type { TimelineEntry, TimelineInput } from '@guanxi/core';
import { REFERRING_KINDS, sourceLabels } from '../sources/kinds';
import { type DevelopmentContext, tablesOf } from '../tables';
import { CONSOLE_PHRASES } from './phrases';

/**
 * Where the customer came from and each customer they referred, newest first, for their
 * timeline in the console, each linking to the customer's referral tree; read by the sources'
 * key and their referrer index.
 */
export async function developmentTimeline(
  input: TimelineInput,
  ctx: DevelopmentContext,
): Promise<TimelineEntry[]> {
  const { customerId, from, to, locale } = input;
  const words = CONSOLE_PHRASES[locale];
  const db = tablesOf(ctx);
  const inRange = <T extends { recorded_at: string }>(row: T) =>
    (from === undefined || row.recorded_at >= from) && (to === undefined || row.recorded_at < to);
  const [own, referred] = await Promise.all([
    db
      .selectFrom('development_sources')
      .select(['kind', 'referrer_id', 'recorded_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .where('status', '=', 'recorded')
      .executeTakeFirst(),
    db
      .selectFrom('development_sources')
      .select(['customer_id', 'recorded_at'])
      .where('team_id', '=', ctx.teamId)
      .where('referrer_id', '=', customerId)
      .where('status', '=', 'recorded')
      .$if(from !== undefined, (q) => q.where('recorded_at', '>=', from as string))
      .$if(to !== undefined, (q) => q.where('recorded_at', '<', to as string))
      .orderBy('recorded_at', 'desc')
      .limit(input.limit)
      .execute(),
  ]);
  const referrerId = own?.referrer_id == null ? undefined : Number(own.referrer_id);
  const names = await ctx.core.customers.names(ctx.teamId, [
    ...(referrerId === undefined ? [] : [referrerId]),
    ...referred.map((row) => Number(row.customer_id)),
  ]);
  const link = { page: 'referrals', query: { customerId: String(customerId) } };
  const entries: TimelineEntry[] = referred.map((row) => ({
    at: row.recorded_at,
    kind: 'referral',
    label: words.timelineReferral,
    text: words.referred(names.get(Number(row.customer_id)) ?? `#${row.customer_id}`),
    link,
  }));
  if (own?.kind != null && inRange(own)) {
    const source = sourceLabels(own.kind, ctx.config.sources.own)[locale];
    const referrer = referrerId === undefined ? null : (names.get(referrerId) ?? `#${referrerId}`);
    entries.push({
      at: own.recorded_at,
      kind: 'source',
      label: words.timelineSource,
      text: words.cameFrom(source, referrer),
      ...(REFERRING_KINDS.includes(own.kind) ? { link } : {}),
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, input.limit);
}
