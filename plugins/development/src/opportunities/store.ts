import { GuanxiError, instantIn, parseInput, validationError } from '@guanxi/core';
import type { Updateable } from 'kysely';
import type { OpportunityEvent } from '../events';
import { type DevelopmentContext, type DevelopmentTables, isoNow, tablesOf } from '../tables';
import {
  type BalanceInput,
  balanceInputSchema,
  type ChecklistInput,
  checklistInputSchema,
  type LoseOpportunityInput,
  loseOpportunityInputSchema,
  type MoveOpportunityInput,
  moveOpportunityInputSchema,
  type OpenOpportunityInput,
  openOpportunityInputSchema,
  type UpdateOpportunityInput,
  updateOpportunityInputSchema,
  type WinOpportunityInput,
  winOpportunityInputSchema,
} from './inputs';
import { getOpportunity, type Opportunity } from './opportunity';
import { stageConfig } from './stages';

/** `user:12` → 12; other actors name no user. */
export function userOf(actor: string): number | undefined {
  const match = /^user:(\d+)$/.exec(actor);
  return match === null ? undefined : Number(match[1]);
}

/** The owner: the one given, else the caller, else the customer's owner; a team member. */
async function ownerFor(
  ctx: DevelopmentContext,
  given: number | undefined,
  actor: string,
  customerOwner: number | null,
): Promise<number> {
  const members = new Set((await ctx.core.users.members(ctx.teamId)).map((user) => user.id));
  if (given !== undefined) {
    if (!members.has(given)) {
      throw validationError([{ path: 'ownerUserId', message: 'not a member of the team' }]);
    }
    return given;
  }
  const caller = userOf(actor);
  if (caller !== undefined && members.has(caller)) return caller;
  if (customerOwner !== null && members.has(customerOwner)) return customerOwner;
  throw validationError([{ path: 'ownerUserId', message: 'name the team member who owns it' }]);
}

function requireOpenStage(ctx: DevelopmentContext, stage: string): void {
  if (stageConfig(ctx.config.opportunities.stages, stage) === undefined) {
    const ids = ctx.config.opportunities.stages.map((s) => s.id).join(', ');
    throw validationError([{ path: 'stage', message: `must be one of the team’s stages: ${ids}` }]);
  }
}

