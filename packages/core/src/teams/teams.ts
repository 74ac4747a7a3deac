import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import type { Locale } from '../plugins/define-plugin';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, TeamsTable } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { parseInput } from '../validation';
import type { Team } from './team';

export const teamInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes')
    .max(60),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
    .default('CNY'),
  locale: z.enum(['en', 'zh-CN']).default('zh-CN'),
});

export type TeamInput = z.input<typeof teamInputSchema>;

const teamById = new PreparedQuery<{ id: number }, Selectable<TeamsTable>>((db, param) =>
  db.selectFrom('teams').selectAll().where('id', '=', param('id')),
);

export function toTeam(row: Selectable<TeamsTable>): Team {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    currency: row.currency,
    locale: row.locale as Locale,
    createdAt: row.created_at,
  };
}

/** Loads a team or throws GX_ERR_NOT_FOUND naming `teamId`. */
export async function requireTeam(db: Kysely<CoreTables>, teamId: number): Promise<Team> {
  const row = await teamById.first(db, { id: teamId });
  if (row === undefined) throw notFound('team', 'teamId', teamId);
  return toTeam(row);
}

export class Teams {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async create(input: TeamInput): Promise<Team> {
    const team = parseInput(teamInputSchema, input);
    return inTransaction(this.#db, async (trx) => {
      const taken = await trx
        .selectFrom('teams')
        .select('id')
        .where('slug', '=', team.slug)
        .executeTakeFirst();
      if (taken !== undefined) {
        throw new GuanxiError('GX_ERR_CONFLICT', `A team with slug "${team.slug}" exists`, {
          issues: [{ path: 'slug', message: 'already taken' }],
        });
      }
      const row = await trx
        .insertInto('teams')
        .values({ ...team, created_at: this.#rt.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTeam(row);
    });
  }

  get(teamId: number): Promise<Team> {
    return requireTeam(this.#db, teamId);
  }

  async list(): Promise<Team[]> {
    const rows = await this.#db.selectFrom('teams').selectAll().orderBy('id').execute();
    return rows.map(toTeam);
  }
}
