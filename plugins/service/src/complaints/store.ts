import { chunked, GuanxiError, notFound, parseInput } from '@guanxi/core';
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../context';
import type { ComplaintEvent } from '../events';
import { type ServiceTables, tablesOf } from '../tables';
import type { Complaint, ComplaintStep, Step } from './complaint';
import { type ListInput, listSchema, openComplaintSchema, stepSchema } from './inputs';
import { assertMove, dueAfter } from './rules';
import { tierOf } from './tier-of';

type ComplaintRow = Selectable<ServiceTables['service_complaints']>;

function toComplaint(row: ComplaintRow, steps: readonly ComplaintStep[]): Complaint {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    cause: row.cause,
    summary: row.summary,
    channel: row.channel,
    step: row.step,
    valid: row.valid === null ? null : row.valid === 1,
    remedy: row.remedy,
    tier: row.tier,
    recordedBy: row.recorded_by,
    openedAt: row.opened_at,
    steppedAt: row.stepped_at,
    dueAt: row.due_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    steps,
  };
}

/** The complaint as its events carry it. */
export function eventOf(complaint: Complaint, actor: string): ComplaintEvent {
  return {
    complaintId: complaint.id,
    customerId: complaint.customerId,
    cause: complaint.cause,
    step: complaint.step,
    valid: complaint.valid,
    openedAt: complaint.openedAt,
    dueAt: complaint.dueAt,
    closedAt: complaint.closedAt,
    actor,
  };
}

/** The step history of each complaint, oldest first. */
async function stepsOf(
  ctx: ServiceContext,
  ids: readonly number[],
): Promise<Map<number, ComplaintStep[]>> {
  const steps = new Map<number, ComplaintStep[]>(ids.map((id) => [id, []]));
  for (const chunk of chunked(ids, 500)) {
    const rows = await tablesOf(ctx)
      .selectFrom('service_complaint_steps')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('complaint_id', 'in', chunk)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      steps.get(Number(row.complaint_id))?.push({
        from: row.from_step,
        to: row.to_step,
        actor: row.actor,
        note: row.note,
        at: row.at,
      });
    }
  }
  return steps;
}

export async function withSteps(
  ctx: ServiceContext,
  rows: readonly ComplaintRow[],
): Promise<Complaint[]> {
  const steps = await stepsOf(
    ctx,
    rows.map((row) => Number(row.id)),
  );
  return rows.map((row) => toComplaint(row, steps.get(Number(row.id)) ?? []));
}

/** The team's complaint with this id, or GX_ERR_NOT_FOUND. */
export async function getComplaint(ctx: ServiceContext, id: number): Promise<Complaint> {
  const row = await tablesOf(ctx)
    .selectFrom('service_complaints')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('complaint', 'id', id);
  const [complaint] = await withSteps(ctx, [row]);
  return complaint as Complaint;
}

/**
 * Opens a complaint at `received`, due within the response time of the customer's tier; logs
 * it as an inbound interaction and announces it as `complaint:opened`.
 */
export async function openComplaint(
  ctx: ServiceContext,
  input: unknown,
  actor: string,
): Promise<Complaint> {
  const { customerId, cause, summary, channel } = parseInput(openComplaintSchema, input);
  await ctx.core.customers.get(ctx.teamId, customerId);
  const tier = await tierOf(ctx, customerId);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const db = tablesOf(ctx);
  const { id } = await db
    .insertInto('service_complaints')
    .values({
      team_id: ctx.teamId,
      customer_id: customerId,
      cause,
      summary,
      channel,
      step: 'received',
      valid: null,
      remedy: null,
      tier,
      recorded_by: actor,
      opened_at: at,
      stepped_at: at,
      due_at: dueAfter('received', now, ctx.config.responseHours[tier]),
      closed_at: null,
      close_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('service_complaint_steps')
    .values({
      team_id: ctx.teamId,
      complaint_id: id,
      from_step: null,
      to_step: 'received',
      actor,
      note: null,
      at,
    })
    .execute();
  await ctx.core.interactions.log(ctx.teamId, [
    {
      customerId,
      channel,
      direction: 'inbound',
      summary: `Complaint: ${summary}`,
      occurredAt: at,
      actor,
    },
  ]);
  await ctx.core.customers.touch(ctx.teamId, [customerId]);
  const complaint = await getComplaint(ctx, Number(id));
  await ctx.emit('complaint:opened', [eventOf(complaint, actor)]);
  return complaint;
}

/**
 * Moves a complaint to its next step (see rules.ts), stores the move with actor, time and
 * note, sets the next due time, and announces `complaint:stepped` (and `complaint:closed`).
 * Recording a complaint as not valid closes it, with the note as the reason.
 */
export async function stepComplaint(
  ctx: ServiceContext,
  id: number,
  input: unknown,
  actor: string,
): Promise<Complaint> {
  const { to, note, valid, remedy } = parseInput(stepSchema, input);
  const current = await getComplaint(ctx, id);
  assertMove(current, to);
  const moves: { from: Step; to: Step }[] = [{ from: current.step, to }];
  if (to === 'recorded' && valid === false) moves.push({ from: 'recorded', to: 'closed' });
  const final = moves.at(-1)?.to ?? to;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const closing = final === 'closed';
  const db = tablesOf(ctx);
  const updated = await db
    .updateTable('service_complaints')
    .set({
      step: final,
      stepped_at: at,
      due_at: dueAfter(final, now, ctx.config.responseHours[current.tier]),
      ...(valid === undefined ? {} : { valid: valid ? 1 : 0 }),
      ...(remedy === undefined ? {} : { remedy }),
      ...(closing ? { closed_at: at, close_reason: note ?? null } : {}),
    })
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', id)
    .where('step', '=', current.step)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Complaint ${id} left step ${current.step} while this change was made; load it and try again`,
      { details: { complaintId: id, step: current.step, to } },
    );
  }
  await db
    .insertInto('service_complaint_steps')
    .values(
      moves.map((move) => ({
        team_id: ctx.teamId,
        complaint_id: id,
        from_step: move.from,
        to_step: move.to,
        actor,
        note: note ?? null,
        at,
      })),
    )
    .execute();
  await ctx.core.customers.touch(ctx.teamId, [current.customerId]);
  const complaint = await getComplaint(ctx, id);
  const event = eventOf(complaint, actor);
  await ctx.emit('complaint:stepped', [event]);
  if (closing) await ctx.emit('complaint:closed', [event]);
  return complaint;
}

/** The team's complaints, newest first, optionally of one customer and only the open ones. */
export async function listComplaints(
  ctx: ServiceContext,
  input: ListInput,
): Promise<{ items: Complaint[]; next: number | null }> {
  const { customerId, open, limit, after } = parseInput(listSchema, input);
  if (customerId !== undefined) await ctx.core.customers.get(ctx.teamId, customerId);
  let query = tablesOf(ctx)
    .selectFrom('service_complaints')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  if (open === 'true') query = query.where('closed_at', 'is', null);
  if (open === 'false') query = query.where('closed_at', 'is not', null);
  if (after !== undefined) query = query.where('id', '<', after);
  const rows = await query.execute();
  const items = await withSteps(ctx, rows.slice(0, limit));
  return { items, next: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** The customer's open complaints, the one due first first, without their history. */
export async function openComplaintsOf(
  ctx: Pick<ServiceContext, 'teamId' | 'db'>,
  customerId: number,
): Promise<Complaint[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('service_complaints')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .where('closed_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => toComplaint(row, []));
}
