import { defineService, type PluginContext } from '@guanxi/core';
import { sql } from 'kysely';
import type { WinbackConfig } from '../config';
import { TIER_RANK } from '../policy';
import { churnsIn } from '../report';

/** A range of time (`from` inclusive, `to` exclusive) and, for one member, their customers. */
export interface ChurnScope {
  readonly from: string;
  readonly to: string;
  /** Only the customers this member owns. */
  readonly owner?: number;
}

/** The churns of a range. */
export interface ChurnFigures {
  readonly churned: number;
  /** Of those, the key customers (important or secondary when they left). */
  readonly keyChurned: number;
  /** Of those, the ones won back since. */
  readonly wonBack: number;
}

/** The win-back plugin's figures for other plugins' reports: churns of a range, by owner too. */
export interface ChurnMeasures {
  churns(scope: ChurnScope): Promise<ChurnFigures>;
}

export const churnsService = defineService<ChurnMeasures>('winback.churns');

export function churnMeasures(
  ctx: Pick<PluginContext<WinbackConfig>, 'teamId' | 'db' | 'core'>,
): ChurnMeasures {
  return {
    async churns(scope) {
      const churns = churnsIn(ctx, scope);
      const row = await (scope.owner === undefined
        ? churns
        : churns.where(
            sql<boolean>`customer_id in (${ctx.core.customers.ownedBy(ctx.teamId, scope.owner)})`,
          )
      )
        .select([
          sql<number>`count(*)`.as('n'),
          sql<number>`sum(case when tier >= ${TIER_RANK.secondary} then 1 else 0 end)`.as('key'),
          sql<number>`count(won_back_at)`.as('won'),
        ])
        .executeTakeFirstOrThrow();
      return {
        churned: Number(row.n),
        keyChurned: Number(row.key ?? 0),
        wonBack: Number(row.won),
      };
    },
  };
}
