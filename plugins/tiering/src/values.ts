import type { CustomerFacts, PluginContext } from '@guanxi/core';
import { chunked, customerKeys, PreparedBatch } from '@guanxi/core';
import { announceChanges, recordChanges } from './changes';
import type { Measure, TieringConfig } from './config';
import type { TierChange } from './events';
import { ladderCutoffs, ladderLevel } from './ladder';
import { placeTier, type RankKey, type Thresholds, thresholdValue } from './pyramid';
import { storedValues, type TieringTables, tieringDb } from './store';
import { loadThresholds } from './thresholds';
import { crossedBoundary, type Tier } from './tiers';

/** New facts of one customer and, if the write gave one, its new value by the team's measure. */
export interface ValueUpdate {
  readonly facts: CustomerFacts;
  /** Undefined keeps the stored value (0 for a customer the plugin has not seen). */
  readonly value: number | undefined;
}

export interface StoreOptions {
  /**
   * Place customers whose value changed, and new ones, against the stored thresholds. Off
   * for the refresh that precedes a recompute: tiers then keep still (new customers: small).
   */
  readonly place: boolean;
}

type ValueRow = TieringTables['tiering_values'];

const upsertValues = new PreparedBatch<ValueRow, unknown, TieringTables>(
  [
    'team_id',
    'customer_id',
    'value',
    'tier',
    'previous_tier',
    'tier_since',
    'ladder',
    'order_count',
    'first_order_at',
    'last_order_at',
    'updated_at',
  ],
  (db, rows) =>
    db
      .insertInto('tiering_values')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['team_id', 'customer_id']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          tier: eb.ref('excluded.tier'),
          previous_tier: eb.ref('excluded.previous_tier'),
          tier_since: eb.ref('excluded.tier_since'),
          ladder: eb.ref('excluded.ladder'),
          order_count: eb.ref('excluded.order_count'),
          first_order_at: eb.ref('excluded.first_order_at'),
          last_order_at: eb.ref('excluded.last_order_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
);

interface Stored {
  readonly value: number;
  readonly tier: Tier;
  readonly previous_tier: Tier | null;
  readonly tier_since: string;
}

/** The measure's value in the core's facts: revenue or margin; undefined for scorer measures. */
export function factValue(measure: Measure, facts: CustomerFacts): number | undefined {
  if (measure === 'revenue') return facts.revenue;
  if (measure === 'margin') return facts.margin;
  return undefined;
}

/**
 * The thresholds of the team's last recompute, if it ranked by the current measure; writes
 * place customers against them. Before any recompute (or after a change of measure) there
 * are none: customers keep their tier, and a new customer starts as `small`.
 */
export async function currentThresholds(
  ctx: PluginContext<TieringConfig>,
): Promise<Thresholds | undefined> {
  const thresholds = await loadThresholds(tieringDb(ctx), ctx.teamId);
  return thresholds?.measure === ctx.config.measure ? thresholds : undefined;
}

function tierFor(
  key: RankKey,
  stored: Stored | undefined,
  thresholds: Thresholds | undefined,
  hysteresis: boolean,
): Tier {
  if (thresholds === undefined) return stored?.tier ?? 'small';
  if (stored !== undefined && stored.value === key.value) return stored.tier;
  return placeTier(key, stored?.tier, thresholds, hysteresis);
}

/**
 * Stores customers' values and ladder facts, places them (see StoreOptions), and records,
 * announces and touches every tier change. Non-customers are left out: the pyramid ranks
 * customers (see unrank.ts). Returns how many customers changed tier.
 */
export async function storeValues(
  ctx: PluginContext<TieringConfig>,
  updates: readonly ValueUpdate[],
  options: StoreOptions,
): Promise<number> {
  const db = tieringDb(ctx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const thresholds = options.place ? await currentThresholds(ctx) : undefined;
  const hysteresis = ctx.config.hysteresis > 0;
  const cutoffs = ladderCutoffs(now, ctx.config.ladder, ctx.timeZone);
  const unique = [...new Map(updates.map((u) => [u.facts.customerId, u])).values()];
  const changes: TierChange[] = [];
  for (const batch of chunked(unique, 500)) {
    const outside = await ctx.core.customers.inStage(
      ctx.teamId,
      'non_customer',
      batch.map((u) => u.facts.customerId),
    );
    const chunk = batch.filter((u) => !outside.has(u.facts.customerId));
    if (chunk.length === 0) continue;
    const rows = await storedValues.execute(
      db,
      customerKeys(
        ctx.teamId,
        chunk.map((u) => u.facts.customerId),
      ),
    );
    const storedOf = new Map<number, Stored>(rows.map((row) => [row.customer_id, row]));
    const values = chunk.map(({ facts, value }) => {
      const stored = storedOf.get(facts.customerId);
      const key = { value: value ?? stored?.value ?? 0, customerId: facts.customerId };
      const tier = tierFor(key, stored, thresholds, hysteresis);
      const moved = stored !== undefined && stored.tier !== tier;
      if (moved && thresholds !== undefined) {
        changes.push({
          customerId: key.customerId,
          from: stored.tier,
          to: tier,
          value: key.value,
          rank: null,
          of: thresholds.customers,
          threshold: thresholdValue(thresholds, crossedBoundary(stored.tier, tier)),
          measure: ctx.config.measure,
          cause: 'write',
          changedAt: at,
        });
      }
      return {
        team_id: ctx.teamId,
        customer_id: key.customerId,
        value: key.value,
        tier,
        previous_tier: moved ? stored.tier : (stored?.previous_tier ?? null),
        tier_since: moved || stored === undefined ? at : stored.tier_since,
        ladder: ladderLevel(facts, cutoffs),
        order_count: facts.orderCount,
        first_order_at: facts.firstOrderAt,
        last_order_at: facts.lastOrderAt,
        updated_at: at,
      };
    });
    await upsertValues.execute(db, values);
  }
  if (changes.length > 0) {
    await recordChanges(ctx, changes);
    await announceChanges(ctx, changes, { touch: true });
  }
  return changes.length;
}

/**
 * Stores these customers' values by the team's measure from their facts as they are now (a
 * scorer measure keeps the stored value) and places them: see storeValues.
 */
export async function placeByFacts(
  ctx: PluginContext<TieringConfig>,
  customerIds: readonly number[],
): Promise<number> {
  if (customerIds.length === 0) return 0;
  const facts = await ctx.core.facts.many(ctx.teamId, customerIds);
  return storeValues(
    ctx,
    facts.map((f) => ({ facts: f, value: factValue(ctx.config.measure, f) })),
    { place: true },
  );
}
