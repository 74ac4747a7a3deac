import { type CustomerKey, dialectOf, type PluginContext, PreparedBatch } from '@guanxi/core';
import { type ExpressionBuilder, type Generated, type Kysely, sql } from 'kysely';
import type { Boundary, LadderLevel, Tier } from './tiers';

/** The tiering plugin's own tables; it reads everything else through the core API. */
export interface TieringTables {
  tiering_values: {
    team_id: number;
    customer_id: number;
    /** The measure's value: minor units for revenue, margin and CLV. */
    value: number;
    tier: Tier;
    /** The tier before the last change; null if it never changed. */
    previous_tier: Tier | null;
    tier_since: string;
    ladder: LadderLevel;
    /** Copies of the core's facts the ladder needs, so the job can place everyone in SQL. */
    order_count: number;
    first_order_at: string | null;
    last_order_at: string | null;
    updated_at: string;
  };
  tiering_thresholds: {
    team_id: number;
    boundary: Boundary;
    measure: string;
    customers: number;
    rank: number;
    value: number | null;
    customer_id: number | null;
    margin: number;
    keep_above_value: number | null;
    keep_above_customer_id: number | null;
    keep_below_value: number | null;
    keep_below_customer_id: number | null;
    computed_at: string;
  };
  tiering_marks: { team_id: number; rank: number; value: number; customer_id: number };
  tiering_runs: {
    id: Generated<number>;
    team_id: number;
    measure: string;
    customers: number;
    changed: number;
    hysteresis: number;
    ran_at: string;
  };
  tiering_changes: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    run_id: number | null;
    from_tier: Tier;
    to_tier: Tier;
    value: number;
    rank: number | null;
    threshold: number | null;
    measure: string;
    changed_at: string;
  };
}

export type TieringDb = Kysely<TieringTables>;

/** The plugin's tables on the context's transaction. */
export function tieringDb(ctx: PluginContext<unknown>): TieringDb {
  return ctx.db as TieringDb;
}

/**
 * Where-clause for the team's values of these customers. On SQLite the team test is written
 * `+team_id`, so the planner looks each customer up in the customer index instead of walking
 * the team's whole ranking, the primary key, which it would otherwise prefer.
 */
export function customersOfTeam(db: TieringDb, teamId: number, customerIds: readonly number[]) {
  const sameTeam =
    dialectOf(db) === 'sqlite'
      ? sql<boolean>`+team_id = ${teamId}`
      : sql<boolean>`team_id = ${teamId}`;
  return (eb: ExpressionBuilder<TieringTables, 'tiering_values'>) =>
    eb.and([sameTeam, eb('customer_id', 'in', customerIds)]);
}

/** Customers' stored values and tiers, as writes and the tier reader need them: compiled once per number of customers. */
export const storedValues = new PreparedBatch<
  CustomerKey,
  Pick<
    TieringTables['tiering_values'],
    'customer_id' | 'value' | 'tier' | 'previous_tier' | 'tier_since'
  >,
  TieringTables
>(['team_id', 'customer_id'], (db, keys) =>
  db
    .selectFrom('tiering_values')
    .select(['customer_id', 'value', 'tier', 'previous_tier', 'tier_since'])
    .where(
      customersOfTeam(
        db,
        (keys[0] as CustomerKey).team_id,
        keys.map((key) => key.customer_id),
      ),
    ),
);
