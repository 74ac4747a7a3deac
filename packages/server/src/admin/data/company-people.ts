import type { CoreTables, Stage } from '@guanxi/core';
import type { Kysely } from 'kysely';

export interface Person {
  readonly id: number;
  readonly name: string;
  readonly stage: Stage;
}

/** The people linked to a company, by name (a rep: only those they own), by the company index. */
export async function companyPeople(
  db: Kysely<CoreTables>,
  teamId: number,
  companyId: number,
  owner: number | undefined,
  limit: number,
): Promise<Person[]> {
  return db
    .selectFrom('customers')
    .select(['id', 'name', 'stage'])
    .where('company_id', '=', companyId)
    .where('team_id', '=', teamId)
    .$if(owner !== undefined, (q) => q.where('owner_user_id', '=', owner as number))
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}
