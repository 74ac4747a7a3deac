import type { PluginContext } from '@guanxi/core';
import { sql } from 'kysely';
import type { LoyaltyConfig } from '../config';
import { type Quadrant, quadrant, repeatPurchases } from '../measures';
import { loyaltyDb } from '../tables';

/** A range of time: `from` inclusive, `to` exclusive. */
export interface LoyaltyRange {
  readonly from: string;
  readonly to: string;
}

/** A question of the attitude survey, with the mean of the answers (null without any). */
export interface AttitudeMean {
  readonly answered: number;
  readonly mean: number | null;
}

/** What the attitude surveys taken in a range say. */
export interface AttitudeFigures {
  readonly answered: number;
  readonly choosingDays: AttitudeMean;
  readonly competitors: AttitudeMean;
  readonly qualityTolerance: AttitudeMean;
}

type Ctx = Pick<PluginContext<LoyaltyConfig>, 'teamId' | 'db' | 'core' | 'config'>;

const round = (value: number | string | null) =>
  value === null ? null : Math.round(Number(value) * 100) / 100;

/** The range's latest attitude surveys, by the (team, at) index. */
function attitudesIn(ctx: Ctx, range: LoyaltyRange) {
  return loyaltyDb(ctx)
    .selectFrom('loyalty_attitudes')
    .where('team_id', '=', ctx.teamId)
    .where('at', '>=', range.from)
    .where('at', '<', range.to);
}

/** The means of the attitude surveys taken in the range, in one aggregated query. */
export async function attitudeFigures(ctx: Ctx, range: LoyaltyRange): Promise<AttitudeFigures> {
  const row = await attitudesIn(ctx, range)
    .select([
      sql<number>`count(*)`.as('answered'),
      sql<number>`count(choosing_days)`.as('days'),
      sql<number | null>`avg(choosing_days)`.as('daysMean'),
      sql<number>`count(competitors)`.as('rivals'),
      sql<number | null>`avg(competitors)`.as('rivalsMean'),
      sql<number>`count(quality_tolerance)`.as('tolerance'),
      sql<number | null>`avg(quality_tolerance)`.as('toleranceMean'),
    ])
    .executeTakeFirstOrThrow();
  return {
    answered: Number(row.answered),
    choosingDays: { answered: Number(row.days), mean: round(row.daysMean) },
    competitors: { answered: Number(row.rivals), mean: round(row.rivalsMean) },
    qualityTolerance: { answered: Number(row.tolerance), mean: round(row.toleranceMean) },
  };
}

/** Orders flagged in the range as sold at a discount, by the (team, at) index. */
export async function discountedOrders(ctx: Ctx, range: LoyaltyRange): Promise<number> {
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_discounts')
    .select(sql<number>`count(*)`.as('n'))
    .where('team_id', '=', ctx.teamId)
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .where('discounted', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether each customer is loyal in behaviour: repeat purchases at the team's threshold or more. */
export async function loyalOf(
  ctx: Ctx,
  customerIds: readonly number[],
): Promise<ReadonlyMap<number, boolean>> {
  const facts = await ctx.core.facts.many(ctx.teamId, customerIds);
  return new Map(
    facts.map((f) => [f.customerId, repeatPurchases(f) >= ctx.config.quadrant.repeatThreshold]),
  );
}

/** The customers surveyed in the range by their kind of loyalty (attitude × behaviour). */
export async function quadrantCounts(
  ctx: Ctx,
  range: LoyaltyRange,
): Promise<Readonly<Record<Quadrant, number>>> {
  const answers = await attitudesIn(ctx, range).select(['customer_id', 'score']).execute();
  const facts = await ctx.core.facts.many(
    ctx.teamId,
    answers.map((row) => Number(row.customer_id)),
  );
  const repeats = new Map(facts.map((f) => [f.customerId, repeatPurchases(f)]));
  const counts: Record<Quadrant, number> = { loyal: 0, latent: 0, spurious: 0, not_loyal: 0 };
  for (const row of answers) {
    const kind = quadrant(
      row.score,
      repeats.get(Number(row.customer_id)) ?? 0,
      ctx.config.quadrant,
    );
    if (kind !== null) counts[kind] += 1;
  }
  return counts;
}
