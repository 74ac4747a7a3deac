import type { JobDefinition } from '@guanxi/core';
import { parseInput } from '@guanxi/core';
import { z } from 'zod';
import type { TieringConfig } from '../config';
import { recompute } from '../recompute';

const recomputeArgs = z.strictObject({
  refresh: z.enum(['true', 'false']).default('false'),
});

/** `tiering:recompute [refresh=true]`: re-tiers the team; see recompute.ts. */
export const recomputeJob: JobDefinition<TieringConfig> = {
  description:
    "Ranks the team's customers by the measure and re-tiers them (refresh=true reloads every value first)",
  async run(ctx) {
    const args = parseInput(recomputeArgs, ctx.args, ['args']);
    return { ...(await recompute(ctx, { refresh: args.refresh === 'true' })) };
  },
};
