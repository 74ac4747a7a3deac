import { dayOf, parseInput } from '@guanxi/core';
import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { Bilingual } from '../labels';
import { sourceLabels } from '../sources/kinds';
import { type DevelopmentContext, type DevelopmentTables, tablesOf } from '../tables';
import { LOST_REASON_LABELS, type LostReason, probabilityOf } from './stages';

/** Sums in minor units, by currency: amounts in different currencies are never added. */
export type Money = Readonly<Record<string, number>>;

function add(into: Record<string, number>, currency: string, amount: number): void {
  into[currency] = (into[currency] ?? 0) + amount;
}

/** Rounds a weighted sum to a whole minor unit. */
const whole = (money: Record<string, number>): Money =>
  Object.fromEntries(Object.entries(money).map(([c, v]) => [c, Math.round(v)]));

export interface PipelineStage {
  readonly stage: string;
  readonly label: Bilingual;
  readonly probability: number;
  readonly count: number;
  readonly amount: Money;
  /** amount × probability. */
  readonly weighted: Money;
}

export interface PipelineOwner {
  readonly ownerUserId: number;
  readonly name: string;
  readonly count: number;
  readonly amount: Money;
  readonly weighted: Money;
  readonly stages: readonly PipelineStage[];
}

export interface Pipeline {
  /** The team's open opportunities by stage, in the team's stage order. */
  readonly stages: readonly PipelineStage[];
  /** The same per owner (rep), by name. */
  readonly owners: readonly PipelineOwner[];
}

/**
 * What a report counts: opportunities of one owner only, and those whose time (opened, for
 * conversion; closed, for wins and losses) falls in a range of instants. Empty: all of them.
 */
export interface ReportScope {
  readonly ownerUserId?: number | undefined;
  /** ISO instants: at or after `from`, before `to`. */
  readonly range?: { readonly from: string; readonly to: string } | undefined;
}

type OpportunityRow = DevelopmentTables['development_opportunities'];

/**
 * The team's opportunities (the query's `o`) of the scope's owner with `column` in its range,
 * as a where clause.
 */
function inScope(ctx: DevelopmentContext, column: 'created_at' | 'closed_at', scope: ReportScope) {
  return (eb: ExpressionBuilder<{ o: OpportunityRow }, 'o'>) => {
    const { ownerUserId, range } = scope;
    return eb.and([
      eb('o.team_id', '=', ctx.teamId),
      ...(ownerUserId === undefined ? [] : [eb('o.owner_user_id', '=', ownerUserId)]),
      ...(range === undefined
        ? []
        : [eb(`o.${column}`, '>=', range.from), eb(`o.${column}`, '<', range.to)]),
    ]);
  };
}

export const pipelineInputSchema = z.strictObject({
  ownerUserId: z.number().int().positive().optional(),
});

interface OpenRow {
  readonly owner_user_id: number;
  readonly stage: string;
  readonly amount: number;
  readonly currency: string;
  readonly close_day: string;
}

function stagesOf(ctx: DevelopmentContext, rows: readonly OpenRow[]): PipelineStage[] {
  const configured = ctx.config.opportunities.stages;
  const ids = [...configured.map((stage) => stage.id)];
  for (const row of rows) if (!ids.includes(row.stage)) ids.push(row.stage);
  return ids.map((id) => {
    const probability = probabilityOf(configured, id);
    const amount: Record<string, number> = {};
    const weighted: Record<string, number> = {};
    let count = 0;
    for (const row of rows) {
      if (row.stage !== id) continue;
      count += 1;
      add(amount, row.currency, Number(row.amount));
      add(weighted, row.currency, Number(row.amount) * probability);
    }
    const label = configured.find((stage) => stage.id === id)?.label ?? { en: id, 'zh-CN': id };
    return { stage: id, label, probability, count, amount, weighted: whole(weighted) };
  });
}

/** The stages' opportunities added up: count, amount and weighted amount by currency. */
export function totalOf(stages: readonly PipelineStage[]) {
  const amount: Record<string, number> = {};
  const weighted: Record<string, number> = {};
  for (const stage of stages) {
    for (const [c, v] of Object.entries(stage.amount)) add(amount, c, v);
    for (const [c, v] of Object.entries(stage.weighted)) add(weighted, c, v);
  }
  return { count: stages.reduce((n, s) => n + s.count, 0), amount, weighted };
}

