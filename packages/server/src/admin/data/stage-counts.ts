import { type CoreTables, STAGES, type Stage } from '@guanxi/core';
import type { Kysely } from 'kysely';

/** Customers per lifecycle stage in one team (a rep: those they own), in one GROUP BY. */
export async function stageCounts(
  db: Kysely<CoreTables>,
  teamId: number,
  owner?: number,
): Promise<Record<Stage, number>> {
  const rows = await db
    .selectFrom('customers')
    .select((eb) => ['stage', eb.fn.countAll<number | string>().as('customers')])
    .where('team_id', '=', teamId)
    .$if(owner !== undefined, (q) => q.where('owner_user_id', '=', owner as number))
    .groupBy('stage')
    .execute();
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const row of rows) counts[row.stage] = Number(row.customers);
  return counts;
}
