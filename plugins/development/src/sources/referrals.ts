import { chunked, notFound, parseInput } from '@guanxi/core';
import { z } from 'zod';
import { type DevelopmentContext, tablesOf } from '../tables';

/** How many customers each of these customers referred (referral or centre of influence). */
export async function referralCounts(
  ctx: DevelopmentContext,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const chunk of chunked([...new Set(customerIds)], 500)) {
    const rows = await tablesOf(ctx)
      .selectFrom('development_sources')
      .select(['referrer_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('team_id', '=', ctx.teamId)
      .where('referrer_id', 'in', chunk)
      .where('status', '=', 'recorded')
      .groupBy('referrer_id')
      .execute();
    for (const row of rows) counts.set(Number(row.referrer_id), Number(row.n));
  }
  return counts;
}

/** Who referred the customer, if their recorded source names someone. */
export async function referrerOf(
  ctx: DevelopmentContext,
  customerId: number,
): Promise<number | null> {
  const row = await tablesOf(ctx)
    .selectFrom('development_sources')
    .select('referrer_id')
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'recorded')
    .executeTakeFirst();
  return row?.referrer_id == null ? null : Number(row.referrer_id);
}

/** A customer whose referrals bring many others: at least the team's threshold of them. */
export function isCentreOfInfluence(referrals: number, ctx: DevelopmentContext): boolean {
  return referrals >= ctx.config.sources.centreOfInfluence;
}

export interface CentreOfInfluence {
  readonly customerId: number;
  readonly name: string;
  readonly referrals: number;
}

/** The team's centres of influence, most referrals first. */
export async function centresOfInfluence(ctx: DevelopmentContext): Promise<CentreOfInfluence[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_sources')
    .select(['referrer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('team_id', '=', ctx.teamId)
    .where('referrer_id', 'is not', null)
    .where('status', '=', 'recorded')
    .groupBy('referrer_id')
    .having((eb) => eb.fn.countAll(), '>=', ctx.config.sources.centreOfInfluence)
    .execute();
  const centres = await Promise.all(
    rows.map(async (row) => {
      const customerId = Number(row.referrer_id);
      const customer = await ctx.core.customers.find(ctx.teamId, customerId);
      return { customerId, name: customer?.name ?? '', referrals: Number(row.n) };
    }),
  );
  return centres.sort((a, b) => b.referrals - a.referrals || a.customerId - b.customerId);
}

export const referralTreeInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  depth: z.number().int().min(1, 'must be at least 1').max(10, 'must be 10 or less').default(3),
});

export type ReferralTreeInput = z.input<typeof referralTreeInputSchema>;

export interface ReferralNode {
  readonly customerId: number;
  readonly name: string;
  /** How this customer came: `referral` or `centre_of_influence`; null at the root. */
  readonly kind: string | null;
  /** Customers this one referred, whether shown below or past the depth limit. */
  readonly referrals: number;
  readonly children: readonly ReferralNode[];
}

export interface ReferralTree {
  readonly root: ReferralNode;
  /** Who referred the root, if anyone. */
  readonly referredBy: { readonly customerId: number; readonly name: string } | null;
  /** Customers in the tree below the root, within the depth. */
  readonly size: number;
  /** Whether some referrals lie deeper than the depth asked for. */
  readonly deeper: boolean;
}

interface Edge {
  readonly customerId: number;
  readonly referrerId: number;
  readonly kind: string | null;
}

/**
 * The customers a customer referred, those they referred in turn, and so on to `depth`
 * levels. A chain cannot come back on itself: referrals that would close a circle are refused
 * when recorded, and each customer is shown once.
 */
export async function referralTree(
  ctx: DevelopmentContext,
  input: ReferralTreeInput,
): Promise<ReferralTree> {
  const { customerId, depth } = parseInput(referralTreeInputSchema, input);
  const root = await ctx.core.customers.find(ctx.teamId, customerId);
  if (root === undefined) throw notFound('customer', 'customerId', customerId);
  const childrenOf = new Map<number, Edge[]>();
  const seen = new Set([customerId]);
  let level = [customerId];
  let deeper = false;
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const edges = await referredBy(ctx, level);
    if (d === depth) {
      deeper = edges.length > 0;
      break;
    }
    const next: number[] = [];
    for (const edge of edges) {
      if (seen.has(edge.customerId)) continue;
      seen.add(edge.customerId);
      next.push(edge.customerId);
      childrenOf.set(edge.referrerId, [...(childrenOf.get(edge.referrerId) ?? []), edge]);
    }
    level = next;
  }
  const counts = await referralCounts(ctx, [...seen]);
  const names = new Map<number, string>([[customerId, root.name]]);
  for (const id of seen) {
    if (!names.has(id)) names.set(id, (await ctx.core.customers.find(ctx.teamId, id))?.name ?? '');
  }
  const build = (id: number, kind: string | null): ReferralNode => ({
    customerId: id,
    name: names.get(id) ?? '',
    kind,
    referrals: counts.get(id) ?? 0,
    children: (childrenOf.get(id) ?? []).map((edge) => build(edge.customerId, edge.kind)),
  });
  const referrerId = await referrerOf(ctx, customerId);
  const referrer =
    referrerId === null ? undefined : await ctx.core.customers.find(ctx.teamId, referrerId);
  return {
    root: build(customerId, null),
    referredBy: referrer === undefined ? null : { customerId: referrer.id, name: referrer.name },
    size: seen.size - 1,
    deeper,
  };
}

/** The customers referred by any of these, oldest referral first. */
async function referredBy(ctx: DevelopmentContext, ids: readonly number[]): Promise<Edge[]> {
  const edges: Edge[] = [];
  for (const chunk of chunked(ids, 500)) {
    const rows = await tablesOf(ctx)
      .selectFrom('development_sources')
      .select(['customer_id', 'referrer_id', 'kind'])
      .where('team_id', '=', ctx.teamId)
      .where('referrer_id', 'in', chunk)
      .where('status', '=', 'recorded')
      .orderBy('recorded_at')
      .orderBy('customer_id')
      .execute();
    for (const row of rows) {
      edges.push({
        customerId: Number(row.customer_id),
        referrerId: Number(row.referrer_id),
        kind: row.kind,
      });
    }
  }
  return edges;
}

/** The most referrers a chain climbs: as deep as a referral tree goes. */
const CHAIN_LEVELS = 10;

/**
 * Who referred the customer, who referred them, and so on: the chain of referrers from the
 * furthest one down to the customer's own referrer, up to ten of them.
 */
export async function referralChain(
  ctx: DevelopmentContext,
  customerId: number,
): Promise<{ readonly customerId: number; readonly name: string }[]> {
  const chain: number[] = [];
  const seen = new Set([customerId]);
  let at = await referrerOf(ctx, customerId);
  while (at !== null && !seen.has(at) && chain.length < CHAIN_LEVELS) {
    seen.add(at);
    chain.unshift(at);
    at = await referrerOf(ctx, at);
  }
  const names = await ctx.core.customers.names(ctx.teamId, chain);
  return chain.map((id) => ({ customerId: id, name: names.get(id) ?? '' }));
}
