import { notFound } from '@guanxi/core';
import type { Selectable } from 'kysely';
import { type DevelopmentContext, type DevelopmentTables, tablesOf } from '../tables';
import { probabilityOf } from './stages';

type OpportunityRow = Selectable<DevelopmentTables['development_opportunities']>;

/** The three points of persuasion, ticked off on an open opportunity. */
export interface Checklist {
  /** The company, the product's merits, its price and service were put to the customer. */
  readonly introduced: boolean;
  /** Their questions were answered and their doubts cleared, adjusting to who they are. */
  readonly answered: boolean;
  /** The benefits of buying were stated, and stated again. */
  readonly benefits: boolean;
}

export interface Opportunity {
  readonly id: number;
  readonly customerId: number;
  readonly ownerUserId: number;
  readonly title: string | null;
  /** Minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  /** The expected close: a day (YYYY-MM-DD) of the team's time zone. */
  readonly closeDay: string;
  /** An open stage id, `won` or `lost`. */
  readonly stage: string;
  readonly status: 'open' | 'won' | 'lost';
  /** The stage's chance of winning, from the team's stages. */
  readonly probability: number;
  readonly lostReason: string | null;
  readonly lostNote: string | null;
  readonly competitor: string | null;
  readonly orderId: number | null;
  readonly checklist: Checklist;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly stageChangedAt: string;
  readonly closedAt: string | null;
}

export interface StageChange {
  readonly from: string | null;
  readonly to: string;
  readonly actor: string;
  readonly note: string | null;
  readonly at: string;
}

export function toOpportunity(ctx: DevelopmentContext, row: OpportunityRow): Opportunity {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    ownerUserId: Number(row.owner_user_id),
    title: row.title,
    amount: Number(row.amount),
    currency: row.currency,
    closeDay: row.close_day,
    stage: row.stage,
    status: row.status,
    probability: probabilityOf(ctx.config.opportunities.stages, row.stage),
    lostReason: row.lost_reason,
    lostNote: row.lost_note,
    competitor: row.competitor,
    orderId: row.order_id === null ? null : Number(row.order_id),
    checklist: {
      introduced: row.introduced === 1,
      answered: row.answered === 1,
      benefits: row.benefits === 1,
    },
    createdBy: row.created_by,
    createdAt: row.created_at,
    stageChangedAt: row.stage_changed_at,
    closedAt: row.closed_at,
  };
}

/** The opportunity, or GX_ERR_NOT_FOUND naming `opportunityId` if it is not the team's. */
export async function getOpportunity(
  ctx: DevelopmentContext,
  opportunityId: number,
): Promise<Opportunity> {
  const row = await tablesOf(ctx)
    .selectFrom('development_opportunities')
    .selectAll()
    .where('id', '=', opportunityId)
    .where('team_id', '=', ctx.teamId)
    .executeTakeFirst();
  if (row === undefined) throw notFound('opportunity', 'opportunityId', opportunityId);
  return toOpportunity(ctx, row);
}

/** A customer's opportunities, open ones first, each group by expected close. */
export async function opportunitiesOf(
  ctx: DevelopmentContext,
  customerId: number,
  { openOnly = false }: { readonly openOnly?: boolean } = {},
): Promise<Opportunity[]> {
  let query = tablesOf(ctx)
    .selectFrom('development_opportunities')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId);
  if (openOnly) query = query.where('status', '=', 'open');
  const rows = await query.orderBy('close_day').orderBy('id').execute();
  const opportunities = rows.map((row) => toOpportunity(ctx, row));
  return [
    ...opportunities.filter((o) => o.status === 'open'),
    ...opportunities.filter((o) => o.status !== 'open'),
  ];
}

/** An opportunity's stage changes, oldest first. */
export async function stageHistory(
  ctx: DevelopmentContext,
  opportunityId: number,
): Promise<StageChange[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_opportunity_events')
    .select(['from_stage', 'to_stage', 'actor', 'note', 'at'])
    .where('opportunity_id', '=', opportunityId)
    .where('team_id', '=', ctx.teamId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    from: row.from_stage,
    to: row.to_stage,
    actor: row.actor,
    note: row.note,
    at: row.at,
  }));
}

export interface Balance {
  /** What the customer gains by buying, in the rep's words. */
  readonly benefits: readonly string[];
  /** What the customer loses by not buying. */
  readonly losses: readonly string[];
}

/** The Franklin balance of an opportunity. */
export async function balanceOf(ctx: DevelopmentContext, opportunityId: number): Promise<Balance> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_balance_items')
    .select(['side', 'text'])
    .where('opportunity_id', '=', opportunityId)
    .where('team_id', '=', ctx.teamId)
    .orderBy('side')
    .orderBy('position')
    .execute();
  return {
    benefits: rows.filter((row) => row.side === 'benefit').map((row) => row.text),
    losses: rows.filter((row) => row.side === 'loss').map((row) => row.text),
  };
}
