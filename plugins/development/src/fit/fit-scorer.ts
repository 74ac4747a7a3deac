import type { Customer, CustomerFacts, ScorerDefinition } from '@guanxi/core';
import { type AttributeValues, attributeReader } from '../attributes';
import type { DevelopmentConfig } from '../config';
import type { DevelopmentContext } from '../tables';
import { evaluateFit, type FitEvaluation } from './evaluate';
import { growthOf } from './growth';
import { readProfile } from './profile';
import { goodCustomerSignals } from './readers';
import { fitReasons } from './reasons';

/** The fit of one customer, read live: the card's and the scorer's one rule. */
export async function fitOf(
  ctx: DevelopmentContext,
  customer: Customer,
  facts: CustomerFacts,
  values: AttributeValues,
): Promise<FitEvaluation> {
  const [profile, growth, signals] = await Promise.all([
    readProfile(ctx),
    growthOf(ctx, [customer.id]),
    goodCustomerSignals(ctx, [customer.id]),
  ]);
  return evaluateFit(
    {
      values,
      facts,
      growth: growth.get(customer.id),
      profile,
      signals: signals.get(customer.id) ?? {},
      now: ctx.clock.now(),
    },
    ctx.config,
  );
}

/**
 * How well each customer fits as a target, 0–100, with the reasons in the team's language.
 * The profile, the order days and the other plugins' signals are read once for the batch;
 * customers one by one.
 */
export const fitScorer: ScorerDefinition<DevelopmentConfig> = {
  id: 'fit',
  version: '1',
  async score(batch, ctx) {
    const ids = batch.map((input) => input.customerId);
    const [team, profile, growth, signals] = await Promise.all([
      ctx.core.teams.get(ctx.teamId),
      readProfile(ctx),
      growthOf(ctx, ids),
      goodCustomerSignals(ctx, ids),
    ]);
    const read = attributeReader(ctx);
    const now = ctx.clock.now();
    const scores = [];
    for (const { customerId, facts } of batch) {
      const customer = await ctx.core.customers.find(ctx.teamId, customerId);
      if (customer === undefined) continue;
      const values = await read(customer);
      const evaluation = evaluateFit(
        {
          values,
          facts,
          growth: growth.get(customerId),
          profile,
          signals: signals.get(customerId) ?? {},
          now,
        },
        ctx.config,
      );
      scores.push({
        customerId,
        value: evaluation.score,
        reasons: fitReasons(evaluation, team.locale),
      });
    }
    return scores;
  },
};
