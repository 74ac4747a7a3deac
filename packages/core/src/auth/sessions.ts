import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError } from '../errors';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, Role } from '../storage/schema';
import type { Principal } from './api-keys';

/** How long a console session lasts. */
export interface SessionLimits {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after it began, however busy. */
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 30 * 60_000,
  absoluteMs: 8 * 60 * 60_000,
};

/** A session just begun: the token goes to the browser once and is stored only as a hash. */
export interface NewSession {
  readonly id: number;
  readonly token: string;
  readonly expiresAt: string;
}

/** A live session and whom it speaks for. */
export interface Session {
  readonly id: number;
  readonly principal: Principal;
  readonly expiresAt: string;
}

const TOKEN_PATTERN = /^gxs_[A-Za-z0-9_-]{43}$/;
/** Use is recorded at most this often, so reading a session stays a read. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

const sessionByHash = new PreparedQuery<
  { hash: string },
  {
    id: number;
    user_id: number;
    key_id: number;
    last_seen_at: string;
    expires_at: string;
    revoked_at: string | null;
    team_id: number | null;
    role: Role | null;
  }
>((db, param) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('api_keys as k', 'k.id', 's.key_id')
    .leftJoin('team_members as m', 'm.user_id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.key_id',
      's.last_seen_at',
      's.expires_at',
      'k.revoked_at',
      'm.team_id',
      'm.role',
    ])
    .where('s.hash', '=', param('hash')),
);

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Console sessions. The browser holds a random token; the database only its hash, bound to
 * the user and the API key they signed in with, so revoking the key ends the session.
 */
export class Sessions {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /** Begins a session for a key's principal; sessions past their end are cleared on the way. */
  async create(
    principal: Principal,
    limits: Pick<SessionLimits, 'absoluteMs'>,
  ): Promise<NewSession> {
    const key = await this.#db
      .selectFrom('api_keys')
      .select(['user_id', 'revoked_at'])
      .where('id', '=', principal.keyId)
      .executeTakeFirst();
    if (key === undefined || key.revoked_at !== null || key.user_id !== principal.userId) {
      throw new GuanxiError('GX_ERR_FORBIDDEN', 'This API key is unknown or has been revoked', {
        details: { keyId: principal.keyId },
      });
    }
    const now = this.#rt.clock.now();
    await this.#db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    const token = `gxs_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + limits.absoluteMs).toISOString();
    const row = await this.#db
      .insertInto('sessions')
      .values({
        hash: hashOf(token),
        user_id: principal.userId,
        key_id: principal.keyId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, token, expiresAt };
  }

  /**
   * The session a token belongs to, or undefined when there is none, it has been idle for
   * `idleMs`, it is past its end, or its key has been revoked; such a session is deleted.
   */
  async resolve(
    token: string,
    limits: Pick<SessionLimits, 'idleMs'>,
  ): Promise<Session | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const rows = await sessionByHash.execute(this.#db, { hash: hashOf(token) });
    const first = rows[0];
    if (first === undefined) return undefined;
    const now = this.#rt.clock.now().getTime();
    const idle = now - Date.parse(first.last_seen_at);
    if (first.revoked_at !== null || idle >= limits.idleMs || now >= Date.parse(first.expires_at)) {
      await this.#db.deleteFrom('sessions').where('id', '=', first.id).execute();
      return undefined;
    }
    if (idle >= Math.min(LAST_SEEN_RESOLUTION_MS, limits.idleMs / 2)) {
      await this.#db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now).toISOString() })
        .where('id', '=', first.id)
        .execute();
    }
    const roles = new Map<number, Role>();
    for (const row of rows) {
      if (row.team_id !== null && row.role !== null) roles.set(row.team_id, row.role);
    }
    return {
      id: first.id,
      principal: { keyId: first.key_id, userId: first.user_id, roles },
      expiresAt: first.expires_at,
    };
  }

  /** Ends the session of this token, if there is one. */
  async end(token: string): Promise<void> {
    if (!TOKEN_PATTERN.test(token)) return;
    await this.#db.deleteFrom('sessions').where('hash', '=', hashOf(token)).execute();
  }
}
