import { defineService, type PluginContext } from '@guanxi/core';
import { sql } from 'kysely';
import { CAUSES, type Cause } from '../complaints/complaint';
import type { ServiceConfig } from '../config';
import { type CsatMeasure, csat, type NpsMeasure, nps } from '../measures/compute';
import { tablesOf } from '../tables';

/** A range of time (`from` inclusive, `to` exclusive) and, for one member, their customers. */
export interface MeasureScope {
  readonly from: string;
  readonly to: string;
  /** Only the customers this member owns. */
  readonly owner?: number;
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
 * range, each in one aggregated query by the plugin's time indexes.
 */
export interface ServiceMeasures {
  surveys(scope: MeasureScope): Promise<SurveyFigures>;
  complaints(scope: MeasureScope): Promise<ComplaintFigures>;
  /** Each customer's mean CSAT score (1–5) over the surveys they answered in the range. */
  csatByCustomer(scope: MeasureScope): Promise<ReadonlyMap<number, number>>;
  /** When each customer who complained about product quality in the range first did so. */
  qualityComplaints(scope: MeasureScope): Promise<ReadonlyMap<number, string>>;
}

export const measuresService = defineService<ServiceMeasures>('service.measures');

type Ctx = Pick<PluginContext<ServiceConfig>, 'teamId' | 'db' | 'core'>;

const round = (value: number | string | null, places: number) =>
  value === null ? null : Math.round(Number(value) * 10 ** places) / 10 ** places;

/** Rows of the member's customers, by the core's subquery of the ids they own. */
const ownedBy = (ctx: Ctx, owner: number) =>
  sql<boolean>`customer_id in (${ctx.core.customers.ownedBy(ctx.teamId, owner)})`;

/** The scope's surveys: the team's, in the range, of the owner's customers when one is named. */
function surveysIn(ctx: Ctx, scope: MeasureScope) {
  return tablesOf(ctx)
    .selectFrom('service_surveys')
    .where('team_id', '=', ctx.teamId)
    .where('answered_at', '>=', scope.from)
    .where('answered_at', '<', scope.to)
    .$if(scope.owner !== undefined, (q) => q.where(ownedBy(ctx, scope.owner ?? 0)));
}

/** The scope's complaints, by the time they were opened. */
function complaintsIn(ctx: Ctx, scope: MeasureScope) {
  return tablesOf(ctx)
    .selectFrom('service_complaints')
    .where('team_id', '=', ctx.teamId)
    .where('opened_at', '>=', scope.from)
    .where('opened_at', '<', scope.to)
    .$if(scope.owner !== undefined, (q) => q.where(ownedBy(ctx, scope.owner ?? 0)));
}

export function serviceMeasures(ctx: Ctx): ServiceMeasures {
  return {
    async surveys(scope) {
      const [scores, questions] = await Promise.all([
        surveysIn(ctx, scope)
          .select(['kind', 'score', sql<number>`count(*)`.as('n')])
          .groupBy(['kind', 'score'])
          .execute(),
        surveysIn(ctx, scope)
          .select([
            sql<number>`count(by_name)`.as('byName'),
            sql<number>`coalesce(sum(by_name), 0)`.as('yes'),
            sql<number>`count(needs_met)`.as('needsMet'),
            sql<number | null>`avg(needs_met)`.as('needsMetMean'),
            sql<number>`count(wallet_share)`.as('walletShare'),
            sql<number | null>`avg(wallet_share)`.as('walletShareMean'),
          ])
          .executeTakeFirstOrThrow(),
      ]);
      const counts = { csat: new Map<number, number>(), nps: new Map<number, number>() };
      for (const row of scores) counts[row.kind].set(row.score, Number(row.n));
      const satisfied = (counts.csat.get(4) ?? 0) + (counts.csat.get(5) ?? 0);
      return {
        csat: { ...csat(counts.csat), satisfied },
        nps: nps(counts.nps),
        byName: { answered: Number(questions.byName), yes: Number(questions.yes) },
        needsMet: {
          answered: Number(questions.needsMet),
          mean: round(questions.needsMetMean, 1),
        },
        walletShare: {
          answered: Number(questions.walletShare),
          mean: round(questions.walletShareMean, 1),
        },
      };
    },

    async complaints(scope) {
      const rows = await complaintsIn(ctx, scope)
        .select([
          'cause',
          sql<number>`count(*)`.as('n'),
          sql<number>`count(closed_at)`.as('closed'),
        ])
        .groupBy('cause')
        .execute();
      const byCause = Object.fromEntries(CAUSES.map((cause) => [cause, 0])) as Record<
        Cause,
        number
      >;
      let closed = 0;
      for (const row of rows) {
        byCause[row.cause] = Number(row.n);
        closed += Number(row.closed);
      }
      return { opened: CAUSES.reduce((sum, cause) => sum + byCause[cause], 0), closed, byCause };
    },

    async csatByCustomer(scope) {
      const rows = await surveysIn(ctx, scope)
        .select(['customer_id', sql<number>`avg(score)`.as('mean')])
        .where('kind', '=', 'csat')
        .groupBy('customer_id')
        .execute();
      return new Map(rows.map((row) => [Number(row.customer_id), Number(row.mean)]));
    },

    async qualityComplaints(scope) {
      const rows = await complaintsIn(ctx, scope)
        .select(['customer_id', sql<string>`min(opened_at)`.as('first')])
        .where('cause', '=', 'product_quality')
        .groupBy('customer_id')
        .execute();
      return new Map(rows.map((row) => [Number(row.customer_id), row.first]));
    },
  };
}
