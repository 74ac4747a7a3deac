import type { PluginContext } from '@guanxi/core';
import { type ExpressionBuilder, sql } from 'kysely';
import type { WinbackConfig } from '../config';
import type { ChurnKind } from '../kinds';
import type { Action } from '../playbook/plan';
import { type Policy, TIER_RANK } from '../policy';
import type { RiskRule } from '../risk';
import { tablesOf, type WinbackTables } from '../tables';

type Ctx = PluginContext<WinbackConfig>;

/** A playbook without a tier (tiering off) counts as normal, as its policy did. */
const tierKey = sql<number>`coalesce(p.tier, ${TIER_RANK.normal})`;

export interface WorklistFilter {
  /** A tier's rank (TIER_RANK). */
  readonly tier?: number | undefined;
  readonly kind?: ChurnKind | undefined;
  /** Only next steps past due. */
  readonly overdue?: boolean | undefined;
  /** Only this user's customers (a rep's worklist). */
  readonly owner?: number | undefined;
}

export interface NextStep {
  readonly playbookId: number;
  readonly customerId: number;
  readonly kind: ChurnKind;
  readonly tier: number;
  readonly policy: Policy;
  readonly stepNo: number;
  readonly action: Action;
  readonly dueAt: string;
}

export interface AtRiskRow {
  readonly customerId: number;
  readonly tier: number;
  readonly rule: RiskRule;
  readonly pAlive: number | null;
  readonly daysSince: number;
  readonly thresholdDays: number | null;
  readonly assessedAt: string;
  readonly checkedAt: string | null;
}

/** The team's open playbooks with their next step not done, under the filter. */
function openSteps(ctx: Ctx, filter: WorklistFilter) {
  const { tier, kind, overdue, owner } = filter;
  return tablesOf(ctx)
    .selectFrom('winback_playbooks as p')
    .innerJoin('winback_steps as s', 's.playbook_id', 'p.id')
    .where('p.team_id', '=', ctx.teamId)
    .where('p.status', '=', 'open')
    .where('s.done_at', 'is', null)
    .where('s.step_no', '=', (eb) =>
      eb
        .selectFrom('winback_steps as e')
        .select((e) => e.fn.min('e.step_no').as('first'))
        .whereRef('e.playbook_id', '=', 'p.id')
        .where('e.done_at', 'is', null),
    )
    .$if(tier !== undefined, (q) => q.where(sql<boolean>`${tierKey} = ${tier as number}`))
    .$if(kind !== undefined, (q) => q.where('p.kind', '=', kind as ChurnKind))
    .$if(overdue === true, (q) => q.where('s.due_at', '<', ctx.clock.now().toISOString()))
    .$if(owner !== undefined, (q) =>
      q.where(
        sql<boolean>`p.customer_id in (${ctx.core.customers.ownedBy(ctx.teamId, owner as number)})`,
      ),
    );
}

/**
 * A page of churned customers' next steps: key customers first (by tier), then the step due
 * first; `after` is the last playbook of the page before.
 */
