import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { CoreRuntime } from '../core-runtime';
import { emailSchema } from '../customers/identities';
import { GuanxiError, notFound } from '../errors';
import type { CoreTables, UsersTable } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { parseInput } from '../validation';
import { roleSchema } from './roles';
import type { Membership, Role, User } from './team';
import { requireTeam } from './teams';

export const userInputSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200),
});

export type UserInput = z.input<typeof userInputSchema>;

function toUser(row: Selectable<UsersTable>): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

/** The people who use Guanxi and their role in each team. */
export class Users {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async create(input: UserInput): Promise<User> {
    const user = parseInput(userInputSchema, input);
    return inTransaction(this.#db, async (trx) => {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', user.email)
        .executeTakeFirst();
      if (taken !== undefined) {
        throw new GuanxiError('GX_ERR_CONFLICT', `A user with e-mail ${user.email} exists`, {
          issues: [{ path: 'email', message: 'already taken' }],
        });
      }
      const row = await trx
        .insertInto('users')
        .values({ ...user, created_at: this.#rt.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    });
  }

  async get(userId: number): Promise<User> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('user', 'userId', userId);
    return toUser(row);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const address = parseInput(emailSchema, email, ['email']);
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', address)
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  /** The team's members with their roles, by name. */
  async members(teamId: number): Promise<(User & { role: Role })[]> {
    const rows = await this.#db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'u.name', 'u.created_at', 'm.role'])
      .where('m.team_id', '=', teamId)
      .orderBy('u.name')
      .execute();
    return rows.map((row) => ({ ...toUser(row), role: row.role }));
  }

  /** Adds the user to the team, or changes their role there. */
  async setRole(teamId: number, userId: number, role: Role): Promise<Membership> {
    const parsedRole = parseInput(roleSchema, role, ['role']);
    const membership = await inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      await new Users(this.#rt, trx).get(userId);
      await trx
        .insertInto('team_members')
        .values({ team_id: teamId, user_id: userId, role: parsedRole, created_at: this.#rt.now() })
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role: parsedRole }))
        .execute();
      return { teamId, userId, role: parsedRole };
    });
    this.#rt.principals.clear();
    return membership;
  }

  async removeFromTeam(teamId: number, userId: number): Promise<void> {
    await this.#db
      .deleteFrom('team_members')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .execute();
    this.#rt.principals.clear();
  }

  async memberships(userId: number): Promise<Membership[]> {
    const rows = await this.#db
      .selectFrom('team_members')
      .select(['team_id', 'user_id', 'role'])
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id, role: r.role }));
  }
}
