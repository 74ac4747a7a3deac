import type { RankKey } from './pyramid';
import type { TieringDb } from './store';

/**
 * A customer's rank among the team, read at card time without a scan: the nearest mark the
 * last recompute left above the customer's key, plus the customers between that mark and
 * the customer (at most ⌈2√N⌉ rows of the ranking index). Exact until values change; after
 * that, the place the customer's current value takes in the last ranking.
 */
export async function rankOf(db: TieringDb, teamId: number, key: RankKey): Promise<number> {
  const mark = await db
    .selectFrom('tiering_marks')
    .select(['rank', 'value', 'customer_id'])
    .where('team_id', '=', teamId)
    .where('value', '>=', key.value)
    .where((eb) => eb.or([eb('value', '>', key.value), eb('customer_id', '<', key.customerId)]))
    .orderBy('value')
    .orderBy('customer_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let between = db
    .selectFrom('tiering_values')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('value', '>=', key.value)
    .where((eb) => eb.or([eb('value', '>', key.value), eb('customer_id', '<', key.customerId)]));
  if (mark !== undefined) {
    between = between
      .where('value', '<=', mark.value)
      .where((eb) =>
        eb.or([eb('value', '<', mark.value), eb('customer_id', '>', mark.customer_id)]),
      );
  }
  const { n } = await between.executeTakeFirstOrThrow();
  return (mark?.rank ?? 0) + Number(n) + 1;
}
