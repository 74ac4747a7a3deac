import { type Customer, chunked } from '@guanxi/core';
import { attributeReader } from '../attributes';
import { type DevelopmentContext, isoNow, tablesOf } from '../tables';
import { profileValue } from './evaluate';
import { topTierOf } from './readers';

/** For each compared attribute: how many top customers there are and how many hold each value. */
export type Profile = ReadonlyMap<
  string,
  { readonly top: number; readonly counts: ReadonlyMap<string, number> }
>;

/** The team's stored profile of its top customers. */
export async function readProfile(ctx: DevelopmentContext): Promise<Profile> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_profile')
    .select(['attribute', 'value', 'customers', 'top_customers'])
    .where('team_id', '=', ctx.teamId)
    .execute();
  const profile = new Map<string, { top: number; counts: Map<string, number> }>();
  for (const row of rows) {
    const entry = profile.get(row.attribute) ?? { top: row.top_customers, counts: new Map() };
    entry.counts.set(row.value, row.customers);
    profile.set(row.attribute, entry);
  }
  return profile;
}

interface Buyer {
  readonly revenue: number;
  /** In tiering's top tier, where tiering is on for the team. */
  readonly topTier: boolean;
  readonly values: readonly (readonly [string, string])[];
}

const PAGE = 200;
/** Values kept per attribute: the commonest among the top customers. */
const VALUES_KEPT = 50;

/**
 * Finds the team's top customers and stores how their values of the compared attributes
 * spread (the 50 commonest of each), replacing the last profile. The top customers are the
 * buyers in tiering's top tier (through its service) where tiering is on for the team and
 * has placed some there; otherwise, the `topShare` of buyers with the most revenue, from the
 * core's facts. Run as the `development:profile` job.
 */
export async function computeProfile(ctx: DevelopmentContext) {
  const { attributes, topShare } = ctx.config.fit.resemblance;
  const read = attributeReader(ctx);
  const buyers: Buyer[] = [];
  let after: number | undefined;
  let tiered = true;
  do {
    const page = await ctx.core.customers.list(ctx.teamId, {
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    const byId = new Map<number, Customer>(page.items.map((c) => [c.id, c]));
    const facts = await ctx.core.facts.many(ctx.teamId, [...byId.keys()]);
    const paying = facts.filter((f) => f.orderCount > 0).map((f) => f.customerId);
    const topTier = paying.length === 0 ? new Set<number>() : await topTierOf(ctx, paying);
    tiered &&= topTier !== undefined;
    for (const f of facts) {
      const customer = byId.get(f.customerId);
      if (f.orderCount === 0 || customer === undefined) continue;
      const values = await read(customer);
      buyers.push({
        revenue: f.revenue,
        topTier: topTier?.has(f.customerId) ?? false,
        values: attributes.flatMap((attribute) => {
          const value = values.get(attribute);
          return value === undefined
            ? []
            : [[attribute, profileValue(attribute, value, ctx.config)] as const];
        }),
      });
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  const inTopTier = tiered ? buyers.filter((buyer) => buyer.topTier) : [];
  const basis = inTopTier.length > 0 ? 'tier' : 'revenue';
  const top =
    basis === 'tier'
      ? inTopTier
      : buyers.sort((a, b) => b.revenue - a.revenue).slice(0, Math.ceil(buyers.length * topShare));
  const counts = new Map<string, number>();
  for (const buyer of top) {
    for (const [attribute, value] of buyer.values) {
      const key = JSON.stringify([attribute, value]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const db = tablesOf(ctx);
  await db.deleteFrom('development_profile').where('team_id', '=', ctx.teamId).execute();
  const now = isoNow(ctx);
  const kept = new Map<string, number>();
  const rows = [...counts]
    .map(([key, customers]) => ({ pair: JSON.parse(key) as [string, string], customers }))
    .sort((a, b) => b.customers - a.customers || a.pair[1].localeCompare(b.pair[1]))
    .filter(({ pair: [attribute] }) => {
      // The card reads the whole profile: keep it small; rarer values count as none.
      kept.set(attribute, (kept.get(attribute) ?? 0) + 1);
      return (kept.get(attribute) ?? 0) <= VALUES_KEPT;
    })
    .map(({ pair: [attribute, value], customers }) => ({
      team_id: ctx.teamId,
      attribute,
      value,
      customers,
      top_customers: top.length,
      computed_at: now,
    }));
  for (const chunk of chunked(rows, 500)) {
    await db.insertInto('development_profile').values(chunk).execute();
  }
  await ctx.core.customers.touchAll(ctx.teamId);
  return { buyers: buyers.length, basis, topCustomers: top.length, values: rows.length };
}
