import type { HookHandler } from '@guanxi/core';
import type { ScoreRecord } from '@guanxi/plugin-scoring';
import { scorerOf, type TieringConfig } from '../config';
import { storeValues } from '../values';

/** The latest finite value of one scorer by customer. */
function valuesOf(records: readonly ScoreRecord[], scorer: string): Map<number, number> {
  const values = new Map<number, number>();
  for (const record of records) {
    if (record.scorer === scorer && Number.isFinite(record.value)) {
      values.set(record.customerId, record.value);
    }
  }
  return values;
}

/** When the team ranks by a scorer, that scorer's new scores become values and are placed. */
export const scoringScored: HookHandler<'scoring:scored', TieringConfig> = async (event, ctx) => {
  const scorer = scorerOf(ctx.config.measure);
  if (scorer === undefined) return;
  const values = valuesOf(event.items, scorer);
  if (values.size === 0) return;
  const facts = await ctx.core.facts.many(event.teamId, [...values.keys()]);
  await storeValues(
    ctx,
    facts.map((f) => ({ facts: f, value: values.get(f.customerId) })),
    { place: true },
  );
};
