import { notFound, parseInput } from '@guanxi/core';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { type DevelopmentContext, type DevelopmentTables, isoNow, tablesOf } from '../tables';
import { matchKey } from './pains';

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const resultSchema = z
  .strictObject({
    /** A gain in money, minor units of `currency`. */
    amount: z.number().int('must be a whole number of minor units').min(0).optional(),
    /** Default: the team's currency. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
      .optional(),
    /** A gain in percent: 15 for 15%. */
    percent: z.number().min(-100).max(10_000).optional(),
    /** The result in a sentence: "cut month-end close from 10 days to 4". */
    text: line(300),
  })
  .superRefine((result, check) => {
    if ((result.amount === undefined) === (result.percent === undefined)) {
      check.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'measure the result in money (amount) or in percent, one of them',
      });
    }
    if (result.currency !== undefined && result.amount === undefined) {
      check.addIssue({ code: 'custom', path: ['currency'], message: 'only with an amount' });
    }
  });

/**
 * A reference case: who (role, industry) had which key issue, one reason they chose us, the
 * capability they needed (when, who, what), what we provided and the measured result.
 */
export const caseInputSchema = z.strictObject({
  role: line(100),
  industry: line(100),
  keyIssue: line(300),
  reason: line(300),
  capability: z.strictObject({ when: line(200), who: line(200), what: line(300) }),
  provided: line(500),
  result: resultSchema,
});

export const replaceCaseInputSchema = caseInputSchema.extend({
  caseId: z.number().int().positive(),
});

export type CaseInput = z.input<typeof caseInputSchema>;

export interface ReferenceCase {
  readonly id: number;
  readonly role: string;
  readonly industry: string;
  readonly keyIssue: string;
  readonly reason: string;
  readonly capability: { readonly when: string; readonly who: string; readonly what: string };
  readonly provided: string;
  readonly result: {
    readonly amount: number | null;
    readonly currency: string | null;
    readonly percent: number | null;
    readonly text: string;
  };
  readonly actor: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toCase(row: Selectable<DevelopmentTables['development_cases']>): ReferenceCase {
  return {
    id: Number(row.id),
    role: row.role,
    industry: row.industry,
    keyIssue: row.key_issue,
    reason: row.reason,
    capability: { when: row.capability_when, who: row.capability_who, what: row.capability_what },
    provided: row.provided,
    result: {
      amount: row.result_amount === null ? null : Number(row.result_amount),
      currency: row.result_currency,
      percent: row.result_percent,
      text: row.result_text,
    },
    actor: row.actor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function columnsOf(ctx: DevelopmentContext, input: z.output<typeof caseInputSchema>) {
  const currency =
    input.result.amount === undefined
      ? null
      : (input.result.currency ?? (await ctx.core.teams.get(ctx.teamId)).currency);
  return {
    role: input.role,
    industry: input.industry,
    role_key: matchKey(input.role),
    industry_key: matchKey(input.industry),
    key_issue: input.keyIssue,
    reason: input.reason,
    capability_when: input.capability.when,
    capability_who: input.capability.who,
    capability_what: input.capability.what,
    provided: input.provided,
    result_amount: input.result.amount ?? null,
    result_currency: currency,
    result_percent: input.result.percent ?? null,
    result_text: input.result.text,
  };
}

async function getCase(ctx: DevelopmentContext, caseId: number): Promise<ReferenceCase> {
  const row = await tablesOf(ctx)
    .selectFrom('development_cases')
    .selectAll()
    .where('id', '=', caseId)
    .where('team_id', '=', ctx.teamId)
    .executeTakeFirst();
  if (row === undefined) throw notFound('reference case', 'caseId', caseId);
  return toCase(row);
}

/** Adds a reference case to the team's library. */
export async function addCase(
  ctx: DevelopmentContext,
  input: CaseInput,
  actor: string,
): Promise<ReferenceCase> {
  const parsed = parseInput(caseInputSchema, input);
  const now = isoNow(ctx);
  const row = await tablesOf(ctx)
    .insertInto('development_cases')
    .values({
      team_id: ctx.teamId,
      ...(await columnsOf(ctx, parsed)),
      actor,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.core.customers.touchAll(ctx.teamId);
  return getCase(ctx, Number(row.id));
}

/** Rewrites a reference case. */
export async function replaceCase(
  ctx: DevelopmentContext,
  input: z.input<typeof replaceCaseInputSchema>,
  actor: string,
): Promise<ReferenceCase> {
  const { caseId, ...parsed } = parseInput(replaceCaseInputSchema, input);
  await getCase(ctx, caseId);
  await tablesOf(ctx)
    .updateTable('development_cases')
    .set({ ...(await columnsOf(ctx, parsed)), actor, updated_at: isoNow(ctx) })
    .where('id', '=', caseId)
    .where('team_id', '=', ctx.teamId)
    .execute();
  await ctx.core.customers.touchAll(ctx.teamId);
  return getCase(ctx, caseId);
}

export const removeCaseInputSchema = z.strictObject({ caseId: z.number().int().positive() });

export async function removeCase(
  ctx: DevelopmentContext,
  input: z.input<typeof removeCaseInputSchema>,
): Promise<void> {
  const { caseId } = parseInput(removeCaseInputSchema, input);
  await getCase(ctx, caseId);
  await tablesOf(ctx)
    .deleteFrom('development_cases')
    .where('id', '=', caseId)
    .where('team_id', '=', ctx.teamId)
    .execute();
  await ctx.core.customers.touchAll(ctx.teamId);
}

/** The team's reference cases, by industry, role and age. */
export async function listCases(ctx: DevelopmentContext): Promise<ReferenceCase[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_cases')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .orderBy('industry_key')
    .orderBy('role_key')
    .orderBy('id')
    .execute();
  return rows.map(toCase);
}

/**
 * Cases for a customer of this industry: those of the same role first, then the industry's
 * others, newest first within each; an indexed read of the industry's cases.
 */
export async function matchingCases(
  ctx: DevelopmentContext,
  industry: string,
  role: string | undefined,
  limit = 3,
): Promise<ReferenceCase[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_cases')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('industry_key', '=', matchKey(industry))
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const roleKey = role === undefined ? undefined : matchKey(role);
  return rows
    .map(toCase)
    .sort((a, b) => Number(matchKey(b.role) === roleKey) - Number(matchKey(a.role) === roleKey))
    .slice(0, limit);
}
