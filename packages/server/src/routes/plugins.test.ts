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
  flakyPlugin,
  type Route,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest } from '../app';

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/teams/{A}/plugins', role: 'rep' },
  { method: 'PUT', path: '/v1/teams/{A}/plugins/flaky', role: 'admin', body: { enabled: true } },
  { method: 'GET', path: '/v1/teams/{A}/hook-failures', role: 'manager' },
  { method: 'POST', path: '/v1/teams/{A}/hook-failures/{failure}/replay', role: 'admin' },
  { method: 'GET', path: '/v1/teams/{A}/audit', role: 'manager' },
];

describe.each(testDialects())('plugin, hook failure and audit routes on %s', (dialect) => {
  const state = { healthy: false };
  let a: TestApp;
  let ids: Record<string, number>;
  const send = (caller: Caller, method: string, path: string, body?: unknown) =>
    a.call(caller, method, fill(path, ids), body);
  /** Records an order in the team while flaky is down: one new hook failure. */
  const failOnce = async (teamId: number) => {
    const customer = await a.t.core.customers.create(teamId, { kind: 'person', name: 'C' });
    await a.t.core.orders.record(teamId, [
      { customerId: customer.id, amount: 10, placedAt: '2024-01-01' },
    ]);
    return defined((await a.t.core.hookFailures.list(teamId))[0], 'hook failure');
  };
  const setFlaky = (teamId: number, enabled: boolean) =>
    enabled
      ? a.t.core.plugins.enable(teamId, 'flaky', 'test')
      : a.t.core.plugins.disable(teamId, 'flaky', 'test');

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [flakyPlugin(state)], app: appUnderTest() });
    await setFlaky(a.teamA, true);
    await setFlaky(a.teamB, true);
    ids = {
      ...fixtureIds(a),
      failure: (await failOnce(a.teamA)).id,
      otherFailure: (await failOnce(a.teamB)).id,
    };
  });
  afterAll(() => a.destroy());

  describe('happy paths', () => {
    test('GET /plugins lists installed plugins with this team’s settings', async () => {
      expect(await expectJson(await send('rep', 'GET', '/v1/teams/{A}/plugins'), 200)).toEqual({
        plugins: [
          {
            id: 'flaky',
            version: '1.0.0',
            description: 'Fails on orders until healthy',
            dependsOn: {},
            enabled: true,
            config: { threshold: 3, label: 'flaky' },
          },
        ],
      });
    });

    test('PUT /plugins/{pluginId} configures and toggles a plugin, audited', async () => {
      const put = (body: unknown) => send('admin', 'PUT', '/v1/teams/{A}/plugins/flaky', body);
      expect(await expectJson(await put({ config: { threshold: 5 } }), 200)).toEqual({
        id: 'flaky',
        enabled: true,
        config: { threshold: 5, label: 'flaky' },
      });
      expect(await expectJson(await put({ enabled: false }), 200)).toEqual({
        id: 'flaky',
        enabled: false,
        config: { threshold: 5, label: 'flaky' },
      });
      expect(await a.t.core.plugins.settings(a.teamA, 'flaky')).toEqual({
        enabled: false,
        config: { threshold: 5, label: 'flaky' },
      });
      expect(await a.t.core.plugins.settings(a.teamB, 'flaky')).toMatchObject({ enabled: true });
      const [entry] = await a.t.core.audit.list(a.teamA, 1);
      expect(entry).toMatchObject({
        action: 'plugin.settings.changed',
        actor: `user:${ids.admin}`,
        entityId: 'flaky',
        before: { enabled: true },
        after: { enabled: false },
      });
      expect(await expectJson(await put({ enabled: true, config: {} }), 200)).toEqual({
        id: 'flaky',
        enabled: true,
        config: { threshold: 3, label: 'flaky' },
      });
    });

    test('GET /hook-failures lists failures with their payload, pending or all', async () => {
      const { failures } = await expectJson<{ failures: unknown[] }>(
        await send('manager', 'GET', '/v1/teams/{A}/hook-failures?pending=true'),
        200,
      );
      expect(failures).toEqual([
        {
          id: ids.failure,
          teamId: ids.A,
          pluginId: 'flaky',
          hook: 'orders:recorded',
          items: [expect.objectContaining({ amount: 10, teamId: ids.A })],
          error: expect.stringContaining('flaky is down'),
          kind: 'error',
          attempts: 1,
          createdAt: expect.any(String),
          replayedAt: null,
        },
      ]);
    });

    test('POST /hook-failures/{failureId}/replay runs the handler again until it succeeds', async () => {
      const { id } = await failOnce(a.teamA);
      const replay = () => send('admin', 'POST', `/v1/teams/{A}/hook-failures/${id}/replay`);
      expect(await expectJson(await replay(), 200)).toEqual({
        ok: false,
        error: expect.stringContaining('flaky is down'),
      });
      state.healthy = true;
      try {
        expect(await expectJson(await replay(), 200)).toEqual({ ok: true });
      } finally {
        state.healthy = false;
      }
      const failure = defined((await a.t.core.hookFailures.list(a.teamA)).find((f) => f.id === id));
      expect(failure).toMatchObject({ attempts: 3, replayedAt: expect.any(String) });
      expect((await a.t.core.audit.list(a.teamA, 1))[0]).toMatchObject({
        action: 'hook.replayed',
        entityId: String(id),
        after: { ok: true },
      });
      const again = await unchanged(a, replay);
      expect((await expectProblem(again, 409, 'GX_ERR_CONFLICT')).errors).toEqual([
        { path: 'failureId', pointer: '/failureId', detail: 'already replayed' },
      ]);
    });

    test('replaying for a disabled plugin → 409, nothing changed', async () => {
      const { id } = await failOnce(a.teamA);
      await setFlaky(a.teamA, false);
      try {
        const res = await unchanged(a, () =>
          send('admin', 'POST', `/v1/teams/{A}/hook-failures/${id}/replay`),
        );
        await expectProblem(res, 409, 'GX_ERR_PLUGIN_DISABLED');
      } finally {
        await setFlaky(a.teamA, true);
      }
    });

    test('GET /audit is the team’s log, newest first', async () => {
      await a.t.core.plugins.change(a.teamA, 'flaky', { config: { label: 'audited' }, actor: 'x' });
      await setFlaky(a.teamB, true);
      const { entries } = await expectJson<{ entries: { teamId: number }[] }>(
        await send('manager', 'GET', '/v1/teams/{A}/audit?limit=1'),
        200,
      );
      expect(entries).toEqual([
        {
          id: expect.any(Number),
          teamId: ids.A,
          actor: 'x',
          action: 'plugin.settings.changed',
          entity: 'plugin',
          entityId: 'flaky',
          before: { enabled: true, config: expect.objectContaining({ label: 'flaky' }) },
          after: { enabled: true, config: expect.objectContaining({ label: 'audited' }) },
          occurredAt: expect.any(String),
        },
      ]);
      const all = await expectJson<{ entries: { teamId: number }[] }>(
        await send('manager', 'GET', '/v1/teams/{A}/audit'),
        200,
      );
      expect(all.entries.length).toBeGreaterThan(1);
      expect(new Set(all.entries.map((e) => e.teamId))).toEqual(new Set([ids.A]));
    });
  });

  test.each<[string, unknown, string]>([
    ['flaky', {}, '(root)'],
    ['flaky', [], '(root)'],
    ['flaky', { enabled: 'yes' }, 'enabled'],
    ['flaky', { enabled: true, colour: 'red' }, 'colour'],
    ['flaky', { config: [] }, 'config'],
    ['flaky', { config: { threshold: -1 } }, 'config.threshold'],
    ['flaky', { config: { threshold: '3' } }, 'config.threshold'],
    ['flaky', { config: { label: 'x'.repeat(21) } }, 'config.label'],
    ['flaky', { config: { colour: 'red' } }, 'config.colour'],
    ['flaky', { config: { label: 'a\u0000' } }, 'config.label'],
    ['Not_A_Plugin', { enabled: true }, 'pluginId'],
  ])('PUT /plugins/%s %j → 400 naming %s, nothing stored', async (pluginId, body, field) => {
    const res = await unchanged(a, () =>
      send('admin', 'PUT', `/v1/teams/{A}/plugins/${pluginId}`, body),
    );
    await expectInvalid(res, field);
  });

  test('an unknown plugin → 404, nothing stored', async () => {
    const res = await unchanged(a, () =>
      send('admin', 'PUT', '/v1/teams/{A}/plugins/nope', { enabled: true }),
    );
    await expectProblem(res, 404, 'GX_ERR_PLUGIN_UNKNOWN');
  });

  test.each<[string, string, string]>([
    ['GET', '/v1/teams/{A}/hook-failures?pending=maybe', 'pending'],
    ['GET', '/v1/teams/{A}/hook-failures?limit=5', 'limit'],
    ['POST', '/v1/teams/{A}/hook-failures/abc/replay', 'failureId'],
    ['POST', '/v1/teams/{A}/hook-failures/0/replay', 'failureId'],
    ['GET', '/v1/teams/{A}/audit?limit=0', 'limit'],
    ['GET', '/v1/teams/{A}/audit?limit=501', 'limit'],
    ['GET', '/v1/teams/{A}/audit?limit=ten', 'limit'],
    ['GET', '/v1/teams/{A}/audit?since=2024', 'since'],
  ])('%s %s → 400 naming %s, nothing changed', async (method, path, field) => {
    await expectInvalid(await unchanged(a, () => send('admin', method, path)), field);
  });

  test.each<Call>([
    ['admin', 'POST', '/v1/teams/{A}/hook-failures/{otherFailure}/replay'],
    ['admin', 'POST', '/v1/teams/{A}/hook-failures/999999/replay'],
    ['admin', 'GET', '/v1/teams/{B}/plugins'],
    ['admin', 'PUT', '/v1/teams/{B}/plugins/flaky', { enabled: false }],
    ['admin', 'GET', '/v1/teams/{B}/hook-failures'],
    ['admin', 'GET', '/v1/teams/{B}/audit'],
    ...byCallers(['otherRep'], ROUTES),
  ])('%s %s %s → 404, never 403, nothing changed', async (caller, method, path, body) => {
    await expectProblem(await unchanged(a, () => send(caller, method, path, body)), 404);
  });

  test.each([
    ...byCallers(
      ['rep'],
      ROUTES.filter((route) => route.role !== 'rep'),
    ),
    ...byCallers(
      ['manager'],
      ROUTES.filter((route) => route.role === 'admin'),
    ),
  ])('%s: %s %s → 403, nothing changed', async (caller, method, path, body) => {
    const res = await unchanged(a, () => send(caller, method, path, body));
    expect((await expectProblem(res, 403, 'GX_ERR_FORBIDDEN')).detail).toContain(
      `you are a ${caller}`,
    );
  });

  test.each(byCallers(['none', 'revoked'], ROUTES))(
    '%s key: %s %s → 401',
    async (caller, method, path, body) => {
      const res = await unchanged(a, () => send(caller, method, path, body));
      await expectProblem(res, 401, 'GX_ERR_UNAUTHENTICATED');
    },
  );
});