function requireOpen(opportunity: Opportunity): void {
  if (opportunity.status !== 'open') {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Opportunity ${opportunity.id} is already ${opportunity.status}`,
      { issues: [{ path: 'opportunityId', message: `already ${opportunity.status}` }] },
    );
  }
}

function eventOf(
  opportunity: Opportunity,
  from: string | null,
  actor: string,
  at: string,
): OpportunityEvent {
  return {
    opportunityId: opportunity.id,
    customerId: opportunity.customerId,
    ownerUserId: opportunity.ownerUserId,
    from,
    stage: opportunity.stage,
    status: opportunity.status,
    amount: opportunity.amount,
    currency: opportunity.currency,
    probability: opportunity.probability,
    closeDay: opportunity.closeDay,
    lostReason: opportunity.lostReason,
    competitor: opportunity.competitor,
    orderId: opportunity.orderId,
    actor,
    at,
  };
}

/** Writes the stage change to the history, refreshes the card and announces it. */
async function announce(
  ctx: DevelopmentContext,
  opportunity: Opportunity,
  from: string | null,
  change: { readonly actor: string; readonly note?: string | undefined; readonly at: string },
): Promise<void> {
  await tablesOf(ctx)
    .insertInto('development_opportunity_events')
    .values({
      team_id: ctx.teamId,
      opportunity_id: opportunity.id,
      customer_id: opportunity.customerId,
      from_stage: from,
      to_stage: opportunity.stage,
      actor: change.actor,
      note: change.note ?? null,
      at: change.at,
    })
    .execute();
  await ctx.core.customers.touch(ctx.teamId, [opportunity.customerId]);
  const event = eventOf(opportunity, from, change.actor, change.at);
  await ctx.emit('opportunity:stageChanged', [event]);
  if (opportunity.status === 'won') await ctx.emit('opportunity:won', [event]);
  if (opportunity.status === 'lost') await ctx.emit('opportunity:lost', [event]);
}

/** Opens an opportunity at the first stage (or the one given) and announces it. */
export async function openOpportunity(
  ctx: DevelopmentContext,
  input: OpenOpportunityInput,
  actor: string,
): Promise<Opportunity> {
  const parsed = parseInput(openOpportunityInputSchema, input);
  const stage = parsed.stage ?? ctx.config.opportunities.stages[0]?.id ?? '';
  requireOpenStage(ctx, stage);
  const customer = await ctx.core.customers.get(ctx.teamId, parsed.customerId);
  const owner = await ownerFor(ctx, parsed.ownerUserId, actor, customer.ownerUserId);
  const team = await ctx.core.teams.get(ctx.teamId);
  const now = isoNow(ctx);
  const row = await tablesOf(ctx)
    .insertInto('development_opportunities')
    .values({
      team_id: ctx.teamId,
      customer_id: customer.id,
      owner_user_id: owner,
      title: parsed.title ?? null,
      amount: parsed.amount,
      currency: parsed.currency ?? team.currency,
      close_day: parsed.closeDay,
      stage,
      status: 'open',
      introduced: 0,
      answered: 0,
      benefits: 0,
      created_by: actor,
      created_at: now,
      stage_changed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const opportunity = await getOpportunity(ctx, Number(row.id));
  await announce(ctx, opportunity, null, { actor, note: parsed.note, at: now });
  return opportunity;
}

/** Changes an open opportunity's owner, title, amount, currency or expected close. */
export async function updateOpportunity(
  ctx: DevelopmentContext,
  input: UpdateOpportunityInput,
  actor: string,
): Promise<Opportunity> {
  const { opportunityId, ...change } = parseInput(updateOpportunityInputSchema, input);
  const current = await getOpportunity(ctx, opportunityId);
  requireOpen(current);
  const owner =
    change.ownerUserId === undefined
      ? undefined
      : await ownerFor(ctx, change.ownerUserId, actor, null);
  const set = {
    ...(owner === undefined ? {} : { owner_user_id: owner }),
    ...(change.title === undefined ? {} : { title: change.title }),
    ...(change.amount === undefined ? {} : { amount: change.amount }),
    ...(change.currency === undefined ? {} : { currency: change.currency }),
    ...(change.closeDay === undefined ? {} : { close_day: change.closeDay }),
  };
  // An empty change is no change: nothing to write.
  if (Object.keys(set).length === 0) return current;
  await writeOpportunity(ctx, opportunityId, set);
  await ctx.core.customers.touch(ctx.teamId, [current.customerId]);
  return getOpportunity(ctx, opportunityId);
}

/** Writes these columns of one of the team's opportunities. */
async function writeOpportunity(
  ctx: DevelopmentContext,
  opportunityId: number,
  set: Updateable<DevelopmentTables['development_opportunities']>,
): Promise<void> {
  await tablesOf(ctx)
    .updateTable('development_opportunities')
    .set(set)
    .where('id', '=', opportunityId)
    .where('team_id', '=', ctx.teamId)
    .execute();
}

/** Moves an open opportunity to another open stage, forwards or back. */
export async function moveOpportunity(
  ctx: DevelopmentContext,
  input: MoveOpportunityInput,
  actor: string,
): Promise<Opportunity> {
  const { opportunityId, stage, note } = parseInput(moveOpportunityInputSchema, input);
  const current = await getOpportunity(ctx, opportunityId);
  requireOpen(current);
  requireOpenStage(ctx, stage);
  if (stage === current.stage) {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Opportunity ${opportunityId} is already at ${stage}`,
      {
        issues: [{ path: 'stage', message: 'the opportunity is already at this stage' }],
      },
    );
  }
  const now = isoNow(ctx);
  await writeOpportunity(ctx, opportunityId, { stage, stage_changed_at: now });
  const moved = await getOpportunity(ctx, opportunityId);
  await announce(ctx, moved, current.stage, { actor, note, at: now });
  return moved;
}

/**
 * Wins an opportunity: records its order through the core, which moves a potential, target
 * or churned customer to active by its own rule, then closes the opportunity as won.
 */
