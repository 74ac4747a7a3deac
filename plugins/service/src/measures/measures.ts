import { sql } from 'kysely';
import type { ServiceContext } from '../context';
import { GAUGES, type Gauge } from '../surveys/survey';
import { tablesOf } from '../tables';
import {
  type CsatMeasure,
  complaintRate,
  csat,
  customerQuality,
  type NpsMeasure,
  nps,
  type RelationshipQuality,
  returnRate,
  teamQuality,
} from './compute';

type Ctx = Pick<ServiceContext, 'teamId' | 'db' | 'core' | 'config'>;

/** A team's satisfaction (DOMAIN §6) and relationship quality (§9). */
export interface TeamMeasures {
  readonly csat: CsatMeasure;
  readonly nps: NpsMeasure;
  readonly complaints: { readonly total: number; readonly open: number };
  /** Customers with at least one order, and those with two or more. */
  readonly buyers: number;
  readonly returningBuyers: number;
  /** Complaints per 100 buyers. */
  readonly complaintRate: number | null;
  /** Share (0–1) of buyers with two or more orders. */
  readonly returnRate: number | null;
  readonly relationshipQuality: RelationshipQuality;
}

/** One customer's satisfaction and relationship quality. */
export interface CustomerMeasures {
  readonly customerId: number;
  readonly csat: CsatMeasure;
  readonly nps: NpsMeasure;
  readonly complaints: { readonly total: number; readonly open: number };
  readonly orders: number;
  /** Bought at least twice. */
  readonly returning: boolean;
  readonly relationshipQuality: RelationshipQuality;
}

type GaugeRow = Record<Gauge, number | null> & { customer_id: number };

/** Survey responses by kind and score, of the team or of one customer. */
async function scoreCounts(ctx: Ctx, customerId?: number) {
  let query = tablesOf(ctx)
    .selectFrom('service_surveys')
    .select(['kind', 'score', sql<number>`count(*)`.as('count')])
    .where('team_id', '=', ctx.teamId)
    .groupBy(['kind', 'score']);
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  const counts = { csat: new Map<number, number>(), nps: new Map<number, number>() };
  for (const row of await query.execute()) counts[row.kind].set(row.score, Number(row.count));
  return counts;
}

async function complaintCounts(ctx: Ctx, customerId?: number) {
  let query = tablesOf(ctx)
    .selectFrom('service_complaints')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) - count(closed_at)`.as('open'),
    ])
    .where('team_id', '=', ctx.teamId);
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  const row = await query.executeTakeFirst();
  return { total: Number(row?.total ?? 0), open: Number(row?.open ?? 0) };
}

/** Surveys that carry any relationship item, newest first per customer. */
async function gaugeRows(ctx: Ctx, customerId?: number): Promise<GaugeRow[]> {
  let query = tablesOf(ctx)
    .selectFrom('service_surveys')
    .select(['customer_id', ...GAUGES])
    .where('team_id', '=', ctx.teamId)
    .where((eb) => eb.or(GAUGES.map((gauge) => eb(gauge, 'is not', null))))
    .orderBy('customer_id')
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc');
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  return (await query.execute()).map((row) => ({ ...row, customer_id: Number(row.customer_id) }));
}

/** Each customer's gauges from its latest `relationshipSurveys` surveys. */
function qualityByCustomer(ctx: Ctx, rows: readonly GaugeRow[]): Map<number, RelationshipQuality> {
  const latest = new Map<number, GaugeRow[]>();
  for (const row of rows) {
    const list = latest.get(row.customer_id) ?? [];
    if (list.length < ctx.config.relationshipSurveys) list.push(row);
    latest.set(row.customer_id, list);
  }
  return new Map([...latest].map(([id, surveys]) => [id, customerQuality(surveys)]));
}

/** One customer's relationship quality, or undefined before any survey with items. */
export async function relationshipQualityOf(
  ctx: Ctx,
  customerId: number,
): Promise<RelationshipQuality | undefined> {
  return qualityByCustomer(ctx, await gaugeRows(ctx, customerId)).get(customerId);
}

/** How many of the team's customers bought once or more, and twice or more, by core facts. */
async function buyers(ctx: Ctx): Promise<{ buyers: number; returning: number }> {
  let buyers = 0;
  let returning = 0;
  let after: number | undefined;
  do {
    const page = await ctx.core.customers.list(ctx.teamId, {
      limit: 200,
      ...(after === undefined ? {} : { after }),
    });
    const facts = await ctx.core.facts.many(
      ctx.teamId,
      page.items.map((customer) => customer.id),
    );
    for (const f of facts) {
      if (f.orderCount >= 1) buyers += 1;
      if (f.orderCount >= 2) returning += 1;
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return { buyers, returning };
}

export async function teamMeasures(ctx: Ctx): Promise<TeamMeasures> {
  const [counts, complaints, rows, book] = await Promise.all([
    scoreCounts(ctx),
    complaintCounts(ctx),
    gaugeRows(ctx),
    buyers(ctx),
  ]);
  return {
    csat: csat(counts.csat),
    nps: nps(counts.nps),
    complaints,
    buyers: book.buyers,
    returningBuyers: book.returning,
    complaintRate: complaintRate(complaints.total, book.buyers),
    returnRate: returnRate(book.returning, book.buyers),
    relationshipQuality: teamQuality([...qualityByCustomer(ctx, rows).values()]),
  };
}

export async function customerMeasures(ctx: Ctx, customerId: number): Promise<CustomerMeasures> {
  await ctx.core.customers.get(ctx.teamId, customerId);
  const [counts, complaints, quality, facts] = await Promise.all([
    scoreCounts(ctx, customerId),
    complaintCounts(ctx, customerId),
    relationshipQualityOf(ctx, customerId),
    ctx.core.facts.get(ctx.teamId, customerId),
  ]);
  return {
    customerId,
    csat: csat(counts.csat),
    nps: nps(counts.nps),
    complaints,
    orders: facts.orderCount,
    returning: facts.orderCount >= 2,
    relationshipQuality: quality ?? customerQuality([]),
  };
}
