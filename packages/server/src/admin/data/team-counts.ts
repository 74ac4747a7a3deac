import type { CoreTables } from '@guanxi/core';
import type { Kysely } from 'kysely';

export async function pendingFailureCount(db: Kysely<CoreTables>, teamId: number): Promise<number> {
  const row = await db
    .selectFrom('hook_failures')
    .select((eb) => eb.fn.countAll<number | string>().as('failures'))
    .where('team_id', '=', teamId)
    .where('replayed_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.failures ?? 0);
}

/** Unrevoked API keys of each member of the team, by user id. */
export async function activeKeyCounts(
  db: Kysely<CoreTables>,
  teamId: number,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('api_keys as k')
    .innerJoin('team_members as m', 'm.user_id', 'k.user_id')
    .select((eb) => ['k.user_id', eb.fn.countAll<number | string>().as('keys')])
    .where('m.team_id', '=', teamId)
    .where('k.revoked_at', 'is', null)
    .groupBy('k.user_id')
    .execute();
  return new Map(rows.map((row) => [row.user_id, Number(row.keys)]));
}
