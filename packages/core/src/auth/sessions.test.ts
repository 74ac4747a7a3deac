import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';

const MINUTE = 60_000;
const LIMITS = { idleMs: 30 * 60_000, absoluteMs: 8 * 60 * 60_000 };

describe.each(testDialects())('console sessions on %s', (dialect) => {
  let t: TestCore;
  let team: number;
  let userId: number;
  let key: { id: number; key: string };

  beforeEach(async () => {
    t = await createTestCore({ dialect, now: '2025-03-01T09:00:00Z' });
    team = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    userId = (await t.core.users.create({ email: 'lin@x.cn', name: 'Lin' })).id;
    await t.core.users.setRole(team, userId, 'manager');
    key = await t.core.apiKeys.create(userId, 'laptop');
  });
  afterEach(() => t.destroy());

  const begin = async () =>
    t.core.sessions.create(defined(await t.core.apiKeys.authenticate(key.key)), LIMITS);

  test('a session is a random token stored only as a hash, resolving to the key’s user', async () => {
    const session = await begin();
    expect(session.token).toMatch(/^gxs_[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toBe('2025-03-01T17:00:00.000Z');
    const stored = await t.core.db.selectFrom('sessions').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(session.token);
    expect(JSON.stringify(stored)).not.toContain(key.key);
    const resolved = defined(await t.core.sessions.resolve(session.token, LIMITS));
    expect(resolved.principal).toMatchObject({ keyId: key.id, userId });
    expect([...resolved.principal.roles]).toEqual([[team, 'manager']]);
    expect(await t.core.sessions.resolve('gxs_nope', LIMITS)).toBeUndefined();
    expect(await t.core.sessions.resolve(key.key, LIMITS)).toBeUndefined();
  });

  test('a session idle for the idle limit ends; use keeps it alive', async () => {
    const session = await begin();
    t.clock.advance({ ms: 29 * MINUTE });
    expect(await t.core.sessions.resolve(session.token, LIMITS)).toBeDefined();
    t.clock.advance({ ms: 29 * MINUTE });
    expect(await t.core.sessions.resolve(session.token, LIMITS)).toBeDefined();
    t.clock.advance({ ms: 30 * MINUTE });
    expect(await t.core.sessions.resolve(session.token, LIMITS)).toBeUndefined();
    expect(await t.core.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  test('a session ends at its absolute limit however busy', async () => {
    const session = await begin();
    for (let minutes = 0; minutes < 8 * 60 - 20; minutes += 20) {
      t.clock.advance({ ms: 20 * MINUTE });
      expect(await t.core.sessions.resolve(session.token, LIMITS)).toBeDefined();
    }
    t.clock.advance({ ms: 20 * MINUTE });
    expect(await t.core.sessions.resolve(session.token, LIMITS)).toBeUndefined();
  });

  test('ending a session or revoking its key ends it; other sessions live on', async () => {
    const first = await begin();
    const second = await begin();
    await t.core.sessions.end(first.token);
    expect(await t.core.sessions.resolve(first.token, LIMITS)).toBeUndefined();
    expect(await t.core.sessions.resolve(second.token, LIMITS)).toBeDefined();
    await t.core.apiKeys.revoke(key.id);
    expect(await t.core.sessions.resolve(second.token, LIMITS)).toBeUndefined();
    expect(await t.core.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  test('a revoked key, or a principal naming another user’s key, gets no session', async () => {
    const principal = defined(await t.core.apiKeys.authenticate(key.key));
    await t.core.apiKeys.revoke(key.id);
    await expect(t.core.sessions.create(principal, LIMITS)).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
    const other = await t.core.apiKeys.create(userId, 'phone');
    await expect(
      t.core.sessions.create({ ...principal, keyId: other.id, userId: userId + 1 }, LIMITS),
    ).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
  });

  test('a session made in one process is seen, and ended, in another', async () => {
    const session = await begin();
    const other = await t.reopen();
    expect(await other.sessions.resolve(session.token, LIMITS)).toBeDefined();
    await other.sessions.end(session.token);
    expect(await t.core.sessions.resolve(session.token, LIMITS)).toBeUndefined();
  });

  test('sessions past their end are cleared when another begins', async () => {
    await begin();
    t.clock.advance({ hours: 9 });
    await begin();
    expect(await t.core.db.selectFrom('sessions').selectAll().execute()).toHaveLength(1);
  });
});