async function openRows(ctx: DevelopmentContext, ownerUserId?: number): Promise<OpenRow[]> {
  let query = tablesOf(ctx)
    .selectFrom('development_opportunities')
    .select(['owner_user_id', 'stage', 'amount', 'currency', 'close_day'])
    .where('team_id', '=', ctx.teamId)
    .where('status', '=', 'open');
  if (ownerUserId !== undefined) query = query.where('owner_user_id', '=', ownerUserId);
  return query.execute();
}

/** The open opportunities by stage, for the team and for each rep who owns some. */
export async function pipeline(
  ctx: DevelopmentContext,
  input: z.input<typeof pipelineInputSchema> = {},
): Promise<Pipeline> {
  const { ownerUserId } = parseInput(pipelineInputSchema, input);
  const rows = await openRows(ctx, ownerUserId);
  const names = new Map(
    (await ctx.core.users.members(ctx.teamId)).map((user) => [user.id, user.name]),
  );
  const owners = [...new Set(rows.map((row) => Number(row.owner_user_id)))].map((id) => {
    const stages = stagesOf(
      ctx,
      rows.filter((row) => Number(row.owner_user_id) === id),
    );
    return { ownerUserId: id, name: names.get(id) ?? '', ...totalOf(stages), stages };
  });
  return {
    stages: stagesOf(ctx, rows),
    owners: owners.sort((a, b) => a.name.localeCompare(b.name) || a.ownerUserId - b.ownerUserId),
  };
}

export interface ForecastMonth {
  /** YYYY-MM of the expected close days. */
  readonly month: string;
  readonly count: number;
  readonly amount: Money;
  /** amount × the stage's probability. */
  readonly weighted: Money;
}

export interface Forecast {
  readonly months: readonly ForecastMonth[];
  readonly total: { readonly count: number; readonly amount: Money; readonly weighted: Money };
  /** Open opportunities whose expected close day has passed (the team's today). */
  readonly overdue: number;
}

/** The open pipeline weighted by each stage's probability, by month of expected close. */
export async function forecast(ctx: DevelopmentContext): Promise<Forecast> {
  const rows = await openRows(ctx);
  const stages = ctx.config.opportunities.stages;
  const today = dayOf(ctx.clock.now(), ctx.timeZone);
  const months = new Map<
    string,
    { count: number; amount: Record<string, number>; weighted: Record<string, number> }
  >();
  const total = {
    count: 0,
    amount: {} as Record<string, number>,
    weighted: {} as Record<string, number>,
  };
  let overdue = 0;
  for (const row of rows) {
    const month = row.close_day.slice(0, 7);
    const entry = months.get(month) ?? { count: 0, amount: {}, weighted: {} };
    const amount = Number(row.amount);
    const weighted = amount * probabilityOf(stages, row.stage);
    for (const into of [entry, total]) {
      into.count += 1;
      add(into.amount, row.currency, amount);
      add(into.weighted, row.currency, weighted);
    }
    months.set(month, entry);
    if (row.close_day < today) overdue += 1;
  }
  return {
    months: [...months]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, entry]) => ({ month, ...entry, weighted: whole(entry.weighted) })),
    total: { ...total, weighted: whole(total.weighted) },
    overdue,
  };
}

export interface ConversionStep {
  readonly stage: string;
  readonly label: Bilingual;
  /** Opportunities that reached this stage or went past it. */
  readonly reached: number;
  /** Of those, the share that reached the next stage (or, after the last, were won). */
  readonly toNext: number | null;
}

export interface Conversion {
  readonly stages: readonly ConversionStep[];
  readonly won: number;
  readonly lost: number;
  /** won ÷ (won + lost). */
  readonly winRate: number | null;
}

/**
 * How many opportunities reached each stage and the share that went on to the next, from
 * the stage history: an opportunity counts at every stage up to the furthest it reached, and
 * a won one at every stage. The scope's range picks the opportunities opened in it.
 */
