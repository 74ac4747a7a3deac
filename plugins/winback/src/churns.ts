import { chunked, GuanxiError, notFound, type PluginContext, type StageEvent } from '@guanxi/core';
import type { WinbackConfig } from './config';
import { type ChurnKind, deriveKind, type KindSource, type SignalKind } from './kinds';
import { createPlaybooks, type NewPlaybook, replan } from './playbook/playbooks';
import { type Policy, policyFor } from './policy';
import { tierRanksOf } from './readers';
import type { RiskRule } from './risk';
import { tablesOf } from './tables';

type Ctx = Pick<
  PluginContext<WinbackConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'timeZone' | 'use'
>;

/** The actor the detection job moves customers as; its reasons name no kind. */
export const DETECTION_ACTOR = 'plugin:winback';

export interface Churn {
  readonly id: number;
  readonly customerId: number;
  readonly churnedAt: string;
  readonly reason: string;
  readonly kind: ChurnKind;
  readonly kindSource: KindSource;
  readonly tier: number | null;
  readonly policy: Policy;
  readonly wonBackAt: string | null;
  /** The detection rule that decided; null when a person moved the customer. */
  readonly rule: RiskRule | null;
}

/** Everything recorded about the customers before `until`, for deriving kinds. */
async function evidenceOf(ctx: Ctx, customerIds: readonly number[]) {
  const db = tablesOf(ctx);
  const previous = new Map<number, string>();
  const signals = new Map<number, { kind: SignalKind; at: string }[]>();
  const complaints = new Map<number, { openedAt: string; closedAt: string | null }[]>();
  for (const ids of chunked(customerIds, 500)) {
    const churns = await db
      .selectFrom('winback_churns')
      .select(['customer_id', 'churned_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .execute();
    for (const c of churns) {
      if ((previous.get(c.customer_id) ?? '') < c.churned_at)
        previous.set(c.customer_id, c.churned_at);
    }
    const signalRows = await db
      .selectFrom('winback_signals')
      .select(['customer_id', 'kind', 'recorded_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const s of signalRows) {
      const list = signals.get(s.customer_id) ?? [];
      list.push({ kind: s.kind, at: s.recorded_at });
      signals.set(s.customer_id, list);
    }
    const complaintRows = await db
      .selectFrom('winback_complaints')
      .select(['customer_id', 'opened_at', 'closed_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .execute();
    for (const c of complaintRows) {
      const list = complaints.get(c.customer_id) ?? [];
      list.push({ openedAt: c.opened_at, closedAt: c.closed_at });
      complaints.set(c.customer_id, list);
    }
  }
  return { previous, signals, complaints };
}

/**
 * Records each churn with its kind, the customer's tier and the policy, and opens a playbook
 * for the owner unless the customer is let go.
 */
export async function recordChurns(ctx: Ctx, events: readonly StageEvent[]): Promise<void> {
  const ids = [...new Set(events.map((e) => e.customerId))];
  const facts = await ctx.core.facts.many(ctx.teamId, ids);
  const factsOf = new Map(facts.map((f) => [f.customerId, f]));
  const tiers = await tierRanksOf(ctx, ids);
  const { previous, signals, complaints } = await evidenceOf(ctx, ids);
  const playbooks: NewPlaybook[] = [];
  for (const event of events) {
    const at = event.occurredAt;
    const since = previous.get(event.customerId) ?? '';
    const { kind, source } = deriveKind({
      signals: (signals.get(event.customerId) ?? [])
        .filter((s) => s.at > since && s.at <= at)
        .map((s) => s.kind),
      openComplaint: (complaints.get(event.customerId) ?? []).some(
        (c) => c.openedAt <= at && (c.closedAt === null || c.closedAt > at),
      ),
      repReason: event.actor === DETECTION_ACTOR || event.cause !== 'manual' ? null : event.reason,
    });
    const tier = tiers.get(event.customerId) ?? null;
    const policy = policyFor(kind, tier, factsOf.get(event.customerId)?.margin ?? 0);
    const churn = await tablesOf(ctx)
      .insertInto('winback_churns')
      .values({
        team_id: ctx.teamId,
        customer_id: event.customerId,
        churned_at: at,
        reason: event.reason,
        kind,
        kind_source: source,
        tier,
        policy,
        won_back_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    previous.set(event.customerId, at);
    if (kind === 'malicious' || policy === 'let_go') continue;
    const customer = await ctx.core.customers.find(ctx.teamId, event.customerId);
    playbooks.push({
      churnId: churn.id,
      customerId: event.customerId,
      kind,
      tier,
      policy,
      ownerUserId: customer?.ownerUserId ?? null,
    });
  }
  await createPlaybooks(ctx, playbooks);
  await ctx.core.customers.touch(ctx.teamId, ids);
}

/** Keeps on the customer's latest churn which detection rule decided it. */
export async function noteRule(ctx: Ctx, customerId: number, rule: RiskRule): Promise<void> {
  await tablesOf(ctx)
    .updateTable('winback_churns')
    .set({ rule })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('winback_churns as latest')
        .select((e) => e.fn.max('latest.id').as('id'))
        .where('latest.team_id', '=', ctx.teamId)
        .where('latest.customer_id', '=', customerId),
    )
    .execute();
}

/** Marks the customers' open churns won back. */
export async function markWonBack(ctx: Ctx, customerIds: readonly number[]): Promise<void> {
  for (const ids of chunked(customerIds, 500)) {
    await tablesOf(ctx)
      .updateTable('winback_churns')
      .set({ won_back_at: ctx.clock.now().toISOString() })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .where('won_back_at', 'is', null)
      .execute();
  }
}

function toChurn(row: {
  id: number;
  customer_id: number;
  churned_at: string;
  reason: string;
  kind: ChurnKind;
  kind_source: KindSource;
  tier: number | null;
  policy: Policy;
  won_back_at: string | null;
  rule: RiskRule | null;
}): Churn {
  return {
    id: row.id,
    customerId: row.customer_id,
    churnedAt: row.churned_at,
    reason: row.reason,
    kind: row.kind,
    kindSource: row.kind_source,
    tier: row.tier,
    policy: row.policy,
    wonBackAt: row.won_back_at,
    rule: row.rule,
  };
}

/** The customer's latest churn, if they ever churned. */
export async function latestChurn(ctx: Ctx, customerId: number): Promise<Churn | undefined> {
  const row = await tablesOf(ctx)
    .selectFrom('winback_churns')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toChurn(row);
}

export interface KindChange {
  readonly from: ChurnKind;
  readonly to: ChurnKind;
  readonly reason: string;
  readonly actor: string;
  readonly changedAt: string;
}

/** Who changed the kind of the churn, when, from what to what, oldest first. */
export async function kindChanges(ctx: Ctx, churnId: number): Promise<KindChange[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('winback_kind_changes')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('churn_id', '=', churnId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    from: r.from_kind,
    to: r.to_kind,
    reason: r.reason,
    actor: r.actor,
    changedAt: r.changed_at,
  }));
}

/** The churn of a customer of the team, or GX_ERR_NOT_FOUND / GX_ERR_CONFLICT. */
export async function churnOf(ctx: Ctx, customerId: number): Promise<Churn> {
  if ((await ctx.core.customers.find(ctx.teamId, customerId)) === undefined) {
    throw notFound('customer', 'customerId', customerId);
  }
  const churn = await latestChurn(ctx, customerId);
  if (churn === undefined) {
    throw new GuanxiError('GX_ERR_CONFLICT', `Customer ${customerId} has never churned`, {
      issues: [{ path: 'customerId', message: 'the customer has never churned' }],
    });
  }
  return churn;
}

/**
 * A person's correction of the kind of the customer's latest churn, kept with who, when, from
 * and to; the policy and an open playbook follow the new kind.
 */
export async function correctKind(
  ctx: Ctx,
  customerId: number,
  change: { readonly kind: ChurnKind; readonly reason: string; readonly actor: string },
): Promise<Churn> {
  const churn = await churnOf(ctx, customerId);
  if (churn.kind === change.kind) {
    throw new GuanxiError('GX_ERR_CONFLICT', `The churn is already ${change.kind}`, {
      issues: [{ path: 'kind', message: `the churn is already ${change.kind}` }],
    });
  }
  const facts = await ctx.core.facts.get(ctx.teamId, customerId);
  const policy = policyFor(change.kind, churn.tier, facts.margin);
  const now = ctx.clock.now().toISOString();
  await tablesOf(ctx)
    .insertInto('winback_kind_changes')
    .values({
      team_id: ctx.teamId,
      churn_id: churn.id,
      customer_id: customerId,
      from_kind: churn.kind,
      to_kind: change.kind,
      reason: change.reason,
      actor: change.actor,
      changed_at: now,
    })
    .execute();
  await tablesOf(ctx)
    .updateTable('winback_churns')
    .set({ kind: change.kind, kind_source: 'rep', policy })
    .where('id', '=', churn.id)
    .execute();
  if (churn.wonBackAt === null) await replan(ctx, churn, change.kind, policy);
  await ctx.core.customers.touch(ctx.teamId, [customerId]);
  return { ...churn, kind: change.kind, kindSource: 'rep', policy };
}
