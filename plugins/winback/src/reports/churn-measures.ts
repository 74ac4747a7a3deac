import { defineService, type PluginContext } from '@guanxi/core';
import { sql } from 'kysely';
import type { WinbackConfig } from '../config';
import { TIER_RANK } from '../policy';
import { churnsIn } from '../report';

/** A range of time: `from` inclusive, `to` exclusive. */
export interface ChurnRange {
  readonly from: string;
  readonly to: string;
}

/** The churns of a range. */
export interface ChurnFigures {
  readonly churned: number;
  /** Of those, the key customers (important or secondary when they left). */
  readonly keyChurned: number;
  /** Of those, the ones won back since. */
  readonly wonBack: number;
}

/**
 * The win-back plugin's figures for other plugins' reports: the churns of a range, for the
 * team or for each owner's customers (null: nobody's), in one query by the (team, time) index.
 */
export interface ChurnMeasures {
  churns(range: ChurnRange): Promise<ChurnFigures>;
  churnsByOwner(range: ChurnRange): Promise<ReadonlyMap<number | null, ChurnFigures>>;
}

export const churnsService = defineService<ChurnMeasures>('winback.churns');

type Ctx = Pick<PluginContext<WinbackConfig>, 'teamId' | 'db' | 'core'>;

async function churnFigures(
  ctx: Ctx,
  range: ChurnRange,
  byOwner: boolean,
): Promise<Map<number | null, ChurnFigures>> {
  const owner = byOwner
    ? ctx.core.customers.ownerOf(ctx.teamId, sql.ref('winback_churns.customer_id'))
    : sql<number | null>`null`;
  const rows = await churnsIn(ctx, range)
    .select([
      owner.as('owner'),
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when tier >= ${TIER_RANK.secondary} then 1 else 0 end)`.as('key'),
      sql<number>`count(won_back_at)`.as('won'),
    ])
    .$if(byOwner, (q) => q.groupBy(sql`owner`))
    .execute();
  return new Map(
    rows.map((row) => [
      row.owner === null ? null : Number(row.owner),
      { churned: Number(row.n), keyChurned: Number(row.key ?? 0), wonBack: Number(row.won) },
    ]),
  );
}

export function churnMeasures(ctx: Ctx): ChurnMeasures {
  return {
    async churns(range) {
      return (
        (await churnFigures(ctx, range, false)).get(null) ?? {
          churned: 0,
          keyChurned: 0,
          wonBack: 0,
        }
      );
    },
    churnsByOwner: (range) => churnFigures(ctx, range, true),
  };
}
