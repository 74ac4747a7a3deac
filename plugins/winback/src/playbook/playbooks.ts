import { chunked, GuanxiError, notFound, type PluginContext, startOfDayFrom } from '@guanxi/core';
import type { WinbackConfig } from '../config';
import type { ChurnKind } from '../kinds';
import { ACTION_LABELS, PLAYBOOK_NAMES } from '../labels';
import type { Policy } from '../policy';
import { type PlaybookStatus, tablesOf, type WinbackTables } from '../tables';
import { type Action, stepsFor } from './plan';

type Ctx = Pick<
  PluginContext<WinbackConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'timeZone'
>;
type PlaybookRow = WinbackTables['winback_playbooks'] & { id: number };
type StepRow = WinbackTables['winback_steps'];

export interface Step {
  readonly stepNo: number;
  readonly action: Action;
  readonly title: { readonly en: string; readonly 'zh-CN': string };
  readonly dueAt: string;
  readonly doneAt: string | null;
  readonly doneBy: string | null;
  readonly note: string | null;
}

export interface Playbook {
  readonly id: number;
  readonly customerId: number;
  readonly churnId: number;
  readonly name: { readonly en: string; readonly 'zh-CN': string };
  readonly kind: ChurnKind;
  readonly tier: number | null;
  readonly policy: Policy;
  readonly ownerUserId: number | null;
  readonly status: PlaybookStatus;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly steps: readonly Step[];
}

export interface NewPlaybook {
  readonly churnId: number;
  readonly customerId: number;
  readonly kind: Exclude<ChurnKind, 'malicious'>;
  readonly tier: number | null;
  readonly policy: Exclude<Policy, 'let_go'>;
  readonly ownerUserId: number | null;
}

/** Days between steps under a policy, from the team's config. */
function stepDays(config: WinbackConfig, policy: Exclude<Policy, 'let_go'>): number {
  if (policy === 'all_costs') return config.stepDays.allCosts;
  return policy === 'try_hard' ? config.stepDays.tryHard : config.stepDays.whenCheap;
}

/**
 * Step rows for `actions`, numbered from `firstNo`: each due at the start of the team's day
 * one interval of days after the one before, the first one interval after `from`'s day.
 */
function stepRows(
  ctx: Ctx,
  playbookId: number,
  policy: Exclude<Policy, 'let_go'>,
  actions: readonly Action[],
  firstNo: number,
  from: Date,
): StepRow[] {
  const interval = stepDays(ctx.config, policy);
  return actions.map((action, i) => ({
    team_id: ctx.teamId,
    playbook_id: playbookId,
    step_no: firstNo + i,
    action,
    due_at: startOfDayFrom(from, (i + 1) * interval, ctx.timeZone),
    done_at: null,
    done_by: null,
    note: null,
  }));
}

