import { definePlugin, definePluginRoute, type Role } from '@guanxi/core';
import { createTestCore, csrfOf, type TestCore, testDialects } from '@guanxi/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from './app';
import { createLogger } from './logger';

/** The log lines the server writes. */
function captured() {
  const lines: string[] = [];
  return {
    lines,
    stream: { write: (line: string) => void lines.push(line) },
    text: () => lines.join(''),
  };
}

/**
 * A plugin whose hook fails, so the core logs a warning during a request, and whose route
 * fails unexpectedly, so the server logs an error.
 */
const failing = definePlugin({
  id: 'failing',
  version: '1.0.0',
  hooks: {
    'customer:created': () => {
      throw new Error('the hook failed');
    },
  },
  routes: [
    definePluginRoute()({
      method: 'get',
      path: '/boom',
      operationId: 'boom',
      summary: 'Fails',
      role: 'rep',
      responses: { 200: { description: 'Never' } },
      handler: () => {
        throw new Error('the route failed');
      },
    }),
  ],
});

describe.each(testDialects())('API keys stay out of logs and error bodies on %s', (dialect) => {
  let t: TestCore;
  let log: ReturnType<typeof captured>;
  let app: ReturnType<typeof createApp>['app'];
  let teamId: number;
  const keys: Record<'admin' | 'rep' | 'revoked', string> = { admin: '', rep: '', revoked: '' };

  beforeEach(async () => {
    log = captured();
    const logger = createLogger('trace', log.stream);
    t = await createTestCore({ dialect, plugins: [failing], logger });
    teamId = (await t.core.teams.create({ name: 'A', slug: 'a', locale: 'en' })).id;
    await t.core.plugins.enable(teamId, 'failing', 'test');
    for (const [name, role] of [
      ['admin', 'admin'],
      ['rep', 'rep'],
      ['revoked', 'rep'],
    ] as [keyof typeof keys, Role][]) {
      const user = await t.core.users.create({ email: `${name}@guanxi.test`, name });
      await t.core.users.setRole(teamId, user.id, role);
      const created = await t.core.apiKeys.create(user.id, name);
      keys[name] = created.key;
      if (name === 'revoked') await t.core.apiKeys.revoke(created.id);
    }
    app = createApp(t.core, { logger }).app;
  });
  afterEach(() => t.destroy());

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  /** Keys that are not valid: near misses of a real one, wrong shapes and wrong schemes. */
  const malformed = () => {
    const key = keys.rep;
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    return [
      `${key.slice(0, -1)}${last}`,
      key.slice(0, -1),
      `${key}x`,
      key.toUpperCase(),
      `gx_${'A'.repeat(43)}`,
      `${key} ${key}`,
      'not-a-key',
    ];
  };

  test('valid, revoked and malformed keys leave no trace of themselves', async () => {
    const bodies: string[] = [];
    const send = async (path: string, init: RequestInit = {}) => {
      const res = await app.request(path, init);
      bodies.push(await res.text());
      return res.status;
    };
    expect(await send('/v1/me', { headers: bearer(keys.rep) })).toBe(200);
    expect(await send(`/v1/teams/${teamId}/members`, { headers: bearer(keys.rep) })).toBe(200);
    expect(await send('/v1/teams/999', { headers: bearer(keys.admin) })).toBe(404);
    expect(
      await send(`/v1/teams/${teamId}/webhooks`, {
        method: 'POST',
        headers: { ...bearer(keys.rep), 'content-type': 'application/json' },
        body: '{}',
      }),
    ).toBe(403);
    expect(
      await send(`/v1/teams/${teamId}/customers`, {
        method: 'POST',
        headers: { ...bearer(keys.admin), 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'person', name: 'Lin' }),
      }),
    ).toBe(201);
    expect(
      await send(`/v1/teams/${teamId}/customers`, {
        method: 'POST',
        headers: { ...bearer(keys.admin), 'content-type': 'application/json' },
        body: '{"kind": "person", "name": ',
      }),
    ).toBe(400);
    expect(await send('/v1/me', { headers: bearer(keys.revoked) })).toBe(401);
    for (const key of malformed()) {
      expect(await send('/v1/me', { headers: bearer(key) }), key).toBe(401);
      expect(await send('/v1/me', { headers: { authorization: key } }), key).toBe(401);
      expect(await send('/v1/me', { headers: { authorization: `Basic ${key}` } }), key).toBe(401);
    }
    expect(await send(`/v1/me?key=${keys.rep}`)).toBe(401);

    const secrets = [keys.admin, keys.rep, keys.revoked, ...malformed()];
    expect(log.lines.length).toBeGreaterThan(bodies.length);
    expect(log.text()).toContain('"msg":"request"');
    expect(log.text()).toContain('the hook failed');
    for (const secret of secrets) {
      expect(log.text(), 'logs').not.toContain(secret);
      for (const body of bodies) expect(body, 'response body').not.toContain(secret);
    }
  });

  test('an unexpected error with a valid key logs the error, never the key', async () => {
    const res = await app.request(`/v1/teams/${teamId}/plugins/failing/boom`, {
      headers: bearer(keys.admin),
    });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(log.text()).toContain('unhandled error');
    expect(log.text()).toContain('the route failed');
    expect(body).not.toContain(keys.admin);
    expect(log.text()).not.toContain(keys.admin);
  });

  test('signing in to the console keeps the key out of every cookie and page', async () => {
    const signIn = async (key: string) => {
      const form = await app.request('/admin/sign-in');
      const token = csrfOf(await form.text());
      const issued = form.headers.getSetCookie().find((c) => c.startsWith('gx_signin='));
      const cookie = (issued ?? '').split(';')[0] ?? '';
      return app.request('/admin/sign-in', {
        method: 'POST',
        headers: {
          cookie,
          origin: 'http://localhost',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: token, key }).toString(),
      });
    };
    const bodies: string[] = [];
    for (const key of [keys.revoked, ...malformed()]) {
      const res = await signIn(key);
      expect(res.status, key).toBeGreaterThanOrEqual(400);
      bodies.push(await res.text());
      expect(res.headers.getSetCookie().join('\n')).not.toContain(key);
    }
    for (const key of [keys.admin, keys.rep]) {
      const signedIn = await signIn(key);
      expect(signedIn.status).toBe(303);
      const cookies = signedIn.headers.getSetCookie().join('\n');
      expect(cookies).not.toContain(key);
      const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('gx_session='));
      expect(session).toContain('HttpOnly');
      const page = await app.request(`/admin/teams/${teamId}`, {
        headers: { cookie: (session ?? '').split(';')[0] ?? '' },
      });
      expect(page.status).toBe(200);
      bodies.push(await page.text());
    }
    for (const secret of [keys.admin, keys.rep, keys.revoked, ...malformed()]) {
      expect(log.text()).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
  });

  test('the logger redacts credentials wherever a caller might log them', () => {
    const logger = createLogger('info', log.stream);
    logger.info({ authorization: `Bearer ${keys.rep}` }, 'one');
    logger.info({ headers: { authorization: `Bearer ${keys.rep}` } }, 'two');
    logger.info({ req: { headers: { authorization: `Bearer ${keys.rep}` } } }, 'three');
    logger.info({ key: keys.rep, created: { key: keys.rep } }, 'four');
    expect(log.text()).toContain('"msg":"four"');
    expect(log.text()).not.toContain(keys.rep);
    expect(log.text().match(/\[redacted\]/g)).toHaveLength(5);
  });

  test('the database keeps only a hash of each key', async () => {
    const { rows } = await sql<Record<string, unknown>>`select * from api_keys`.execute(t.core.db);
    const stored = JSON.stringify(rows);
    expect(rows).toHaveLength(3);
    for (const key of Object.values(keys)) {
      expect(stored).not.toContain(key);
      expect(stored).toContain(key.slice(0, 10));
    }
  });
});
