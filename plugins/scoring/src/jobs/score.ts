import type { JobDefinition } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { latestFit } from '../fits';
import { rescore } from '../rescore';
import { type RfmInput, rfmCuts, rfmInputs, saveCuts } from '../rfm';
import { today } from '../scorers/model-batch';
import { type ScoringDb, teamPurchaseDays } from '../store';

export const scoreJob: JobDefinition<ScoringConfig> = {
  description:
    "Recomputes the team's RFM quintiles, then runs every enabled scorer over every buyer",
  async run(ctx) {
    const db = ctx.db as ScoringDb;
    const inputs: RfmInput[] = [];
    for await (const days of teamPurchaseDays(db, ctx.teamId, today(ctx))) {
      inputs.push(...rfmInputs(days));
    }
    await saveCuts(db, ctx.teamId, rfmCuts(inputs), ctx.clock.now().toISOString());
    const scores = await rescore(
      ctx,
      inputs.map((input) => input.customerId),
    );
    await ctx.core.customers.touchAll(ctx.teamId);
    const fit = await latestFit(db, ctx.teamId);
    return { customers: inputs.length, scores, modelFittedAt: fit?.fittedAt ?? null };
  },
};
