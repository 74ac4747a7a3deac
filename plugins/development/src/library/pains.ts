import { notFound, parseInput } from '@guanxi/core';
import { z } from 'zod';
import { type DevelopmentContext, isoNow, tablesOf } from '../tables';

const label = z.string().trim().min(1, 'must not be empty').max(100);

/** How a role or an industry is matched: case and spacing aside. */
export function matchKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const setPainsInputSchema = z.strictObject({
  /** A job title (职务), such as CFO. */
  role: label,
  industry: label,
  /** The key issues that hurt this role in this industry, most pressing first. */
  pains: z
    .array(z.string().trim().min(1, 'must not be empty').max(300))
    .min(1, 'name at least one pain')
    .max(3, 'at most three pains'),
});

export const removePainsInputSchema = setPainsInputSchema.pick({ role: true, industry: true });

export type SetPainsInput = z.input<typeof setPainsInputSchema>;

export interface Pains {
  readonly role: string;
  readonly industry: string;
  readonly pains: readonly string[];
  readonly actor: string;
  readonly updatedAt: string;
}

/** Sets the pains of a role in an industry, replacing those listed before. */
export async function setPains(
  ctx: DevelopmentContext,
  input: SetPainsInput,
  actor: string,
): Promise<Pains> {
  const { role, industry, pains } = parseInput(setPainsInputSchema, input);
  const updatedAt = isoNow(ctx);
  const columns = { role, industry, pains: JSON.stringify(pains), actor, updated_at: updatedAt };
  await tablesOf(ctx)
    .insertInto('development_pains')
    .values({
      team_id: ctx.teamId,
      role_key: matchKey(role),
      industry_key: matchKey(industry),
      ...columns,
    })
    .onConflict((oc) => oc.columns(['team_id', 'industry_key', 'role_key']).doUpdateSet(columns))
    .execute();
  await ctx.core.customers.touchAll(ctx.teamId);
  return { role, industry, pains, actor, updatedAt };
}

/** Takes a role and industry out of the library. */
export async function removePains(
  ctx: DevelopmentContext,
  input: z.input<typeof removePainsInputSchema>,
): Promise<void> {
  const { role, industry } = parseInput(removePainsInputSchema, input);
  const result = await tablesOf(ctx)
    .deleteFrom('development_pains')
    .where('team_id', '=', ctx.teamId)
    .where('industry_key', '=', matchKey(industry))
    .where('role_key', '=', matchKey(role))
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('pains', 'role', role);
  await ctx.core.customers.touchAll(ctx.teamId);
}

/** The team's library of pains, by industry then role. */
export async function listPains(ctx: DevelopmentContext): Promise<Pains[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_pains')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .orderBy('industry_key')
    .orderBy('role_key')
    .execute();
  return rows.map((row) => ({
    role: row.role,
    industry: row.industry,
    pains: JSON.parse(row.pains) as string[],
    actor: row.actor,
    updatedAt: row.updated_at,
  }));
}

/** The pains of one role in one industry: a primary-key read. */
export async function painsFor(
  ctx: DevelopmentContext,
  role: string,
  industry: string,
): Promise<readonly string[]> {
  const row = await tablesOf(ctx)
    .selectFrom('development_pains')
    .select('pains')
    .where('team_id', '=', ctx.teamId)
    .where('industry_key', '=', matchKey(industry))
    .where('role_key', '=', matchKey(role))
    .executeTakeFirst();
  return row === undefined ? [] : (JSON.parse(row.pains) as string[]);
}
