import type { PluginContext, TeamScorer } from '@guanxi/core';
import { GuanxiError } from '@guanxi/core';
import { scorerOf, type TieringConfig } from './config';
import { factValue, storeValues } from './values';

const PAGE = 200;

/** The scorer the team's measure reads, or GX_ERR_VALIDATION at `config.measure` if none runs. */
async function measureScorer(ctx: PluginContext<TieringConfig>): Promise<TeamScorer | undefined> {
  const key = scorerOf(ctx.config.measure);
  if (key === undefined) return undefined;
  const scorer = (await ctx.core.plugins.scorers(ctx.teamId)).find((s) => s.key === key);
  if (scorer === undefined) {
    throw new GuanxiError(
      'GX_ERR_VALIDATION',
      `Tiering measure ${ctx.config.measure} needs the scorer ${key}, but no plugin enabled for team ${ctx.teamId} provides it`,
      { issues: [{ path: 'config.measure', message: `no enabled plugin provides ${key}` }] },
    );
  }
  return scorer;
}

/**
 * Reloads every customer's value and ladder facts through the core API: the team's customers
 * page by page, their facts, and for a scorer measure that scorer run over each page (a
 * customer it gives no score is worth 0). Tiers are left to the recompute that follows.
 * Returns how many customers were loaded.
 */
export async function refreshValues(ctx: PluginContext<TieringConfig>): Promise<number> {
  const scorer = await measureScorer(ctx);
  let loaded = 0;
  let after: number | undefined;
  do {
    const page = await ctx.core.customers.list(ctx.teamId, {
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    const facts = await ctx.core.facts.many(
      ctx.teamId,
      page.items.map((c) => c.id),
    );
    const scores = new Map<number, number>();
    if (scorer !== undefined) {
      for (const score of await scorer.score(
        facts.map((f) => ({ customerId: f.customerId, facts: f })),
      )) {
        if (Number.isFinite(score.value)) scores.set(score.customerId, score.value);
      }
    }
    await storeValues(
      ctx,
      facts.map((f) => ({
        facts: f,
        value:
          scorer === undefined ? factValue(ctx.config.measure, f) : (scores.get(f.customerId) ?? 0),
      })),
      { place: false },
    );
    loaded += facts.length;
    after = page.next ?? undefined;
  } while (after !== undefined);
  return loaded;
}
