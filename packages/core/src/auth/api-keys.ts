import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, Role } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { Users } from '../teams/users';
import { parseInput } from '../validation';

export interface ApiKeyInfo {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  /** The first characters of the key, enough to recognise it in a list. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKeyInfo {
  /** The key itself: shown this once, stored only as a hash. */
  readonly key: string;
}

/** Who a key speaks for, and their role in each team. */
export interface Principal {
  readonly keyId: number;
  readonly userId: number;
  readonly roles: ReadonlyMap<number, Role>;
}

const KEY_PATTERN = /^gx_[A-Za-z0-9_-]{43}$/;
const LAST_USED_RESOLUTION_MS = 60_000;
/** How long a process trusts a key it has just checked, without reading it again. */
const AUTHENTICATED_FOR_MS = 1_000;
const PRINCIPALS_KEPT = 10_000;

const keyByHash = new PreparedQuery<
  { hash: string },
  {
    id: number;
    user_id: number;
    hash: string;
    revoked_at: string | null;
    team_id: number | null;
    role: Role | null;
  }
>((db, param) =>
  db
    .selectFrom('api_keys as k')
    .leftJoin('team_members as m', 'm.user_id', 'k.user_id')
    .select(['k.id', 'k.user_id', 'k.hash', 'k.revoked_at', 'm.team_id', 'm.role'])
    .where('k.hash', '=', param('hash')),
);

// Hashing is the costliest step of authenticating a request; recent keys keep theirs.
const recentHashes = new Map<string, string>();
const RECENT_HASHES_KEPT = 1000;

function hashOf(key: string): string {
  let hash = recentHashes.get(key);
  if (hash === undefined) {
    hash = createHash('sha256').update(key).digest('base64url');
    if (recentHashes.size >= RECENT_HASHES_KEPT) recentHashes.clear();
    recentHashes.set(key, hash);
  }
  return hash;
}

/** API keys: random, stored hashed, shown once, revocable. */
export class ApiKeys {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async create(userId: number, name: string): Promise<CreatedApiKey> {
    const label = parseInput(z.string().trim().min(1, 'must not be empty').max(100), name, [
      'name',
    ]);
    return inTransaction(this.#db, async (trx) => {
      await new Users(this.#rt, trx).get(userId);
      const key = `gx_${randomBytes(32).toString('base64url')}`;
      const row = await trx
        .insertInto('api_keys')
        .values({
          user_id: userId,
          name: label,
          prefix: key.slice(0, 10),
          hash: hashOf(key),
          created_at: this.#rt.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...toInfo(row), key };
    });
  }

  /**
   * A key acts in every team of its user, so only someone who administers all of those
   * teams may mint or revoke one; otherwise an admin could add another team's admin to
   * their own team and mint a key that works in the other.
   */
  async assertManageable(principal: Principal, userId: number): Promise<void> {
    const memberships = await new Users(this.#rt, this.#db).memberships(userId);
    if (memberships.some(({ teamId }) => principal.roles.get(teamId) !== 'admin')) {
      throw new GuanxiError(
        'GX_ERR_FORBIDDEN',
        'This member also belongs to a team you do not administer, where their keys act too',
        { details: { userId } },
      );
    }
  }

  async list(userId: number): Promise<ApiKeyInfo[]> {
    const rows = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    return rows.map(toInfo);
  }

  async get(keyId: number): Promise<ApiKeyInfo> {
    const row = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', keyId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('API key', 'keyId', keyId);
    return toInfo(row);
  }

  /** Revokes a key and ends the console sessions signed in with it. */
  async revoke(keyId: number): Promise<ApiKeyInfo> {
    const row = await inTransaction(this.#db, async (trx) => {
      const revoked = await trx
        .updateTable('api_keys')
        .set({ revoked_at: this.#rt.now() })
        .where('id', '=', keyId)
        .returningAll()
        .executeTakeFirst();
      if (revoked === undefined) throw notFound('API key', 'keyId', keyId);
      await trx.deleteFrom('sessions').where('key_id', '=', keyId).execute();
      return revoked;
    });
    this.#rt.principals.clear();
    return toInfo(row);
  }

  /**
   * The principal a key belongs to, or undefined for an unknown or revoked key. One
   * indexed read; the hash found is compared in constant time all the same. A key checked
   * in the last second is trusted without reading it again: a key revoked, or a membership
   * changed, through this process counts at once, through another within that second.
   */
  async authenticate(key: string): Promise<Principal | undefined> {
    if (!KEY_PATTERN.test(key)) return undefined;
    const hash = hashOf(key);
    const now = performance.now();
    const recent = this.#rt.principals.get(hash);
    if (recent !== undefined && recent.until > now) return recent.principal;
    const rows = await keyByHash.execute(this.#db, { hash });
    const first = rows[0];
    if (first === undefined || first.revoked_at !== null) return undefined;
    if (!timingSafeEqual(Buffer.from(first.hash), Buffer.from(hash))) return undefined;
    await this.#touch(first.id);
    const roles = new Map<number, Role>();
    for (const row of rows)
      if (row.team_id !== null && row.role !== null) roles.set(row.team_id, row.role);
    const principal = { keyId: first.id, userId: first.user_id, roles };
    if (this.#rt.principals.size >= PRINCIPALS_KEPT) this.#rt.principals.clear();
    this.#rt.principals.set(hash, { principal, until: now + AUTHENTICATED_FOR_MS });
    return principal;
  }

  /** Records use at most once a minute per key, so reads stay reads. */
  async #touch(keyId: number): Promise<void> {
    const now = this.#rt.clock.now().getTime();
    const last = this.#rt.keyUse.get(keyId) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.#rt.keyUse.set(keyId, now);
    await this.#db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now).toISOString() })
      .where('id', '=', keyId)
      .execute();
  }
}

function toInfo(row: {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiKeyInfo {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
