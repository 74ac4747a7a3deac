import {
  type Customer,
  chunked,
  type FieldIssue,
  notFound,
  parseInput,
  toFieldIssues,
  validationError,
} from '@guanxi/core';
import type { Insertable, Selectable } from 'kysely';
import { type DevelopmentContext, type DevelopmentTables, isoNow, tablesOf } from '../tables';
import { type ResolvedSource, resolveSources } from './resolve';
import { type SetSourceInput, setSourceInputSchema, sourceInputSchema } from './source-input';

/** The customer attribute a source is given in when a customer is created. */
export const SOURCE_ATTRIBUTE = 'source';

type SourceRow = Selectable<DevelopmentTables['development_sources']>;

export interface Source {
  readonly customerId: number;
  /** `refused`: the source given at creation failed its checks; `issue` says why. */
  readonly status: 'recorded' | 'refused';
  readonly kind: string | null;
  readonly referrerId: number | null;
  readonly agent: string | null;
  readonly agentFee: number | null;
  readonly agentFeeRate: number | null;
  readonly competitor: string | null;
  readonly detail: string | null;
  readonly issue: string | null;
  readonly actor: string;
  readonly recordedAt: string;
  readonly changedAt: string;
}

export function toSource(row: SourceRow): Source {
  return {
    customerId: Number(row.customer_id),
    status: row.status,
    kind: row.kind,
    referrerId: row.referrer_id === null ? null : Number(row.referrer_id),
    agent: row.agent,
    agentFee: row.agent_fee === null ? null : Number(row.agent_fee),
    agentFeeRate: row.agent_fee_rate,
    competitor: row.competitor,
    detail: row.detail,
    issue: row.issue,
    actor: row.actor,
    recordedAt: row.recorded_at,
    changedAt: row.changed_at,
  };
}

function resolvedColumns(source: ResolvedSource) {
  return {
    status: 'recorded' as const,
    kind: source.kind,
    referrer_id: source.referrerId,
    agent: source.agent,
    agent_fee: source.agentFee,
    agent_fee_rate: source.agentFeeRate,
    competitor: source.competitor,
    detail: source.detail,
    issue: null,
    given: null,
  };
}

/** A customer's source, recorded or refused; undefined when none was given. */
export async function sourceOf(
  ctx: DevelopmentContext,
  customerId: number,
): Promise<Source | undefined> {
  const row = await tablesOf(ctx)
    .selectFrom('development_sources')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row === undefined ? undefined : toSource(row);
}

/**
 * Records the sources new customers were given in their `source` attribute. A source that
 * fails its checks is kept as `refused` with the reason, for a rep to put right; the
 * customer is created either way.
 */
export async function recordGivenSources(
  ctx: DevelopmentContext,
  customers: readonly Customer[],
): Promise<void> {
  const given = customers.flatMap((customer) => {
    const attribute = customer.attributes[SOURCE_ATTRIBUTE];
    return attribute === undefined ? [] : [{ customer, value: attribute.value }];
  });
  if (given.length === 0) return;
  const now = isoNow(ctx);
  const rows: Insertable<DevelopmentTables['development_sources']>[] = [];
  const refused = (customerId: number, value: unknown, issues: readonly FieldIssue[]) =>
    rows.push({
      team_id: ctx.teamId,
      customer_id: customerId,
      status: 'refused',
      issue: issues
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')
        .slice(0, 1_000),
      given: JSON.stringify(value).slice(0, 2_000),
      actor: 'system',
      recorded_at: now,
      changed_at: now,
    });
  const parsed = given.flatMap(({ customer, value }) => {
    const result = sourceInputSchema.safeParse(value);
    if (result.success) return [{ customerId: customer.id, source: result.data, value }];
    refused(customer.id, value, toFieldIssues(result.error, [SOURCE_ATTRIBUTE]));
    return [];
  });
  const resolved = await resolveSources(
    ctx,
    parsed.map(({ customerId, source }) => ({ customerId, source, path: [SOURCE_ATTRIBUTE] })),
  );
  resolved.forEach((resolution, i) => {
    const { customerId, value } = parsed[i] as (typeof parsed)[number];
    if (!resolution.ok) refused(customerId, value, resolution.issues);
    else {
      rows.push({
        team_id: ctx.teamId,
        customer_id: customerId,
        ...resolvedColumns(resolution.source),
        actor: 'system',
        recorded_at: now,
        changed_at: now,
      });
    }
  });
  for (const chunk of chunked(rows, 500)) {
    await tablesOf(ctx).insertInto('development_sources').values(chunk).execute();
  }
  const referrers = rows.flatMap((row) => (row.referrer_id == null ? [] : [row.referrer_id]));
  if (referrers.length > 0) await ctx.core.customers.touch(ctx.teamId, referrers);
}

/**
 * Gives a customer their source, or changes it: a refused one is replaced, a recorded one
 * changed with an audit entry holding both. Refused input is GX_ERR_VALIDATION naming the
 * field (`source.referrerId`) and changes nothing.
 */
export async function setSource(
  ctx: DevelopmentContext,
  input: SetSourceInput,
  actor: string,
): Promise<Source> {
  const { customerId, source } = parseInput(setSourceInputSchema, input);
  if ((await ctx.core.customers.find(ctx.teamId, customerId)) === undefined) {
    throw notFound('customer', 'customerId', customerId);
  }
  const [resolution] = await resolveSources(ctx, [{ customerId, source, path: ['source'] }]);
  if (resolution === undefined || !resolution.ok) {
    throw validationError(resolution?.issues ?? []);
  }
  const before = await sourceOf(ctx, customerId);
  const now = isoNow(ctx);
  const columns = { ...resolvedColumns(resolution.source), actor, changed_at: now };
  const row = await tablesOf(ctx)
    .insertInto('development_sources')
    .values({ team_id: ctx.teamId, customer_id: customerId, ...columns, recorded_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'customer_id']).doUpdateSet(columns))
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = toSource(row);
  await ctx.core.audit.record({
    teamId: ctx.teamId,
    actor,
    action:
      before?.status === 'recorded' ? 'development.source.changed' : 'development.source.recorded',
    entity: 'customer',
    entityId: customerId,
    before: before ?? null,
    after,
  });
  const touched = [customerId, before?.referrerId, after.referrerId].filter(
    (id): id is number => typeof id === 'number',
  );
  await ctx.core.customers.touch(ctx.teamId, touched);
  return after;
}
