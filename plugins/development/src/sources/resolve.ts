import type { FieldIssue } from '@guanxi/core';
import type { DevelopmentContext } from '../tables';
import { isBuiltInKind, REFERRING_KINDS } from './kinds';
import { referrerOf } from './referrals';
import type { SourceInput } from './source-input';

/** A source that passed every check, as stored. */
export interface ResolvedSource {
  readonly kind: string;
  readonly referrerId: number | null;
  readonly agent: string | null;
  readonly agentFee: number | null;
  readonly agentFeeRate: number | null;
  readonly competitor: string | null;
  readonly detail: string | null;
}

export interface SourceToResolve {
  readonly customerId: number;
  readonly source: SourceInput;
  /** Where the source sits in the caller's input, for issue paths: `['source']`. */
  readonly path: readonly string[];
}

export type Resolution =
  | { readonly ok: true; readonly source: ResolvedSource }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** How far up a chain of referrals the circle check looks: far beyond any real chain. */
const MAX_CHAIN = 10_000;

/**
 * Checks sources against the team: the kind is built in or the team's own, the referrer is a
 * customer of the team (by id or external reference), nobody refers themselves, and no chain
 * of referrals comes back to where it started. Sources of one batch are checked in order,
 * each against the ones accepted before it.
 */
export async function resolveSources(
  ctx: DevelopmentContext,
  entries: readonly SourceToResolve[],
): Promise<Resolution[]> {
  const own = new Set(ctx.config.sources.own.map((source) => source.id));
  const refs = entries.flatMap(({ source }) =>
    source.referrerRef === undefined ? [] : [source.referrerRef],
  );
  const byRef =
    refs.length === 0 ? new Map() : await ctx.core.customers.idsByExternalRef(ctx.teamId, refs);
  const ids = entries.flatMap(({ source }) =>
    source.referrerId === undefined ? [] : [source.referrerId],
  );
  const known = new Set(
    (await ctx.core.facts.many(ctx.teamId, [...new Set(ids)])).map((facts) => facts.customerId),
  );
  const referrerOf = chainReader(ctx);
  const results: Resolution[] = [];
  for (const { customerId, source, path } of entries) {
    const issues: FieldIssue[] = [];
    const at = (field: string, message: string) =>
      issues.push({ path: [...path, field].join('.'), message });
    if (!isBuiltInKind(source.kind) && !own.has(source.kind)) {
      at('kind', 'not a source kind: a built-in kind or one of the team’s own sources');
    }
    let referrerId: number | null = null;
    if (REFERRING_KINDS.includes(source.kind)) {
      if (source.referrerRef !== undefined) {
        referrerId = byRef.get(source.referrerRef) ?? null;
        if (referrerId === null) at('referrerRef', 'no customer with this external reference');
      } else if (source.referrerId !== undefined) {
        referrerId = known.has(source.referrerId) ? source.referrerId : null;
        if (referrerId === null) at('referrerId', 'no customer with this id in the team');
      }
      const field = source.referrerRef === undefined ? 'referrerId' : 'referrerRef';
      if (referrerId === customerId) at(field, 'a customer cannot refer themselves');
      else if (referrerId !== null && (await reaches(referrerOf, referrerId, customerId))) {
        at(field, 'this referral would make a circle of referrals');
      }
    }
    if (issues.length > 0) {
      results.push({ ok: false, issues });
      continue;
    }
    referrerOf.accept(customerId, referrerId);
    results.push({
      ok: true,
      source: {
        kind: source.kind,
        referrerId,
        agent: source.agent ?? null,
        agentFee: source.fee ?? null,
        agentFeeRate:
          source.kind === 'agent' && source.fee === undefined
            ? (source.feeRate ?? ctx.config.sources.agentFeeRate)
            : null,
        competitor: source.competitor ?? null,
        detail: source.detail ?? null,
      },
    });
  }
  return results;
}

interface ChainReader {
  /** Who referred this customer, as stored or as accepted earlier in the batch. */
  referrer(customerId: number): Promise<number | null>;
  accept(customerId: number, referrerId: number | null): void;
}

function chainReader(ctx: DevelopmentContext): ChainReader {
  const known = new Map<number, number | null>();
  return {
    async referrer(customerId) {
      const cached = known.get(customerId);
      if (cached !== undefined) return cached;
      const referrer = await referrerOf(ctx, customerId);
      known.set(customerId, referrer);
      return referrer;
    },
    accept(customerId, referrerId) {
      known.set(customerId, referrerId);
    },
  };
}

/** Whether following referrers up from `start` arrives at `target`. */
async function reaches(chain: ChainReader, start: number, target: number): Promise<boolean> {
  const seen = new Set<number>();
  for (let at: number | null = start; at !== null && seen.size < MAX_CHAIN; ) {
    if (at === target) return true;
    if (seen.has(at)) return false;
    seen.add(at);
    at = await chain.referrer(at);
  }
  return false;
}
