import { PreparedQuery } from '@guanxi/core';
import type { Measure } from './config';
import type { BoundaryThreshold, RankKey, Thresholds } from './pyramid';
import type { TieringDb, TieringTables } from './store';
import { BOUNDARIES } from './tiers';

type Row = TieringTables['tiering_thresholds'];

function keyOf(value: number | null, customerId: number | null): RankKey | null {
  return value === null || customerId === null ? null : { value, customerId };
}

const thresholdsOf = new PreparedQuery<{ teamId: number }, Row, TieringTables>((db, param) =>
  db.selectFrom('tiering_thresholds').selectAll().where('team_id', '=', param('teamId')),
);

/** The team's thresholds from its last recompute, or undefined before the first one. */
export async function loadThresholds(
  db: TieringDb,
  teamId: number,
): Promise<Thresholds | undefined> {
  const rows = await thresholdsOf.execute(db, { teamId });
  const boundaries = BOUNDARIES.map((boundary) => rows.find((r) => r.boundary === boundary));
  const [first] = boundaries;
  if (first === undefined || boundaries.some((row) => row === undefined)) return undefined;
  const toBoundary = (row: Row): BoundaryThreshold => ({
    boundary: row.boundary,
    margin: row.margin,
    at: { rank: row.rank, key: keyOf(row.value, row.customer_id) },
    keepAbove: {
      rank: row.rank + row.margin,
      key: keyOf(row.keep_above_value, row.keep_above_customer_id),
    },
    keepBelow: {
      rank: row.rank - row.margin,
      key: keyOf(row.keep_below_value, row.keep_below_customer_id),
    },
  });
  return {
    measure: first.measure as Measure,
    customers: first.customers,
    computedAt: first.computed_at,
    boundaries: (boundaries as Row[]).map(toBoundary),
  };
}

/** Replaces the team's thresholds. */
export async function saveThresholds(
  db: TieringDb,
  teamId: number,
  thresholds: Thresholds,
): Promise<void> {
  await db.deleteFrom('tiering_thresholds').where('team_id', '=', teamId).execute();
  await db
    .insertInto('tiering_thresholds')
    .values(
      thresholds.boundaries.map((b) => ({
        team_id: teamId,
        boundary: b.boundary,
        measure: thresholds.measure,
        customers: thresholds.customers,
        rank: b.at.rank,
        value: b.at.key?.value ?? null,
        customer_id: b.at.key?.customerId ?? null,
        margin: b.margin,
        keep_above_value: b.keepAbove.key?.value ?? null,
        keep_above_customer_id: b.keepAbove.key?.customerId ?? null,
        keep_below_value: b.keepBelow.key?.value ?? null,
        keep_below_customer_id: b.keepBelow.key?.customerId ?? null,
        computed_at: thresholds.computedAt,
      })),
    )
    .execute();
}