export async function nextSteps(
  ctx: Ctx,
  filter: WorklistFilter,
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<NextStep[]> {
  const key =
    page.after === undefined
      ? undefined
      : await openSteps(ctx, {})
          .select([tierKey.as('tier'), 's.due_at', 'p.id'])
          .where('p.id', '=', page.after)
          .executeTakeFirst();
  const rows = await openSteps(ctx, filter)
    .select([
      'p.id',
      'p.customer_id',
      'p.kind',
      tierKey.as('tier'),
      'p.policy',
      's.step_no',
      's.action',
      's.due_at',
    ])
    .$if(key !== undefined, (q) =>
      q.where(
        sql<boolean>`(${tierKey} < ${key?.tier} or (${tierKey} = ${key?.tier} and (s.due_at > ${key?.due_at} or (s.due_at = ${key?.due_at} and p.id > ${key?.id}))))`,
      ),
    )
    .orderBy(tierKey, 'desc')
    .orderBy('s.due_at')
    .orderBy('p.id')
    .limit(page.size)
    .execute();
  return rows.map((row) => ({
    playbookId: Number(row.id),
    customerId: Number(row.customer_id),
    kind: row.kind,
    tier: Number(row.tier),
    policy: row.policy,
    stepNo: Number(row.step_no),
    action: row.action as Action,
    dueAt: row.due_at,
  }));
}

/** The team's at-risk customers under the filter; those checked in on only when `all`. */
function atRiskOf(ctx: Ctx, filter: WorklistFilter & { readonly all?: boolean }) {
  return tablesOf(ctx)
    .selectFrom('winback_at_risk')
    .where('team_id', '=', ctx.teamId)
    .$if(filter.tier !== undefined, (q) => q.where('tier', '=', filter.tier as number))
    .$if(filter.all !== true, (q) => q.where('checked_at', 'is', null))
    .$if(filter.owner !== undefined, (q) =>
      q.where(
        sql<boolean>`customer_id in (${ctx.core.customers.ownedBy(ctx.teamId, filter.owner as number)})`,
      ),
    );
}

/**
 * A page of the at-risk customers: key customers first, then the longest without an order;
 * `after` is the last customer of the page before. Read by the worklist index (migration 0004).
 */
export async function atRiskRows(
  ctx: Ctx,
  filter: WorklistFilter & { readonly all?: boolean },
  page: { readonly after?: number | undefined; readonly size: number },
): Promise<AtRiskRow[]> {
  const key =
    page.after === undefined
      ? undefined
      : await atRiskOf(ctx, { all: true })
          .select(['tier', 'days_since', 'customer_id'])
          .where('customer_id', '=', page.after)
          .executeTakeFirst();
  const rows = await atRiskOf(ctx, filter)
    .selectAll()
    .$if(key !== undefined, (q) =>
      q.where((eb: ExpressionBuilder<WinbackTables, 'winback_at_risk'>) =>
        eb.or([
          eb('tier', '<', key?.tier as number),
          eb.and([
            eb('tier', '=', key?.tier as number),
            eb.or([
              eb('days_since', '<', key?.days_since as number),
              eb.and([
                eb('days_since', '=', key?.days_since as number),
                eb('customer_id', '<', key?.customer_id as number),
              ]),
            ]),
          ]),
        ]),
      ),
    )
    .orderBy('tier', 'desc')
    .orderBy('days_since', 'desc')
    .orderBy('customer_id', 'desc')
    .limit(page.size)
    .execute();
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    tier: Number(row.tier),
    rule: row.rule,
    pAlive: row.p_alive === null ? null : Number(row.p_alive),
    daysSince: Number(row.days_since),
    thresholdDays: row.threshold_days === null ? null : Number(row.threshold_days),
    assessedAt: row.assessed_at,
    checkedAt: row.checked_at,
  }));
}

export interface WorklistCounts {
  readonly open: number;
  readonly overdue: number;
  readonly key: number;
  readonly atRisk: number;
}

/** The viewer's worklist at a glance: open playbooks, overdue next steps, key ones, at risk. */
export async function worklistCounts(ctx: Ctx, owner: number | undefined): Promise<WorklistCounts> {
  const now = ctx.clock.now().toISOString();
  const [steps, risk] = await Promise.all([
    openSteps(ctx, { owner })
      .select((eb) => [
        eb.fn.countAll<number | string>().as('open'),
        sql<number | string>`sum(case when s.due_at < ${now} then 1 else 0 end)`.as('overdue'),
        sql<
          number | string
        >`sum(case when ${tierKey} >= ${TIER_RANK.secondary} then 1 else 0 end)`.as('key'),
      ])
      .executeTakeFirstOrThrow(),
    atRiskOf(ctx, { owner })
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    open: Number(steps.open),
    overdue: Number(steps.overdue ?? 0),
    key: Number(steps.key ?? 0),
    atRisk: Number(risk.n),
  };
}
