import type { Core } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

/** An app under test that answers each request with what it received, for `call` to be read. */
function echoApp(core: Core) {
  return {
    core,
    label: 'echo',
    app: {
      request: async (path: string, init: RequestInit = {}) =>
        Response.json({
          path,
          method: init.method,
          headers: Object.fromEntries(new Headers(init.headers)),
          body: init.body ?? null,
        }),
    },
  };
}

interface Echo {
  readonly path: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

describe.each(testDialects())('createTestApp on %s', (dialect) => {
  let a: TestApp<ReturnType<typeof echoApp>>;
  beforeAll(async () => {
    a = await createTestApp({ dialect, app: echoApp });
  });
  afterAll(() => a.destroy());

  test('builds the app over the fixture’s core and keeps what the app factory returned', () => {
    expect(a.core).toBe(a.t.core);
    expect(a.label).toBe('echo');
  });

  test('each caller’s key acts for that user with that role; the revoked one does not', async () => {
    const expected = [
      ['admin', a.teamA, 'admin'],
      ['manager', a.teamA, 'manager'],
      ['rep', a.teamA, 'rep'],
      ['otherRep', a.teamB, 'rep'],
    ] as const;
    for (const [caller, teamId, role] of expected) {
      const principal = defined(await a.t.core.apiKeys.authenticate(a.keys[caller]), caller);
      expect(principal.userId).toBe(a.userIds[caller]);
      expect([...principal.roles]).toEqual([[teamId, role]]);
    }
    expect(await a.t.core.apiKeys.authenticate(a.keys.revoked)).toBeUndefined();
  });

  test('call sends the caller’s key, a body as JSON, and extra headers', async () => {
    const sent = (await (
      await a.call('rep', 'POST', '/v1/things', { name: '关系' }, { 'accept-language': 'zh-CN' })
    ).json()) as Echo;
    expect(sent).toEqual({
      path: '/v1/things',
      method: 'POST',
      headers: {
        authorization: `Bearer ${a.keys.rep}`,
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
      },
      body: '{"name":"关系"}',
    });
  });

  test('as nobody it sends no key; a text body goes as it is, and none is no body', async () => {
    const text = (await (await a.call('none', 'PUT', '/x', '{"raw":')).json()) as Echo;
    expect(text.headers).toEqual({ 'content-type': 'application/json' });
    expect(text.body).toBe('{"raw":');
    const bare = (await (await a.call('none', 'GET', '/x')).json()) as Echo;
    expect(bare).toEqual({ path: '/x', method: 'GET', headers: {}, body: null });
  });
});
