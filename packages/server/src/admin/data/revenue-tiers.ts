import type { CoreTables } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

export const TIERS = ['important', 'secondary', 'normal', 'small'] as const;
export type Tier = (typeof TIERS)[number];

/** DOMAIN §4's default shares of a team's customers, in percent, best tier first. */
export const DEFAULT_TIER_SHARES: Readonly<Record<Tier, number>> = {
  important: 1,
  secondary: 19,
  normal: 30,
  small: 50,
};

export interface TierCount {
  readonly tier: Tier;
  readonly customers: number;
  /** Minor units. */
  readonly revenue: number;
}

/**
 * The customer pyramid until a tiering plugin provides one: the team's customers ranked by
 * revenue, a customer falling in the first tier whose cumulative share covers the customers
 * ranked above it (so the best customer is always in the top tier).
 */
export async function revenueTiers(db: Kysely<CoreTables>, teamId: number): Promise<TierCount[]> {
  const s = DEFAULT_TIER_SHARES;
  const [important, secondary, normal] = [
    s.important,
    s.important + s.secondary,
    s.important + s.secondary + s.normal,
  ].map((share) => sql.lit(share));
  const { rows } = await sql<{ tier: Tier; customers: number | string; revenue: number | string }>`
    with ranked as (
      select coalesce(f.revenue, 0) as revenue,
             row_number() over (order by coalesce(f.revenue, 0) desc, c.id) - 1 as ahead,
             count(*) over () as total
      from customers c
      left join customer_facts f on f.customer_id = c.id
      where c.team_id = ${teamId}
    )
    select case
             when ahead * 100 < total * ${important} then 'important'
             when ahead * 100 < total * ${secondary} then 'secondary'
             when ahead * 100 < total * ${normal} then 'normal'
             else 'small'
           end as tier,
           count(*) as customers,
           sum(revenue) as revenue
    from ranked
    group by 1
  `.execute(db);
  return TIERS.map((tier) => {
    const row = rows.find((r) => r.tier === tier);
    return { tier, customers: Number(row?.customers ?? 0), revenue: Number(row?.revenue ?? 0) };
  });
}
