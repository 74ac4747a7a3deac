import { chunked, type PluginContext } from '@guanxi/core';
import type { WinbackConfig } from './config';
import { TIER_RANK } from './policy';
import { tierRanksOf } from './readers';
import type { Risk } from './risk';
import { tablesOf } from './tables';

type Ctx = Pick<
  PluginContext<WinbackConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'timeZone' | 'use'
>;

/** An active customer a detection found past half the way to churn, and why. */
export interface AtRisk {
  readonly customerId: number;
  readonly risk: Risk;
}

/** The number of a new detection run of the team: one past the last. */
export async function nextRun(ctx: Ctx): Promise<number> {
  const row = await tablesOf(ctx)
    .selectFrom('winback_at_risk')
    .select((eb) => eb.fn.max('run').as('run'))
    .where('team_id', '=', ctx.teamId)
    .executeTakeFirst();
  return Number(row?.run ?? 0) + 1;
}

/**
 * Keeps the customers this run found at risk, with their tier now (normal's when tiering
 * gives none, as the policy counts it); a check-in already noted on one stays.
 */
export async function keepAtRisk(ctx: Ctx, run: number, found: readonly AtRisk[]): Promise<void> {
  if (found.length === 0) return;
  const tiers = await tierRanksOf(
    ctx,
    found.map((each) => each.customerId),
  );
  const at = ctx.clock.now().toISOString();
  for (const chunk of chunked(found, 500)) {
    await tablesOf(ctx)
      .insertInto('winback_at_risk')
      .values(
        chunk.map(({ customerId, risk }) => ({
          team_id: ctx.teamId,
          customer_id: customerId,
          tier: tiers.get(customerId) ?? TIER_RANK.normal,
          rule: risk.rule,
          p_alive: risk.pAlive,
          days_since: risk.daysSinceLastOrder,
          threshold_days: risk.thresholdDays,
          run,
          assessed_at: at,
          checked_at: null,
          checked_by: null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['team_id', 'customer_id']).doUpdateSet((eb) => ({
          tier: eb.ref('excluded.tier'),
          rule: eb.ref('excluded.rule'),
          p_alive: eb.ref('excluded.p_alive'),
          days_since: eb.ref('excluded.days_since'),
          threshold_days: eb.ref('excluded.threshold_days'),
          run: eb.ref('excluded.run'),
          assessed_at: eb.ref('excluded.assessed_at'),
        })),
      )
      .execute();
  }
}

/** Forgets the customers a run did not find at risk: back to buying, churned, or moved on. */
export async function dropStale(ctx: Ctx, run: number): Promise<number> {
  const result = await tablesOf(ctx)
    .deleteFrom('winback_at_risk')
    .where('team_id', '=', ctx.teamId)
    .where('run', '<', run)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Notes that someone checked in on an at-risk customer: logged as an outbound interaction
 * through the core, and kept on the worklist's row. Returns whether the customer was on it.
 */
export async function checkIn(ctx: Ctx, customerId: number, actor: string): Promise<boolean> {
  const at = ctx.clock.now().toISOString();
  const updated = await tablesOf(ctx)
    .updateTable('winback_at_risk')
    .set({ checked_at: at, checked_by: actor })
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await ctx.core.interactions.log(ctx.teamId, [
    {
      customerId,
      channel: 'other',
      direction: 'outbound',
      summary: 'Win-back: checked in before they lapse',
      occurredAt: at,
      actor,
    },
  ]);
  return true;
}
