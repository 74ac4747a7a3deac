import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { Audit } from '../audit/audit';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import { defaultTimeZone, timeZoneSchema } from '../local-days';
import type { Locale } from '../plugins/define-plugin';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, TeamsTable } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { parseInput } from '../validation';
import type { Team } from './team';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const locale = z.enum(['en', 'zh-CN']);

export const teamInputSchema = z.strictObject({
  name,
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes')
    .max(60),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
    .default('CNY'),
  locale: locale.default('zh-CN'),
  /** Defaults to the locale's: Asia/Shanghai for zh-CN, else UTC. */
  timeZone: timeZoneSchema.optional(),
});

export type TeamInput = z.input<typeof teamInputSchema>;

/** What may change once a team exists; slug and currency are fixed, as stored data uses them. */
export const teamPatchSchema = z.strictObject({
  name: name.optional(),
  locale: locale.optional(),
  timeZone: timeZoneSchema.optional(),
});

export type TeamPatch = z.input<typeof teamPatchSchema>;

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
    timeZone: row.time_zone,
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
    const { timeZone, ...team } = parseInput(teamInputSchema, input);
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
        .values({
          ...team,
          time_zone: timeZone ?? defaultTimeZone(team.locale),
          created_at: this.#rt.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTeam(row);
    });
  }

  /**
   * Changes a team's name, language or time zone, audited. Cards and plugins read the team
   * again (its settings version goes up): a new zone moves days and "today" at once.
   */
  async update(teamId: number, input: TeamPatch, actor: string): Promise<Team> {
    const patch = parseInput(teamPatchSchema, input);
    return inTransaction(this.#db, async (trx) => {
      const before = await requireTeam(trx, teamId);
      const changes = Object.fromEntries(
        Object.entries({
          name: patch.name,
          locale: patch.locale,
          time_zone: patch.timeZone,
        }).filter(([, value]) => value !== undefined),
      );
      if (Object.keys(changes).length === 0) return before;
      await trx.updateTable('teams').set(changes).where('id', '=', teamId).execute();
      await this.#rt.settings.changed(trx, teamId);
      const after = await requireTeam(trx, teamId);
      await new Audit(this.#rt, trx).record({
        teamId,
        actor,
        action: 'team.updated',
        entity: 'team',
        entityId: teamId,
        before,
        after,
      });
      return after;
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
