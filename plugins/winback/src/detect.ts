import type { PluginContext } from '@guanxi/core';
import { type AtRisk, dropStale, keepAtRisk, nextRun } from './at-risk';
import { DETECTION_ACTOR, noteRule } from './churns';
import type { WinbackConfig } from './config';
import { pAliveOf } from './readers';
import { assess, type Risk, type RiskRule } from './risk';

type Ctx = Pick<
  PluginContext<WinbackConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'timeZone' | 'use'
>;

const PAGE = 200;

export interface DetectResult {
  readonly checked: number;
  readonly churned: number;
  readonly byRule: Readonly<Record<RiskRule, number>>;
  /** Active customers past half the way to churn, now on the worklist. */
  readonly atRisk: number;
}

/** The transition's reason: the rule and the figures that decided it. */
function reasonOf(risk: Risk, config: WinbackConfig): string {
  if (risk.rule === 'p_alive') {
    return `P(alive) ${risk.pAlive?.toFixed(3)} under ${config.pAliveBelow}`;
  }
  const rule =
    risk.rule === 'one_order' ? 'after a single order' : `(${config.gapMultiple} × the median gap)`;
  return `no order for ${risk.daysSinceLastOrder} days, over ${risk.thresholdDays} ${rule}`;
}

/**
 * Moves the team's active customers who have churned to `churned`, a page at a time: by
 * P(alive) when scoring scores them, else by days without an order; and keeps those past
 * half the way there as the worklist's at-risk customers (see at-risk.ts).
 */
export async function detectChurn(ctx: Ctx): Promise<DetectResult> {
  const byRule: Record<RiskRule, number> = { p_alive: 0, median_gap: 0, one_order: 0 };
  let checked = 0;
  let atRisk = 0;
  let after: number | undefined;
  const now = ctx.clock.now();
  const run = await nextRun(ctx);
  do {
    const page = await ctx.core.customers.list(ctx.teamId, { stage: 'active', limit: PAGE, after });
    after = page.next ?? undefined;
    const ids = page.items.map((c) => c.id);
    const facts = await ctx.core.facts.many(ctx.teamId, ids);
    const pAlive = await pAliveOf(ctx, ids);
    const unscored = facts.filter((f) => !pAlive.has(f.customerId));
    const days = await ctx.core.orders.days(
      ctx.teamId,
      unscored.map((f) => f.customerId),
    );
    checked += facts.length;
    const found: AtRisk[] = [];
    for (const f of facts) {
      const risk = assess(
        ctx.config,
        f,
        pAlive.get(f.customerId),
        days.get(f.customerId) ?? [],
        now,
        ctx.timeZone,
      );
      if (risk !== null && !risk.churned && risk.atRisk)
        found.push({ customerId: f.customerId, risk });
      if (risk === null || !risk.churned) continue;
      await ctx.core.lifecycle.transition(ctx.teamId, f.customerId, {
        to: 'churned',
        reason: reasonOf(risk, ctx.config),
        actor: DETECTION_ACTOR,
      });
      await noteRule(ctx, f.customerId, risk.rule);
      byRule[risk.rule] += 1;
    }
    await keepAtRisk(ctx, run, found);
    atRisk += found.length;
  } while (after !== undefined);
  await dropStale(ctx, run);
  const churned = byRule.p_alive + byRule.median_gap + byRule.one_order;
  return { checked, churned, byRule, atRisk };
}