/** Opens a playbook a churn, its steps due one policy interval apart from now. */
export async function createPlaybooks(ctx: Ctx, playbooks: readonly NewPlaybook[]): Promise<void> {
  const now = ctx.clock.now();
  for (const p of playbooks) {
    const row = await tablesOf(ctx)
      .insertInto('winback_playbooks')
      .values({
        team_id: ctx.teamId,
        churn_id: p.churnId,
        customer_id: p.customerId,
        kind: p.kind,
        tier: p.tier,
        policy: p.policy,
        owner_user_id: p.ownerUserId,
        status: 'open',
        created_at: now.toISOString(),
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tablesOf(ctx)
      .insertInto('winback_steps')
      .values(stepRows(ctx, row.id, p.policy, stepsFor(p.kind), 1, now))
      .execute();
  }
}

function toPlaybook(row: PlaybookRow, steps: readonly StepRow[]): Playbook {
  return {
    id: row.id,
    customerId: row.customer_id,
    churnId: row.churn_id,
    name: PLAYBOOK_NAMES[row.kind as Exclude<ChurnKind, 'malicious'>],
    kind: row.kind,
    tier: row.tier,
    policy: row.policy,
    ownerUserId: row.owner_user_id,
    status: row.status,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    steps: steps.map((s) => ({
      stepNo: s.step_no,
      action: s.action as Action,
      title: ACTION_LABELS[s.action as Action],
      dueAt: s.due_at,
      doneAt: s.done_at,
      doneBy: s.done_by,
      note: s.note,
    })),
  };
}

/** The team's playbooks, newest first, with their steps in order. */
export async function listPlaybooks(
  ctx: Ctx,
  filter: { readonly customerId?: number; readonly open?: boolean; readonly id?: number } = {},
): Promise<Playbook[]> {
  let query = tablesOf(ctx)
    .selectFrom('winback_playbooks')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .orderBy('id', 'desc');
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.open !== undefined) {
    query = query.where('status', filter.open ? '=' : '<>', 'open');
  }
  const rows = (await query.execute()) as PlaybookRow[];
  const steps = new Map<number, StepRow[]>();
  for (const ids of chunked(
    rows.map((r) => r.id),
    500,
  )) {
    const stepRowsFound = await tablesOf(ctx)
      .selectFrom('winback_steps')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('playbook_id', 'in', ids)
      .orderBy('playbook_id')
      .orderBy('step_no')
      .execute();
    for (const s of stepRowsFound) {
      const list = steps.get(s.playbook_id) ?? [];
      list.push(s);
      steps.set(s.playbook_id, list);
    }
  }
  return rows.map((row) => toPlaybook(row, steps.get(row.id) ?? []));
}

/** One playbook of the team; GX_ERR_NOT_FOUND otherwise. */
export async function getPlaybook(ctx: Ctx, id: number): Promise<Playbook> {
  const [playbook] = await listPlaybooks(ctx, { id });
  if (playbook === undefined) throw notFound('playbook', 'playbookId', id);
  return playbook;
}

/** Marks a step of an open playbook done; a step done already, or a closed playbook, is a conflict. */
export async function completeStep(
  ctx: Ctx,
  playbookId: number,
  stepNo: number,
  done: { readonly note: string | null; readonly actor: string },
): Promise<Playbook> {
  const playbook = await getPlaybook(ctx, playbookId);
  const step = playbook.steps.find((s) => s.stepNo === stepNo);
  if (step === undefined) throw notFound('step', 'stepNo', stepNo);
  if (playbook.status !== 'open') {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Playbook ${playbookId} is closed (${playbook.status})`,
      {
        issues: [{ path: 'playbookId', message: `the playbook is closed (${playbook.status})` }],
      },
    );
  }
  if (step.doneAt !== null) {
    throw new GuanxiError('GX_ERR_CONFLICT', `Step ${stepNo} was done at ${step.doneAt}`, {
      issues: [{ path: 'stepNo', message: 'this step is done already' }],
    });
  }
  await markDone(ctx, playbookId, [stepNo], done);
  await ctx.core.customers.touch(ctx.teamId, [playbook.customerId]);
  return getPlaybook(ctx, playbookId);
}

async function markDone(
  ctx: Ctx,
  playbookId: number,
  stepNos: readonly number[],
  done: { readonly note: string | null; readonly actor: string },
): Promise<void> {
  if (stepNos.length === 0) return;
  await tablesOf(ctx)
    .updateTable('winback_steps')
    .set({ done_at: ctx.clock.now().toISOString(), done_by: done.actor, note: done.note })
    .where('team_id', '=', ctx.teamId)
    .where('playbook_id', '=', playbookId)
    .where('step_no', 'in', stepNos)
    .execute();
}

/** Closes the customers' open playbooks with this outcome. */
export async function closePlaybooks(
  ctx: Ctx,
  customerIds: readonly number[],
  status: Exclude<PlaybookStatus, 'open'>,
): Promise<void> {
  for (const ids of chunked(customerIds, 500)) {
    await tablesOf(ctx)
      .updateTable('winback_playbooks')
      .set({ status, closed_at: ctx.clock.now().toISOString() })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .where('status', '=', 'open')
      .execute();
  }
}

/**
 * Fits a churn's playbook to a corrected kind: the steps not yet done make way for the new
 * kind's, from now on; a kind that is let go closes it, and one that is not opens one.
 */
export async function replan(
  ctx: Ctx,
  churn: { readonly id: number; readonly customerId: number; readonly tier: number | null },
  kind: ChurnKind,
  policy: Policy,
): Promise<void> {
  const { customerId } = churn;
  const [playbook] = await listPlaybooks(ctx, { customerId, open: true });
  if (kind === 'malicious' || policy === 'let_go') {
    await closePlaybooks(ctx, [customerId], 'let_go');
    return;
  }
  if (playbook === undefined) {
    const customer = await ctx.core.customers.find(ctx.teamId, customerId);
    await createPlaybooks(ctx, [
      {
        churnId: churn.id,
        customerId,
        kind,
        tier: churn.tier,
        policy,
        ownerUserId: customer?.ownerUserId ?? null,
      },
    ]);
    return;
  }
  const done = playbook.steps.filter((s) => s.doneAt !== null);
  const doneActions = new Set(done.map((s) => s.action));
  await tablesOf(ctx)
    .deleteFrom('winback_steps')
    .where('team_id', '=', ctx.teamId)
    .where('playbook_id', '=', playbook.id)
    .where('done_at', 'is', null)
    .execute();
  const actions = stepsFor(kind).filter((a) => !doneActions.has(a));
  const firstNo = Math.max(0, ...done.map((s) => s.stepNo)) + 1;
  if (actions.length > 0) {
    await tablesOf(ctx)
      .insertInto('winback_steps')
      .values(stepRows(ctx, playbook.id, policy, actions, firstNo, ctx.clock.now()))
      .execute();
  }
  await tablesOf(ctx)
    .updateTable('winback_playbooks')
    .set({ kind, policy })
    .where('id', '=', playbook.id)
    .execute();
}

/** Marks the complaint step of the customers' open playbooks done once their complaints are closed. */
export async function complaintsResolved(
  ctx: Ctx,
  customerIds: readonly number[],
  actor: string,
): Promise<number[]> {
  const touched: number[] = [];
  for (const customerId of customerIds) {
    const [playbook] = await listPlaybooks(ctx, { customerId, open: true });
    const step = playbook?.steps.find((s) => s.action === 'resolve_complaint' && s.doneAt === null);
    if (playbook === undefined || step === undefined) continue;
    await markDone(ctx, playbook.id, [step.stepNo], { note: 'complaint closed', actor });
    touched.push(customerId);
  }
  return touched;
}
