import type { Bilingual } from '../labels';
import { type DevelopmentContext, tablesOf } from '../tables';
import { SOURCE_KINDS, sourceLabels } from './kinds';

export interface SourceRow {
  readonly kind: string;
  readonly label: Bilingual;
  readonly customers: number;
  /** Customers who have placed an order: the core moves them to active when they do. */
  readonly converted: number;
  /** converted ÷ customers. */
  readonly conversion: number;
  /** Minor units, every currency summed as the core's facts sum them. */
  readonly revenue: number;
  readonly margin: number;
}

export interface SourcesReport {
  /** One row per source kind, built-in kinds first in their order, then the team's own. */
  readonly sources: readonly SourceRow[];
  /** Customers whose source given at creation was refused and not yet put right. */
  readonly refused: number;
}

const PAGE = 500;

/**
 * Customers, conversion to a paying customer, revenue and margin by source, from the
 * plugin's sources and the core's per-customer facts, read 500 customers at a time. With a
 * range (ISO instants), only the customers whose source was recorded in it: those who came then.
 */
export async function sourcesReport(
  ctx: DevelopmentContext,
  range?: { readonly from: string; readonly to: string },
): Promise<SourcesReport> {
  const totals = new Map<
    string,
    { customers: number; converted: number; revenue: number; margin: number }
  >();
  let refused = 0;
  let after = 0;
  for (;;) {
    const rows = await tablesOf(ctx)
      .selectFrom('development_sources')
      .select(['customer_id', 'kind', 'status'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '>', after)
      .$if(range !== undefined, (q) =>
        q
          .where('recorded_at', '>=', range?.from as string)
          .where('recorded_at', '<', range?.to as string),
      )
      .orderBy('customer_id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]?.customer_id);
    const recorded = rows.filter((row) => row.status === 'recorded' && row.kind !== null);
    refused += rows.length - recorded.length;
    const facts = new Map(
      (
        await ctx.core.facts.many(
          ctx.teamId,
          recorded.map((row) => Number(row.customer_id)),
        )
      ).map((f) => [f.customerId, f]),
    );
    for (const row of recorded) {
      const kind = row.kind as string;
      const entry = totals.get(kind) ?? { customers: 0, converted: 0, revenue: 0, margin: 0 };
      const f = facts.get(Number(row.customer_id));
      entry.customers += 1;
      if (f !== undefined && f.orderCount > 0) entry.converted += 1;
      entry.revenue += f?.revenue ?? 0;
      entry.margin += f?.margin ?? 0;
      totals.set(kind, entry);
    }
    if (rows.length < PAGE) break;
  }
  const own = ctx.config.sources.own;
  const order = [...SOURCE_KINDS, ...own.map((source) => source.id)];
  const rank = (kind: string) => {
    const i = order.indexOf(kind);
    return i < 0 ? order.length : i;
  };
  const sources = [...totals]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([kind, entry]) => ({
      kind,
      label: sourceLabels(kind, own),
      ...entry,
      conversion: entry.customers === 0 ? 0 : entry.converted / entry.customers,
    }));
  return { sources, refused };
}
