import { type CoreTables, STAGES, type Stage } from '@guanxi/core';
import type { Kysely } from 'kysely';

/** Customers per lifecycle stage in one team: one GROUP BY over the (team_id, stage) index. */
export async function stageCounts(
  db: Kysely<CoreTables>,
  teamId: number,
): Promise<Record<Stage, number>> {
  const rows = await db
    .selectFrom('customers')
    .select((eb) => ['stage', eb.fn.countAll<number | string>().as('customers')])
    .where('team_id', '=', teamId)
    .groupBy('stage')
    .execute();
  const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const row of rows) counts[row.stage] = Number(row.customers);
  return counts;
}
