import { type RawBuilder, sql } from 'kysely';
import { type Cut, type Thresholds, thresholdValue } from './pyramid';
import { crossedBoundary, TIERS, type Tier, tierIndex } from './tiers';

// The rules of pyramid.ts as SQL over the columns `value`, `customer_id` and `tier` of a
// tiering_values row, so a recompute places every customer in one statement. Both versions
// are tested to agree (hysteresis.test.ts).

const TRUE = sql<boolean>`1 = 1`;
const FALSE = sql<boolean>`1 = 0`;

/** `within` of pyramid.ts: the row ranks at or above the cut. */
function withinSql(cut: Cut, customers: number): RawBuilder<boolean> {
  if (cut.rank <= 0) return FALSE;
  if (cut.rank >= customers || cut.key === null) return TRUE;
  const { value, customerId } = cut.key;
  return sql<boolean>`(value > ${value} or (value = ${value} and customer_id <= ${customerId}))`;
}

/** The ranked tier: within the first boundary's rank → important, and so on down. */
export function rankedTierSql(thresholds: Thresholds): RawBuilder<Tier> {
  const whens = thresholds.boundaries.map(
    (b) => sql`when ${withinSql(b.at, thresholds.customers)} then ${sql.lit(b.boundary)}`,
  );
  return sql<Tier>`case ${sql.join(whens, sql` `)} else 'small' end`;
}

/** `placeTier` of pyramid.ts: the current tier while hysteresis keeps it, else the ranked tier. */
export function placeTierSql(thresholds: Thresholds, hysteresis: boolean): RawBuilder<Tier> {
  if (!hysteresis) return rankedTierSql(thresholds);
  const keeps = TIERS.map((tier) => {
    const above = thresholds.boundaries[tierIndex(tier) - 1];
    const below = thresholds.boundaries[tierIndex(tier)];
    const conditions = [
      sql`tier = ${sql.lit(tier)}`,
      ...(above === undefined
        ? []
        : [sql`not ${withinSql(above.keepBelow, thresholds.customers)}`]),
      ...(below === undefined ? [] : [withinSql(below.keepAbove, thresholds.customers)]),
    ];
    return sql`when ${sql.join(conditions, sql` and `)} then tier`;
  });
  return sql<Tier>`case ${sql.join(keeps, sql` `)} else ${rankedTierSql(thresholds)} end`;
}

/**
 * The threshold value of the boundary crossed from `tier` to `to_tier` (see crossedBoundary),
 * as a SQL expression over those two columns.
 */
export function crossedThresholdSql(thresholds: Thresholds): RawBuilder<number | null> {
  const whens = TIERS.flatMap((from) =>
    TIERS.filter((to) => to !== from).map(
      (to) =>
        sql`when tier = ${sql.lit(from)} and to_tier = ${sql.lit(to)} then cast(${thresholdValue(thresholds, crossedBoundary(from, to))} as double precision)`,
    ),
  );
  return sql<number | null>`case ${sql.join(whens, sql` `)} end`;
}
