import { defineService, type PluginContext } from '@guanxi/core';
import { sql } from 'kysely';
import { CAUSES, type Cause } from '../complaints/complaint';
import type { ServiceConfig } from '../config';
import { type CsatMeasure, csat, type NpsMeasure, nps } from '../measures/compute';
import { tablesOf } from '../tables';

/** A range of time: `from` inclusive, `to` exclusive. */
export interface MeasureRange {
  readonly from: string;
  readonly to: string;
}

/** A question answered by some surveys, with the mean of the answers (null without any). */
export interface AnsweredMean {
  readonly answered: number;
  readonly mean: number | null;
}

/** What the surveys answered in a range say. */
export interface SurveyFigures {
  /** With `satisfied`: the answers of 4 or 5. */
  readonly csat: CsatMeasure & { readonly satisfied: number };
  readonly nps: NpsMeasure;
  /** Answers to whether the customer asked for the company by name, and the yeses. */
  readonly byName: { readonly answered: number; readonly yes: number };
  /** How much of their need was met, %. */
  readonly needsMet: AnsweredMean;
  /** The share of their spending on such products that comes to the team, %. */
  readonly walletShare: AnsweredMean;
}

/** The complaints opened in a range. */
export interface ComplaintFigures {
  readonly opened: number;
  /** Of those, the ones closed since. */
  readonly closed: number;
  readonly byCause: Readonly<Record<Cause, number>>;
}

/**
 * The service plugin's figures for other plugins' reports: surveys and complaints of a
 * range, for the team or for each owner's customers (null: nobody's), each in one aggregated
 * query by the plugin's time indexes.
 */
export interface ServiceMeasures {
  surveys(range: MeasureRange): Promise<SurveyFigures>;
  surveysByOwner(range: MeasureRange): Promise<ReadonlyMap<number | null, SurveyFigures>>;
  complaints(range: MeasureRange): Promise<ComplaintFigures>;
  complaintsByOwner(range: MeasureRange): Promise<ReadonlyMap<number | null, ComplaintFigures>>;
  /** Each customer's mean CSAT score (1–5) over the surveys they answered in the range. */
  csatByCustomer(range: MeasureRange): Promise<ReadonlyMap<number, number>>;
  /** When each customer who complained about product quality in the range first did so. */
  qualityComplaints(range: MeasureRange): Promise<ReadonlyMap<number, string>>;
}

export const measuresService = defineService<ServiceMeasures>('service.measures');

type Ctx = Pick<PluginContext<ServiceConfig>, 'teamId' | 'db' | 'core'>;

const round = (value: number | null, places: number) =>
  value === null ? null : Math.round(value * 10 ** places) / 10 ** places;

/** The owner of each row's customer when grouping by owner; else one group, keyed null. */
function ownerKey(ctx: Ctx, table: 'service_surveys' | 'service_complaints', byOwner: boolean) {
  return byOwner
    ? ctx.core.customers.ownerOf(ctx.teamId, sql.ref(`${table}.customer_id`))
    : sql<number | null>`null`;
}

/** The range's surveys of the team, by the (team, answered) index. */
function surveysIn(ctx: Ctx, range: MeasureRange) {
  return tablesOf(ctx)
    .selectFrom('service_surveys')
    .where('team_id', '=', ctx.teamId)
    .where('answered_at', '>=', range.from)
    .where('answered_at', '<', range.to);
}

/** The range's complaints of the team, by the (team, opened) index. */
function complaintsIn(ctx: Ctx, range: MeasureRange) {
  return tablesOf(ctx)
    .selectFrom('service_complaints')
    .where('team_id', '=', ctx.teamId)
    .where('opened_at', '>=', range.from)
    .where('opened_at', '<', range.to);
}

const keyOf = (owner: number | string | null) => (owner === null ? null : Number(owner));

interface Questions {
  byName: number;
  yes: number;
  needsMet: number;
  needsMetSum: number;
  walletShare: number;
  walletShareSum: number;
}

