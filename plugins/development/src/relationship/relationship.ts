import {
  type Customer,
  type CustomerChange,
  GuanxiError,
  parseInput,
  RELATIONSHIP_STAGES,
} from '@guanxi/core';
import { z } from 'zod';
import { type DevelopmentContext, isoNow, tablesOf } from '../tables';
import { RELATIONSHIP_STEPS, type RelationshipStep, stageOf, stepOf } from './steps';

export const moveRelationshipInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  to: z.enum(RELATIONSHIP_STEPS),
  note: z.string().trim().min(1, 'must not be empty').max(2_000).optional(),
});

export type MoveRelationshipInput = z.input<typeof moveRelationshipInputSchema>;

export interface RelationshipChange {
  readonly from: RelationshipStep;
  readonly to: RelationshipStep;
  /** `rep`: moved through this plugin; `customer-update`: set on the customer itself. */
  readonly cause: 'rep' | 'customer-update';
  readonly actor: string;
  readonly note: string | null;
  readonly at: string;
}

/**
 * Moves the customer's relationship to another step. The step itself is the core's
 * `relationshipStage` (null for a stranger), written through the core's API; the plugin
 * keeps the history, written first so its `customer:updated` handler sees the change is known.
 */
export async function moveRelationship(
  ctx: DevelopmentContext,
  input: MoveRelationshipInput,
  actor: string,
): Promise<RelationshipChange> {
  const { customerId, to, note } = parseInput(moveRelationshipInputSchema, input);
  const customer = await ctx.core.customers.get(ctx.teamId, customerId);
  const from = stepOf(customer.relationshipStage);
  if (from === to) {
    throw new GuanxiError('GX_ERR_CONFLICT', `The relationship is already at ${to}`, {
      issues: [{ path: 'to', message: 'the relationship is already at this step' }],
    });
  }
  const change = { from, to, cause: 'rep' as const, actor, note: note ?? null, at: isoNow(ctx) };
  await insertChanges(ctx, [{ customerId, ...change }]);
  await ctx.core.customers.update(ctx.teamId, customerId, { relationshipStage: stageOf(to) });
  return change;
}

/**
 * Records relationship stages set on the customer itself (at creation, or by a change through
 * the core's API) that the history does not hold yet.
 */
export async function recordCustomerStages(
  ctx: DevelopmentContext,
  customers: readonly Customer[],
): Promise<void> {
  if (customers.length === 0) return;
  const latest = await latestSteps(
    ctx,
    customers.map((customer) => customer.id),
  );
  const at = isoNow(ctx);
  const changes = customers.flatMap((customer) => {
    const to = stepOf(customer.relationshipStage);
    const from = latest.get(customer.id) ?? 'stranger';
    if (to === from) return [];
    return [
      {
        customerId: customer.id,
        from,
        to,
        cause: 'customer-update' as const,
        actor: 'system',
        note: null,
        at,
      },
    ];
  });
  await insertChanges(ctx, changes);
}

/** The customers of a batch whose relationship stage was set, for `recordCustomerStages`. */
export function relationshipChanged(changes: readonly CustomerChange[]): Customer[] {
  return changes
    .filter((change) => change.changed.includes('relationshipStage'))
    .map((change) => change.customer);
}

async function insertChanges(
  ctx: DevelopmentContext,
  changes: readonly (RelationshipChange & { readonly customerId: number })[],
): Promise<void> {
  if (changes.length === 0) return;
  await tablesOf(ctx)
    .insertInto('development_relationship_events')
    .values(
      changes.map((change) => ({
        team_id: ctx.teamId,
        customer_id: change.customerId,
        from_stage: stageOf(change.from),
        to_stage: stageOf(change.to),
        cause: change.cause,
        actor: change.actor,
        note: change.note,
        at: change.at,
      })),
    )
    .execute();
}

/** The step each customer's history ends at; customers without history are left out. */
async function latestSteps(
  ctx: DevelopmentContext,
  customerIds: readonly number[],
): Promise<Map<number, RelationshipStep>> {
  const steps = new Map<number, RelationshipStep>();
  for (const customerId of customerIds) {
    const row = await tablesOf(ctx)
      .selectFrom('development_relationship_events')
      .select('to_stage')
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) steps.set(customerId, toStep(row.to_stage));
  }
  return steps;
}

function toStep(stage: string | null): RelationshipStep {
  return (RELATIONSHIP_STAGES as readonly string[]).includes(stage ?? '')
    ? (stage as RelationshipStep)
    : 'stranger';
}

/** A customer's relationship history, oldest first. */
export async function relationshipHistory(
  ctx: DevelopmentContext,
  customerId: number,
): Promise<RelationshipChange[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_relationship_events')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    from: toStep(row.from_stage),
    to: toStep(row.to_stage),
    cause: row.cause,
    actor: row.actor,
    note: row.note,
    at: row.at,
  }));
}

export const noteInterestInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** The organisation's interest (goals, return on investment) or the person's own. */
  kind: z.enum(['organisational', 'personal']),
  text: z.string().trim().min(1, 'must not be empty').max(1_000),
});

export type NoteInterestInput = z.input<typeof noteInterestInputSchema>;

export interface Interest {
  readonly id: number;
  readonly kind: 'organisational' | 'personal';
  readonly text: string;
  readonly actor: string;
  readonly at: string;
}

/** Notes one of the customer's interests (利益). */
export async function noteInterest(
  ctx: DevelopmentContext,
  input: NoteInterestInput,
  actor: string,
): Promise<Interest> {
  const { customerId, kind, text } = parseInput(noteInterestInputSchema, input);
  await ctx.core.customers.get(ctx.teamId, customerId);
  const at = isoNow(ctx);
  const row = await tablesOf(ctx)
    .insertInto('development_interests')
    .values({ team_id: ctx.teamId, customer_id: customerId, kind, text, actor, at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.core.customers.touch(ctx.teamId, [customerId]);
  return { id: Number(row.id), kind, text, actor, at };
}

/** The customer's noted interests, newest first. */
export async function interestsOf(
  ctx: DevelopmentContext,
  customerId: number,
  limit = 20,
): Promise<Interest[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_interests')
    .select(['id', 'kind', 'text', 'actor', 'at'])
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** How many interests were noted for the customer. */
export async function interestCount(ctx: DevelopmentContext, customerId: number): Promise<number> {
  const row = await tablesOf(ctx)
    .selectFrom('development_interests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