export async function winOpportunity(
  ctx: DevelopmentContext,
  input: WinOpportunityInput,
  actor: string,
): Promise<Opportunity> {
  const parsed = parseInput(winOpportunityInputSchema, input);
  const current = await getOpportunity(ctx, parsed.opportunityId);
  requireOpen(current);
  const now = isoNow(ctx);
  const externalId = parsed.externalId ?? `opportunity-${current.id}`;
  const { recorded } = await ctx.core.orders.record(
    ctx.teamId,
    [
      {
        customerId: current.customerId,
        amount: parsed.amount ?? current.amount,
        ...(parsed.cost === undefined ? {} : { cost: parsed.cost }),
        currency: current.currency,
        placedAt: parsed.placedAt === undefined ? now : instantIn(parsed.placedAt, ctx.timeZone),
        externalId,
      },
    ],
    { actor },
  );
  const orderId = recorded[0]?.id ?? (await orderByExternalId(ctx, current.customerId, externalId));
  await writeOpportunity(ctx, current.id, {
    stage: 'won',
    status: 'won',
    order_id: orderId,
    stage_changed_at: now,
    closed_at: now,
  });
  const won = await getOpportunity(ctx, current.id);
  await announce(ctx, won, current.stage, { actor, note: parsed.note, at: now });
  return won;
}

/** An order the company's system already sent for this customer, among their latest. */
async function orderByExternalId(
  ctx: DevelopmentContext,
  customerId: number,
  externalId: string,
): Promise<number | null> {
  const orders = await ctx.core.orders.forCustomer(ctx.teamId, customerId, 200);
  return orders.find((order) => order.externalId === externalId)?.id ?? null;
}

/** Loses an opportunity, with the reason and the competitor it went to, if any. */
export async function loseOpportunity(
  ctx: DevelopmentContext,
  input: LoseOpportunityInput,
  actor: string,
): Promise<Opportunity> {
  const { opportunityId, reason, competitor, note } = parseInput(loseOpportunityInputSchema, input);
  const current = await getOpportunity(ctx, opportunityId);
  requireOpen(current);
  const now = isoNow(ctx);
  await writeOpportunity(ctx, opportunityId, {
    stage: 'lost',
    status: 'lost',
    lost_reason: reason,
    lost_note: note ?? null,
    competitor: competitor ?? null,
    stage_changed_at: now,
    closed_at: now,
  });
  const lost = await getOpportunity(ctx, opportunityId);
  await announce(ctx, lost, current.stage, { actor, at: now });
  return lost;
}

/** Ticks or unticks the three points of persuasion on an open opportunity. */
export async function checkPoints(
  ctx: DevelopmentContext,
  input: ChecklistInput,
): Promise<Opportunity> {
  const { opportunityId, ...points } = parseInput(checklistInputSchema, input);
  const current = await getOpportunity(ctx, opportunityId);
  requireOpen(current);
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);
  const set = Object.fromEntries(
    Object.entries({
      introduced: flag(points.introduced),
      answered: flag(points.answered),
      benefits: flag(points.benefits),
    }).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(set).length > 0) {
    await writeOpportunity(ctx, opportunityId, set);
    await ctx.core.customers.touch(ctx.teamId, [current.customerId]);
  }
  return getOpportunity(ctx, opportunityId);
}

/** Replaces an opportunity's Franklin balance: the benefits of buying, the losses of not. */
export async function setBalance(
  ctx: DevelopmentContext,
  input: BalanceInput,
  actor: string,
): Promise<void> {
  const { opportunityId, benefits, losses } = parseInput(balanceInputSchema, input);
  const current = await getOpportunity(ctx, opportunityId);
  const db = tablesOf(ctx);
  await db
    .deleteFrom('development_balance_items')
    .where('opportunity_id', '=', opportunityId)
    .where('team_id', '=', ctx.teamId)
    .execute();
  const at = isoNow(ctx);
  const rows = [
    ...benefits.map((text, position) => ({ side: 'benefit' as const, position, text })),
    ...losses.map((text, position) => ({ side: 'loss' as const, position, text })),
  ].map((item) => ({ ...item, team_id: ctx.teamId, opportunity_id: opportunityId, actor, at }));
  if (rows.length > 0) await db.insertInto('development_balance_items').values(rows).execute();
  await ctx.core.customers.touch(ctx.teamId, [current.customerId]);
}