/** The surveys of the range, in one group or one a owner. */
async function surveyFigures(
  ctx: Ctx,
  range: MeasureRange,
  byOwner: boolean,
): Promise<Map<number | null, SurveyFigures>> {
  const owner = ownerKey(ctx, 'service_surveys', byOwner);
  const [scores, questions] = await Promise.all([
    surveysIn(ctx, range)
      .select([owner.as('owner'), 'kind', 'score', sql<number>`count(*)`.as('n')])
      .$if(byOwner, (q) => q.groupBy(sql`owner`))
      .groupBy(['kind', 'score'])
      .execute(),
    surveysIn(ctx, range)
      .select([
        owner.as('owner'),
        sql<number>`count(by_name)`.as('byName'),
        sql<number>`coalesce(sum(by_name), 0)`.as('yes'),
        sql<number>`count(needs_met)`.as('needsMet'),
        sql<number>`coalesce(sum(needs_met), 0)`.as('needsMetSum'),
        sql<number>`count(wallet_share)`.as('walletShare'),
        sql<number>`coalesce(sum(wallet_share), 0)`.as('walletShareSum'),
      ])
      .$if(byOwner, (q) => q.groupBy(sql`owner`))
      .execute(),
  ]);
  const counts = new Map<number | null, { csat: Map<number, number>; nps: Map<number, number> }>();
  for (const row of scores) {
    const key = keyOf(row.owner);
    const mine = counts.get(key) ?? { csat: new Map(), nps: new Map() };
    mine[row.kind].set(row.score, Number(row.n));
    counts.set(key, mine);
  }
  const answered = new Map<number | null, Questions>();
  for (const row of questions) {
    answered.set(keyOf(row.owner), {
      byName: Number(row.byName),
      yes: Number(row.yes),
      needsMet: Number(row.needsMet),
      needsMetSum: Number(row.needsMetSum),
      walletShare: Number(row.walletShare),
      walletShareSum: Number(row.walletShareSum),
    });
  }
  const keys = byOwner ? new Set([...counts.keys(), ...answered.keys()]) : new Set([null]);
  return new Map(
    [...keys].map((key) => {
      const mine = counts.get(key) ?? { csat: new Map(), nps: new Map() };
      const q = answered.get(key);
      const mean = (sum: number, n: number) => (n === 0 ? null : round(sum / n, 1));
      return [
        key,
        {
          csat: {
            ...csat(mine.csat),
            satisfied: (mine.csat.get(4) ?? 0) + (mine.csat.get(5) ?? 0),
          },
          nps: nps(mine.nps),
          byName: { answered: q?.byName ?? 0, yes: q?.yes ?? 0 },
          needsMet: {
            answered: q?.needsMet ?? 0,
            mean: mean(q?.needsMetSum ?? 0, q?.needsMet ?? 0),
          },
          walletShare: {
            answered: q?.walletShare ?? 0,
            mean: mean(q?.walletShareSum ?? 0, q?.walletShare ?? 0),
          },
        },
      ];
    }),
  );
}

/** The complaints opened in the range, in one group or one a owner. */
async function complaintFigures(
  ctx: Ctx,
  range: MeasureRange,
  byOwner: boolean,
): Promise<Map<number | null, ComplaintFigures>> {
  const rows = await complaintsIn(ctx, range)
    .select([
      ownerKey(ctx, 'service_complaints', byOwner).as('owner'),
      'cause',
      sql<number>`count(*)`.as('n'),
      sql<number>`count(closed_at)`.as('closed'),
    ])
    .$if(byOwner, (q) => q.groupBy(sql`owner`))
    .groupBy('cause')
    .execute();
  const figures = new Map<
    number | null,
    { opened: number; closed: number; byCause: Record<Cause, number> }
  >();
  if (!byOwner) figures.set(null, emptyComplaints());
  for (const row of rows) {
    const key = keyOf(row.owner);
    const mine = figures.get(key) ?? emptyComplaints();
    mine.byCause[row.cause] = Number(row.n);
    mine.opened += Number(row.n);
    mine.closed += Number(row.closed);
    figures.set(key, mine);
  }
  return figures;
}

function emptyComplaints() {
  return {
    opened: 0,
    closed: 0,
    byCause: Object.fromEntries(CAUSES.map((cause) => [cause, 0])) as Record<Cause, number>,
  };
}

export function serviceMeasures(ctx: Ctx): ServiceMeasures {
  const one = async <T>(figures: Promise<Map<number | null, T>>) => (await figures).get(null) as T;
  return {
    surveys: (range) => one(surveyFigures(ctx, range, false)),
    surveysByOwner: (range) => surveyFigures(ctx, range, true),
    complaints: (range) => one(complaintFigures(ctx, range, false)),
    complaintsByOwner: (range) => complaintFigures(ctx, range, true),

    async csatByCustomer(range) {
      const rows = await surveysIn(ctx, range)
        .select(['customer_id', sql<number>`avg(score)`.as('mean')])
        .where('kind', '=', 'csat')
        .groupBy('customer_id')
        .execute();
      return new Map(rows.map((row) => [Number(row.customer_id), Number(row.mean)]));
    },

    async qualityComplaints(range) {
      const rows = await complaintsIn(ctx, range)
        .select(['customer_id', sql<string>`min(opened_at)`.as('first')])
        .where('cause', '=', 'product_quality')
        .groupBy('customer_id')
        .execute();
      return new Map(rows.map((row) => [Number(row.customer_id), row.first]));
    },
  };
}
