import { instantIn, parseInput, validationError } from '@guanxi/core';
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../context';
import { type ServiceTables, tablesOf } from '../tables';
import { surveySchema } from './inputs';
import type { Survey } from './survey';

type SurveyRow = Selectable<ServiceTables['service_surveys']>;

export function toSurvey(row: SurveyRow): Survey {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    kind: row.kind,
    score: row.score,
    items: {
      trust: row.trust,
      satisfaction: row.satisfaction,
      commitment: row.commitment,
      friendship: row.friendship,
    },
    byName: row.by_name === null ? null : row.by_name === 1,
    needsMet: row.needs_met,
    walletShare: row.wallet_share,
    answeredAt: row.answered_at,
    recordedBy: row.recorded_by,
  };
}

/** Stores one survey answer of a team's customer; a time after now is refused. */
export async function recordSurvey(
  ctx: ServiceContext,
  input: unknown,
  actor: string,
): Promise<Survey> {
  const survey = parseInput(surveySchema, input);
  const now = ctx.clock.now().toISOString();
  const answeredAt =
    survey.answeredAt === undefined ? now : instantIn(survey.answeredAt, ctx.timeZone);
  if (answeredAt > now) {
    throw validationError([{ path: 'answeredAt', message: 'must not be in the future' }]);
  }
  await ctx.core.customers.get(ctx.teamId, survey.customerId);
  const row = await tablesOf(ctx)
    .insertInto('service_surveys')
    .values({
      team_id: ctx.teamId,
      customer_id: survey.customerId,
      kind: survey.kind,
      score: survey.score,
      trust: survey.items?.trust ?? null,
      satisfaction: survey.items?.satisfaction ?? null,
      commitment: survey.items?.commitment ?? null,
      friendship: survey.items?.friendship ?? null,
      by_name: survey.byName === undefined ? null : survey.byName ? 1 : 0,
      needs_met: survey.needsMet ?? null,
      wallet_share: survey.walletShare ?? null,
      answered_at: answeredAt,
      recorded_by: actor,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.core.customers.touch(ctx.teamId, [survey.customerId]);
  return toSurvey(row);
}
