import type { Team } from '@guanxi/core';
import {
  byCallers,
  type Call,
  type Caller,
  createTestApp,
  defined,
  expectInvalid,
  expectJson,
  expectProblem,
  fill,
  fixtureIds,
  type Route,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest } from '../app';

interface Member {
  id: number;
  email: string;
  name: string;
  role: string;
}

interface KeyInfo {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  revokedAt: string | null;
  key?: string;
}

/** Every route of the module, the least role it needs, and a body that passes validation. */
const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/me', role: 'rep' },
  { method: 'POST', path: '/v1/teams', role: 'admin', body: { name: 'Team C', slug: 'team-c' } },
  { method: 'GET', path: '/v1/teams/{A}', role: 'rep' },
  { method: 'PATCH', path: '/v1/teams/{A}', role: 'admin', body: { timeZone: 'Asia/Tokyo' } },
  { method: 'GET', path: '/v1/teams/{A}/members', role: 'rep' },
  {
    method: 'POST',
    path: '/v1/teams/{A}/members',
    role: 'admin',
    body: { email: 'new@guanxi.test', name: 'New', role: 'rep' },
  },
  { method: 'PUT', path: '/v1/teams/{A}/members/{rep}', role: 'admin', body: { role: 'manager' } },
  { method: 'DELETE', path: '/v1/teams/{A}/members/{rep}', role: 'admin' },
  { method: 'GET', path: '/v1/teams/{A}/members/{rep}/keys', role: 'admin' },
  {
    method: 'POST',
    path: '/v1/teams/{A}/members/{rep}/keys',
    role: 'admin',
    body: { name: 'CLI' },
  },
  { method: 'DELETE', path: '/v1/teams/{A}/keys/{repKey}', role: 'admin' },
];