export async function stageConversion(
  ctx: DevelopmentContext,
  scope: ReportScope = {},
): Promise<Conversion> {
  const stages = ctx.config.opportunities.stages;
  const index = new Map(stages.map((stage, i) => [stage.id, i]));
  const furthest = new Map<number, number>();
  const events = await tablesOf(ctx)
    .selectFrom('development_opportunity_events as e')
    .innerJoin('development_opportunities as o', 'o.id', 'e.opportunity_id')
    .select(['e.opportunity_id', 'e.to_stage'])
    .where('e.team_id', '=', ctx.teamId)
    .where(inScope(ctx, 'created_at', scope))
    .execute();
  for (const event of events) {
    const id = Number(event.opportunity_id);
    const at = event.to_stage === 'won' ? stages.length : (index.get(event.to_stage) ?? -1);
    furthest.set(id, Math.max(furthest.get(id) ?? -1, at));
  }
  const closed = await closedCounts(ctx, 'created_at', scope);
  const reached = stages.map((_, i) => [...furthest.values()].filter((f) => f >= i).length);
  return {
    stages: stages.map((stage, i) => {
      const here = reached[i] ?? 0;
      const next = i + 1 < stages.length ? (reached[i + 1] ?? 0) : closed.won;
      return {
        stage: stage.id,
        label: stage.label,
        reached: here,
        toNext: here === 0 ? null : next / here,
      };
    }),
    ...closed,
    winRate: closed.won + closed.lost === 0 ? null : closed.won / (closed.won + closed.lost),
  };
}

/** Won and lost opportunities of the scope, by when they were opened or closed. */
export async function closedCounts(
  ctx: DevelopmentContext,
  column: 'created_at' | 'closed_at',
  scope: ReportScope = {},
): Promise<{ won: number; lost: number }> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_opportunities as o')
    .select(['o.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(ctx, column, scope))
    .where('o.status', 'in', ['won', 'lost'])
    .groupBy('o.status')
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { won: count('won'), lost: count('lost') };
}

export interface SourceWinRate {
  /** The customer's source kind; null for customers without a recorded source. */
  readonly kind: string | null;
  readonly label: Bilingual;
  readonly won: number;
  readonly lost: number;
  readonly winRate: number;
}

const NO_SOURCE: Bilingual = { en: 'No source', 'zh-CN': '来源未知' };

/** Won ÷ closed opportunities by the source of their customers; the range is when they closed. */
export async function winRateBySource(
  ctx: DevelopmentContext,
  scope: ReportScope = {},
): Promise<SourceWinRate[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_opportunities as o')
    .leftJoin('development_sources as s', (join) =>
      join
        .onRef('s.team_id', '=', 'o.team_id')
        .onRef('s.customer_id', '=', 'o.customer_id')
        .on('s.status', '=', 'recorded'),
    )
    .select(['s.kind', 'o.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(ctx, 'closed_at', scope))
    .where('o.status', 'in', ['won', 'lost'])
    .groupBy(['s.kind', 'o.status'])
    .execute();
  const byKind = new Map<string | null, { won: number; lost: number }>();
  for (const row of rows) {
    const entry = byKind.get(row.kind) ?? { won: 0, lost: 0 };
    if (row.status === 'won') entry.won += Number(row.n);
    else entry.lost += Number(row.n);
    byKind.set(row.kind, entry);
  }
  return [...byKind]
    .map(([kind, entry]) => ({
      kind,
      label: kind === null ? NO_SOURCE : sourceLabels(kind, ctx.config.sources.own),
      ...entry,
      winRate: entry.won / (entry.won + entry.lost),
    }))
    .sort(
      (a, b) => b.won + b.lost - (a.won + a.lost) || String(a.kind).localeCompare(String(b.kind)),
    );
}

export interface LostReasonRow {
  readonly reason: LostReason;
  readonly label: Bilingual;
  readonly count: number;
  readonly amount: Money;
  /** For opportunities lost to a competitor: how many went to each, by name. */
  readonly competitors: Readonly<Record<string, number>>;
}

/**
 * Lost opportunities by reason, most first, with the competitors they went to; the range is
 * when they were lost.
 */
export async function lostReasons(
  ctx: DevelopmentContext,
  scope: ReportScope = {},
): Promise<LostReasonRow[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_opportunities as o')
    .select(['o.lost_reason', 'o.competitor', 'o.amount', 'o.currency'])
    .where(inScope(ctx, 'closed_at', scope))
    .where('o.status', '=', 'lost')
    .execute();
  const byReason = new Map<
    LostReason,
    { count: number; amount: Record<string, number>; competitors: Record<string, number> }
  >();
  for (const row of rows) {
    const reason = (row.lost_reason ?? 'other') as LostReason;
    const entry = byReason.get(reason) ?? { count: 0, amount: {}, competitors: {} };
    entry.count += 1;
    add(entry.amount, row.currency, Number(row.amount));
    if (row.competitor !== null) add(entry.competitors, row.competitor, 1);
    byReason.set(reason, entry);
  }
  return [...byReason]
    .map(([reason, entry]) => ({ reason, label: LOST_REASON_LABELS[reason], ...entry }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
