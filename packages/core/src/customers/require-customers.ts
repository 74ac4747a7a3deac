import type { Kysely } from 'kysely';
import { validationError } from '../errors';
import type { Stage } from '../lifecycle/stages';
import { PreparedBatch } from '../storage/prepared-batch';
import type { CoreTables } from '../storage/schema';
import { chunked } from '../storage/transaction';

// By primary key alone: given team_id too, SQLite may walk the team's stage index.
const customersById = new PreparedBatch<
  { id: number },
  { id: number; team_id: number; stage: Stage }
>(['id'], (db, keys) =>
  db
    .selectFrom('customers')
    .select(['id', 'team_id', 'stage'])
    .where(
      'id',
      'in',
      keys.map((key) => key.id),
    ),
);

/**
 * The stage of every customer a batch refers to; a customer missing from the team is a
 * validation error at `<batch>.<index>.customerId`.
 */
export async function requireCustomers(
  trx: Kysely<CoreTables>,
  teamId: number,
  items: readonly { readonly customerId: number }[],
  batch: string,
): Promise<Map<number, Stage>> {
  const stages = new Map<number, Stage>();
  const ids = [...new Set(items.map((item) => item.customerId))];
  for (const chunk of chunked(ids, 500)) {
    const rows = await customersById.execute(
      trx,
      chunk.map((id) => ({ id })),
    );
    for (const row of rows) if (row.team_id === teamId) stages.set(row.id, row.stage);
  }
  const issues = items.flatMap((item, index) =>
    stages.has(item.customerId)
      ? []
      : [{ path: `${batch}.${index}.customerId`, message: 'no customer with this id in the team' }],
  );
  if (issues.length > 0) throw validationError(issues);
  return stages;
}
