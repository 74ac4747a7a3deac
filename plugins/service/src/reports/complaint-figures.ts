import { dialectOf, type PluginContext, type ReportRange } from '@guanxi/core';
import { sql } from 'kysely';
import { CAUSES, type Cause, STEPS, type Step } from '../complaints/complaint';
import type { ServiceConfig } from '../config';
import { tablesOf } from '../tables';

/** The complaints of one cause opened in a range, by the step each has reached. */
export interface CauseFigures {
  readonly cause: Cause;
  readonly opened: number;
  readonly atStep: Readonly<Record<Step, number>>;
  /** Open complaints whose next step was due before now. */
  readonly overdue: number;
  /** Judged (valid or not) and judged valid. */
  readonly judged: number;
  readonly valid: number;
  /** Closed ones, and the hours from opening to close summed over them. */
  readonly closed: number;
  readonly closedHours: number;
}

type Ctx = Pick<PluginContext<ServiceConfig>, 'teamId' | 'db' | 'clock'>;

/** Hours from `opened_at` to `closed_at`, as the dialect subtracts two ISO times. */
function hoursToClose(ctx: Ctx) {
  return dialectOf(ctx.db) === 'postgres'
    ? sql<number>`extract(epoch from (closed_at::timestamptz - opened_at::timestamptz)) / 3600`
    : sql<number>`(julianday(closed_at) - julianday(opened_at)) * 24`;
}

/**
 * The complaints opened in the range, by cause and the step each has reached, in one
 * aggregated query by the (team, opened) index; every cause is listed, the empty ones too.
 */
export async function complaintFigures(ctx: Ctx, range: ReportRange): Promise<CauseFigures[]> {
  const now = ctx.clock.now().toISOString();
  const rows = await tablesOf(ctx)
    .selectFrom('service_complaints')
    .select([
      'cause',
      'step',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when closed_at is null and due_at < ${now} then 1 else 0 end)`.as(
        'overdue',
      ),
      sql<number>`count(valid)`.as('judged'),
      sql<number>`coalesce(sum(valid), 0)`.as('valid'),
      sql<number>`count(closed_at)`.as('closed'),
      sql<number | null>`sum(case when closed_at is not null then ${hoursToClose(ctx)} end)`.as(
        'hours',
      ),
    ])
    .where('team_id', '=', ctx.teamId)
    .where('opened_at', '>=', range.from)
    .where('opened_at', '<', range.to)
    .groupBy(['cause', 'step'])
    .execute();
  return CAUSES.map((cause) => {
    const mine = rows.filter((row) => row.cause === cause);
    const sum = (pick: (row: (typeof rows)[number]) => number | string | null) =>
      mine.reduce((total, row) => total + Number(pick(row) ?? 0), 0);
    const atStep = Object.fromEntries(
      STEPS.map((step) => [step, sum((row) => (row.step === step ? row.n : 0))]),
    ) as Record<Step, number>;
    return {
      cause,
      opened: sum((row) => row.n),
      atStep,
      overdue: sum((row) => row.overdue),
      judged: sum((row) => row.judged),
      valid: sum((row) => row.valid),
      closed: sum((row) => row.closed),
      closedHours: sum((row) => row.hours),
    };
  });
}

/** The figures of every cause together. */
export function allCauses(figures: readonly CauseFigures[]): Omit<CauseFigures, 'cause'> {
  const total = (pick: (figure: CauseFigures) => number) =>
    figures.reduce((sum, figure) => sum + pick(figure), 0);
  return {
    opened: total((f) => f.opened),
    atStep: Object.fromEntries(STEPS.map((step) => [step, total((f) => f.atStep[step])])) as Record<
      Step,
      number
    >,
    overdue: total((f) => f.overdue),
    judged: total((f) => f.judged),
    valid: total((f) => f.valid),
    closed: total((f) => f.closed),
    closedHours: total((f) => f.closedHours),
  };
}

/** The mean hours to close, to one decimal; null with none closed. */
export function meanHours(figures: Pick<CauseFigures, 'closed' | 'closedHours'>): number | null {
  return figures.closed === 0 ? null : Math.round((figures.closedHours / figures.closed) * 10) / 10;
}