describe.each(testDialects())('team routes on %s', (dialect) => {
  let a: TestApp;
  let ids: Record<string, number>;
  const send = (caller: Caller, method: string, path: string, body?: unknown) =>
    a.call(caller, method, fill(path, ids), body);
  const keyIdOf = async (userId: number) =>
    defined((await a.t.core.apiKeys.list(userId))[0], 'key').id;
  const addMember = async (email: string, role = 'rep') =>
    expectJson<Member>(
      await send('admin', 'POST', '/v1/teams/{A}/members', { email, name: email, role }),
      201,
    );

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    ids = {
      ...fixtureIds(a),
      repKey: await keyIdOf(a.userIds.rep),
      otherKey: await keyIdOf(a.userIds.otherRep),
    };
  });
  afterAll(() => a.destroy());

  describe('happy paths', () => {
    test('GET /v1/me names the caller and only their teams', async () => {
      const me = await expectJson(await send('manager', 'GET', '/v1/me'), 200);
      expect(me).toEqual({
        user: expect.objectContaining({ id: ids.manager, email: 'manager@guanxi.test' }),
        teams: [expect.objectContaining({ id: ids.A, slug: 'team-a', role: 'manager' })],
      });
      const other = await expectJson(await send('otherRep', 'GET', '/v1/me'), 200);
      expect(other.teams).toEqual([expect.objectContaining({ id: ids.B, role: 'rep' })]);
    });

    test('POST /v1/teams creates a team with defaults and makes the caller its admin', async () => {
      const team = await expectJson<Team>(
        await send('admin', 'POST', '/v1/teams', { name: ' Team C ', slug: 'team-c' }),
        201,
      );
      expect(team).toEqual({
        id: expect.any(Number),
        name: 'Team C',
        slug: 'team-c',
        currency: 'CNY',
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        createdAt: expect.any(String),
      });
      const me = await expectJson<{ teams: { id: number; role: string }[] }>(
        await send('admin', 'GET', '/v1/me'),
        200,
      );
      expect(me.teams).toContainEqual(expect.objectContaining({ id: team.id, role: 'admin' }));
      expect(await a.t.core.audit.list(team.id)).toMatchObject([
        { action: 'team.created', actor: `user:${ids.admin}`, after: { slug: 'team-c' } },
      ]);
    });

    test('GET /v1/teams/{teamId} is the team', async () => {
      expect(await expectJson(await send('rep', 'GET', '/v1/teams/{A}'), 200)).toEqual({
        id: ids.A,
        name: 'Team A',
        slug: 'team-a',
        currency: 'CNY',
        locale: 'en',
        timeZone: 'UTC',
        createdAt: expect.any(String),
      });
    });

    test('PATCH /v1/teams/{teamId} changes the name, language and time zone, audited', async () => {
      const team = await a.t.core.teams.create({ name: 'Team Z', slug: 'team-z', locale: 'en' });
      await a.t.core.users.setRole(team.id, a.userIds.admin, 'admin');
      const path = `/v1/teams/${team.id}`;
      const changed = await expectJson<Team>(
        await send('admin', 'PATCH', path, { timeZone: 'america/new_york', locale: 'zh-CN' }),
        200,
      );
      expect(changed).toEqual({ ...team, locale: 'zh-CN', timeZone: 'America/New_York' });
      expect(await expectJson(await send('admin', 'GET', path), 200)).toEqual(changed);
      expect((await a.t.core.audit.list(team.id))[0]).toMatchObject({
        action: 'team.updated',
        actor: `user:${a.userIds.admin}`,
        before: { timeZone: 'UTC', locale: 'en' },
        after: { timeZone: 'America/New_York', locale: 'zh-CN' },
      });
    });

    test('GET /v1/teams/{teamId}/members lists members with roles, by name', async () => {
      const { members } = await expectJson<{ members: Member[] }>(
        await send('rep', 'GET', '/v1/teams/{A}/members'),
        200,
      );
      expect(members.map((m) => [m.name, m.role])).toEqual([
        ['admin', 'admin'],
        ['manager', 'manager'],
        ['rep', 'rep'],
        ['revoked', 'rep'],
      ]);
      expect(members[0]).toEqual({
        id: ids.admin,
        email: 'admin@guanxi.test',
        name: 'admin',
        role: 'admin',
        createdAt: expect.any(String),
      });
    });

    test('POST, PUT and DELETE /members add a member, change their role and remove them', async () => {
      const added = await addMember(' Mei@Guanxi.Test ');
      expect(added).toEqual({
        id: expect.any(Number),
        email: 'mei@guanxi.test',
        name: 'Mei@Guanxi.Test',
        role: 'rep',
        createdAt: expect.any(String),
      });
      const path = `/v1/teams/{A}/members/${added.id}`;
      expect(await expectJson(await send('admin', 'PUT', path, { role: 'manager' }), 200)).toEqual({
        teamId: ids.A,
        userId: added.id,
        role: 'manager',
      });
      const removed = await send('admin', 'DELETE', path);
      expect(removed.status).toBe(204);
      expect(await removed.text()).toBe('');
      const members = await a.t.core.users.members(a.teamA);
      expect(members.map((m) => m.id)).not.toContain(added.id);
      const actions = (await a.t.core.audit.list(a.teamA)).map((e) => e.action);
      expect(actions.slice(0, 3)).toEqual([
        'member.removed',
        'member.role.changed',
        'member.added',
      ]);
    });

    test('POST /members with a known e-mail adds the existing user as they are', async () => {
      const known = await a.t.core.users.create({ email: 'known@guanxi.test', name: 'Known' });
      const added = await expectJson<Member>(
        await send('admin', 'POST', '/v1/teams/{A}/members', {
          email: 'KNOWN@guanxi.test',
          name: 'Another Name',
          role: 'manager',
        }),
        201,
      );
      expect(added).toMatchObject({ id: known.id, name: 'Known', role: 'manager' });
    });

    test('GET /members/{userId}/keys lists keys, when last used, without the secret', async () => {
      await send('rep', 'GET', '/v1/me');
      const { keys } = await expectJson<{ keys: KeyInfo[] }>(
        await send('admin', 'GET', '/v1/teams/{A}/members/{rep}/keys'),
        200,
      );
      expect(keys).toEqual([
        {
          id: ids.repKey,
          userId: ids.rep,
          name: 'rep key',
          prefix: a.keys.rep.slice(0, 10),
          createdAt: expect.any(String),
          lastUsedAt: '2025-01-01T00:00:00.000Z',
          revokedAt: null,
        },
      ]);
    });

    test('POST /members/{userId}/keys shows a working key once; DELETE /keys/{keyId} revokes it', async () => {
      const member = await addMember('keyholder@guanxi.test');
      const created = await expectJson<KeyInfo>(
        await send('admin', 'POST', `/v1/teams/{A}/members/${member.id}/keys`, { name: ' CLI ' }),
        201,
      );
      expect(created).toMatchObject({ userId: member.id, name: 'CLI', revokedAt: null });
      const key = defined(created.key, 'key');
      expect(key).toMatch(/^gx_/);
      expect(created.prefix).toBe(key.slice(0, 10));
      const asNew = { authorization: `Bearer ${key}` };
      expect((await a.app.request('/v1/me', { headers: asNew })).status).toBe(200);

      const revoked = await expectJson<KeyInfo>(
        await send('admin', 'DELETE', `/v1/teams/{A}/keys/${created.id}`),
        200,
      );
      expect(revoked).toMatchObject({ id: created.id, revokedAt: expect.any(String) });
      expect(revoked).not.toHaveProperty('key');
      await expectProblem(
        await a.app.request('/v1/me', { headers: asNew }),
        401,
        'GX_ERR_UNAUTHENTICATED',
      );
      const entry = defined((await a.t.core.audit.list(a.teamA))[0], 'audit entry');
      expect(entry).toMatchObject({ action: 'key.revoked', entityId: String(created.id) });
      expect(JSON.stringify(await a.t.core.audit.list(a.teamA))).not.toContain(key);
    });
  });

  const tooLong = 'x'.repeat(201);
  test.each([
    ['POST', '/v1/teams', { slug: 'team-d' }, 'name'],
    ['POST', '/v1/teams', { name: 1, slug: 'team-d' }, 'name'],
    ['POST', '/v1/teams', { name: 'D', slug: 'team-d', colour: 'red' }, 'colour'],
    ['POST', '/v1/teams', { name: tooLong, slug: 'team-d' }, 'name'],
    ['POST', '/v1/teams', { name: 'D', slug: 'Team D' }, 'slug'],
    ['POST', '/v1/teams', { name: 'D', slug: 'team-d', currency: 'cny' }, 'currency'],
    ['POST', '/v1/teams', [], '(root)'],
    ['POST', '/v1/teams', { name: 'D', slug: 'team-d', timeZone: 'Mars/Base' }, 'timeZone'],
    ['PATCH', '/v1/teams/{A}', { timeZone: 'Beijing' }, 'timeZone'],
    ['PATCH', '/v1/teams/{A}', { timeZone: 8 }, 'timeZone'],
    ['PATCH', '/v1/teams/{A}', { name: ' ' }, 'name'],
    ['PATCH', '/v1/teams/{A}', { currency: 'USD' }, 'currency'],
    ['PATCH', '/v1/teams/{A}', { locale: 'fr' }, 'locale'],
    ['POST', '/v1/teams/{A}/members', { name: 'N', role: 'rep' }, 'email'],
    ['POST', '/v1/teams/{A}/members', { email: 'nope', name: 'N', role: 'rep' }, 'email'],
    ['POST', '/v1/teams/{A}/members', { email: 'n@x.cn', name: 'N', role: 7 }, 'role'],
    ['POST', '/v1/teams/{A}/members', { email: 'n@x.cn', name: 'N', role: 'owner' }, 'role'],
    ['POST', '/v1/teams/{A}/members', { email: 'n@x.cn', name: tooLong, role: 'rep' }, 'name'],
    ['POST', '/v1/teams/{A}/members', { email: 'n@x.cn', name: 'N', role: 'rep', x: 1 }, 'x'],
    ['PUT', '/v1/teams/{A}/members/{rep}', {}, 'role'],
    ['PUT', '/v1/teams/{A}/members/{rep}', { role: true }, 'role'],
    ['PUT', '/v1/teams/{A}/members/{rep}', { role: 'rep', x: 1 }, 'x'],
    ['PUT', '/v1/teams/{A}/members/abc', { role: 'rep' }, 'userId'],
    ['DELETE', '/v1/teams/{A}/members/-1', undefined, 'userId'],
    ['GET', '/v1/teams/{A}/members/0/keys', undefined, 'userId'],
    ['POST', '/v1/teams/{A}/members/{rep}/keys', {}, 'name'],
    ['POST', '/v1/teams/{A}/members/{rep}/keys', { name: ['CLI'] }, 'name'],
    ['POST', '/v1/teams/{A}/members/{rep}/keys', { name: 'x'.repeat(101) }, 'name'],
    ['POST', '/v1/teams/{A}/members/{rep}/keys', { name: 'CLI', scope: 'all' }, 'scope'],
    ['DELETE', '/v1/teams/{A}/keys/1.5', undefined, 'keyId'],
  ])('%s %s %j → 400 naming %s, nothing stored', async (method, path, body, field) => {
    await expectInvalid(await unchanged(a, () => send('admin', method, path, body)), field);
  });

  test('keys of a member who is also in a team the caller does not administer → 403', async () => {
    const boss = await a.t.core.users.create({ email: 'boss@b.cn', name: 'Boss of B' });
    await a.t.core.users.setRole(a.teamB, boss.id, 'admin');
    await addMember('boss@b.cn');
    const bossKey = await a.t.core.apiKeys.create(boss.id, 'own key');
    for (const [method, path, body] of [
      ['POST', `/v1/teams/{A}/members/${boss.id}/keys`, { name: 'taken over' }],
      ['DELETE', `/v1/teams/{A}/keys/${bossKey.id}`, undefined],
    ] as const) {
      const res = await unchanged(a, () => send('admin', method, path, body));
      await expectProblem(res, 403, 'GX_ERR_FORBIDDEN');
    }
    expect(await a.t.core.apiKeys.list(boss.id)).toMatchObject([
      { id: bossKey.id, revokedAt: null },
    ]);

    const teamC = await a.t.core.teams.create({ name: 'Team C2', slug: 'team-c2' });
    await a.t.core.users.setRole(teamC.id, a.userIds.admin, 'admin');
    const shared = await addMember('shared@guanxi.test');
    await a.t.core.users.setRole(teamC.id, shared.id, 'rep');
    const minted = await send('admin', 'POST', `/v1/teams/{A}/members/${shared.id}/keys`, {
      name: 'both teams are mine',
    });
    expect(await expectJson(minted, 201)).toMatchObject({ userId: shared.id });
  });

  test('a taken slug is a 409 naming slug', async () => {
    const res = await unchanged(a, () =>
      send('admin', 'POST', '/v1/teams', { name: 'A2', slug: 'team-a' }),
    );
    const problem = await expectProblem(res, 409, 'GX_ERR_CONFLICT');
    expect(problem.errors).toEqual([{ path: 'slug', pointer: '/slug', detail: 'already taken' }]);
  });

  test.each<Call>([
    ['admin', 'GET', '/v1/teams/{B}'],
    ['admin', 'GET', '/v1/teams/{B}/members'],
    ['admin', 'POST', '/v1/teams/{B}/members', { email: 'x@x.cn', name: 'X', role: 'rep' }],
    ['admin', 'PUT', '/v1/teams/{A}/members/{otherRep}', { role: 'admin' }],
    ['admin', 'DELETE', '/v1/teams/{A}/members/{otherRep}'],
    ['admin', 'GET', '/v1/teams/{A}/members/{otherRep}/keys'],
    ['admin', 'POST', '/v1/teams/{A}/members/{otherRep}/keys', { name: 'steal' }],
    ['admin', 'DELETE', '/v1/teams/{A}/keys/{otherKey}'],
    ['admin', 'DELETE', '/v1/teams/{A}/keys/999999'],
    ['admin', 'PUT', '/v1/teams/999999/members/{rep}', { role: 'rep' }],
    ...byCallers(
      ['otherRep'],
      ROUTES.filter((route) => route.path.includes('{A}')),
    ),
  ])('%s %s %s → 404, never 403, nothing changed', async (caller, method, path, body) => {
    const res = await unchanged(a, () => send(caller, method, path, body));
    await expectProblem(res, 404, 'GX_ERR_NOT_FOUND');
  });

  test.each(
    byCallers(
      ['rep', 'manager'],
      ROUTES.filter((route) => route.role === 'admin' && route.path !== '/v1/teams'),
    ),
  )('%s: %s %s → 403', async (caller, method, path, body) => {
    const res = await unchanged(a, () => send(caller, method, path, body));
    const problem = await expectProblem(res, 403, 'GX_ERR_FORBIDDEN');
    expect(problem.detail).toContain(`you are a ${caller}`);
  });

  test.each([{ name: 'Team E', slug: 'team-e' }, { name: 1 }])(
    'a caller who is admin nowhere may not create a team, whatever the body: %j → 403',
    async (body) => {
      for (const caller of ['rep', 'manager', 'otherRep'] as const) {
        const res = await unchanged(a, () => send(caller, 'POST', '/v1/teams', body));
        await expectProblem(res, 403, 'GX_ERR_FORBIDDEN');
      }
    },
  );

  test.each(byCallers(['none', 'revoked'], ROUTES))(
    '%s key: %s %s → 401',
    async (caller, method, path, body) => {
      const res = await unchanged(a, () => send(caller, method, path, body));
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      await expectProblem(res, 401, 'GX_ERR_UNAUTHENTICATED');
    },
  );
});
