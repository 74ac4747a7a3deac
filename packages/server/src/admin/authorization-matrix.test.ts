import {
  type Caller,
  createTestApp,
  csrfOf,
  defined,
  flakyPlugin,
  snapshot,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';
import { SESSION_COOKIE, SIGN_IN_COOKIE } from './cookies';
import { CSRF_FIELD, csrfTokenFor } from './csrf';

/**
 * Every route of the admin console, called with the session of every kind of caller on
 * their own team, another team, and their own team naming another team's resources. The
 * routes are read from the app, so a new page without a row below fails the first test.
 */

type TeamSide = 'own' | 'other' | 'foreign';

interface ConsoleRequest {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly form?: Readonly<Record<string, string>>;
}

interface ConsoleRule {
  /** `admin`: a session of a team admin; `public`: no session needed. */
  readonly role: 'admin' | 'public';
  /** What an admin (or, for public routes, every caller) gets for the request below. */
  readonly ok: number;
  readonly request?: (team: TeamFixture) => ConsoleRequest | Promise<ConsoleRequest>;
  /** What an admin gets when the request names another team's resource. */
  readonly foreign?: 404;
}

interface TeamFixture {
  readonly teamId: number;
  readonly memberId: number;
  readonly unique: (prefix: string) => string;
  readonly freshKey: () => Promise<number>;
  readonly freshWebhook: () => Promise<number>;
  /** A webhook with one message queued for it. */
  readonly webhookWithMessage: { readonly webhookId: number; readonly outboxId: number };
  readonly freshFailure: () => Promise<number>;
}

const RULES: Readonly<Record<string, ConsoleRule>> = {
  'GET /admin/sign-in': { role: 'public', ok: 200 },
  'GET /admin/lang/{locale}': {
    role: 'public',
    ok: 303,
    request: () => ({ params: { locale: 'en' } }),
  },
  'POST /admin/sign-out': { role: 'public', ok: 303 },
  'GET /admin': { role: 'admin', ok: 303 },
  'GET /admin/teams/{teamId}': { role: 'admin', ok: 200 },
  'GET /admin/teams/{teamId}/members': { role: 'admin', ok: 200 },
  'POST /admin/teams/{teamId}/members': {
    role: 'admin',
    ok: 303,
    request: (t) => ({
      form: { email: `${t.unique('m')}@guanxi.test`, name: 'New', role: 'rep' },
    }),
  },
  'GET /admin/teams/{teamId}/members/{userId}': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId } }),
  },
  'POST /admin/teams/{teamId}/members/{userId}/role': {
    role: 'admin',
    ok: 303,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId }, form: { role: 'manager' } }),
  },
  'POST /admin/teams/{teamId}/members/{userId}/keys': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId }, form: { name: 'laptop' } }),
  },
  'POST /admin/teams/{teamId}/keys/{keyId}/revoke': {
    role: 'admin',
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { keyId: await t.freshKey() } }),
  },
  'GET /admin/teams/{teamId}/modules': { role: 'admin', ok: 200 },
  'POST /admin/teams/{teamId}/modules/{pluginId}/enabled': {
    role: 'admin',
    ok: 303,
    request: () => ({ params: { pluginId: 'flaky' }, form: { enabled: 'true' } }),
  },
  'POST /admin/teams/{teamId}/modules/{pluginId}/config': {
    role: 'admin',
    ok: 303,
    request: () => ({
      params: { pluginId: 'flaky' },
      form: { 'config.threshold': '4', 'config.label': 'ok' },
    }),
  },
  'GET /admin/teams/{teamId}/webhooks': { role: 'admin', ok: 200 },
  'POST /admin/teams/{teamId}/webhooks': {
    role: 'admin',
    ok: 200,
    request: () => ({ form: { url: 'https://crm.example.cn/in', events: 'customer:created' } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/deactivate': {
    role: 'admin',
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.freshWebhook() } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/enable': {
    role: 'admin',
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.freshWebhook() } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/rotate-secret': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.freshWebhook() } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/deliveries/{outboxId}/resend': {
    role: 'admin',
    ok: 303,
    foreign: 404,
    request: (t) => ({ params: t.webhookWithMessage }),
  },
  'GET /admin/teams/{teamId}/settings': { role: 'admin', ok: 200 },
  'POST /admin/teams/{teamId}/settings': {
    role: 'admin',
    ok: 303,
    request: () => ({ form: { name: 'Renamed', locale: 'en', timeZone: 'Asia/Tokyo' } }),
  },
  'GET /admin/teams/{teamId}/hook-failures': { role: 'admin', ok: 200 },
  'POST /admin/teams/{teamId}/hook-failures/{failureId}/replay': {
    role: 'admin',
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { failureId: await t.freshFailure() } }),
  },
};

const CALLERS: readonly Caller[] = ['admin', 'manager', 'rep', 'revoked', 'none'];

/** Signing in is a form round trip; its outcome depends on the key, as the test below shows. */
const SIGN_IN = 'POST /admin/sign-in';

const flaky = { healthy: true };

/** What the caller's session gets: sign-in without one, 403 below admin, 404 in another team. */
function expected(rule: ConsoleRule, caller: Caller, side: TeamSide): number {
  if (rule.role === 'public') return rule.ok;
  if (caller === 'none' || caller === 'revoked') return 303;
  if (caller !== 'admin') return 403;
  if (side === 'other') return 404;
  return side === 'foreign' ? (rule.foreign as number) : rule.ok;
}

describe.each(testDialects())('authorization of every console route on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let teams: { own: TeamFixture; other: TeamFixture };
  let serial = 0;

  /** A request as the caller's browser would send it: the session cookie, and the form token. */
  const send = async (
    caller: Caller,
    method: string,
    path: string,
    form?: ConsoleRequest['form'],
  ) => {
    const key = caller === 'none' ? undefined : a.keys[caller];
    const fields =
      method === 'POST' && key !== undefined ? { [CSRF_FIELD]: csrfTokenFor(key), ...form } : form;
    return a.app.request(path, {
      method,
      headers: {
        ...(key === undefined ? {} : { cookie: `${SESSION_COOKIE}=${key}` }),
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(method === 'POST' ? { body: new URLSearchParams(fields).toString() } : {}),
    });
  };

  async function teamFixture(teamId: number): Promise<TeamFixture> {
    const { core } = a.t;
    const unique = (prefix: string) => {
      serial += 1;
      return `${prefix}-${teamId}-${serial}`;
    };
    const member = async () => {
      const user = await core.users.create({ email: `${unique('u')}@guanxi.test`, name: 'U' });
      await core.users.setRole(teamId, user.id, 'rep');
      return user.id;
    };
    const customer = await core.customers.create(teamId, { kind: 'person', name: 'C' });
    const freshWebhook = async () =>
      (
        await core.webhooks.create(
          teamId,
          { url: 'https://crm.example.cn/in', events: ['orders:recorded'] },
          'test',
        )
      ).id;
    const webhookId = await freshWebhook();
    await core.orders.record(teamId, [
      { customerId: customer.id, amount: 100, placedAt: '2024-01-01' },
    ]);
    const message = await core.db
      .selectFrom('outbox')
      .select('id')
      .where('webhook_id', '=', webhookId)
      .executeTakeFirstOrThrow();
    return {
      teamId,
      memberId: await member(),
      unique,
      freshKey: async () => (await core.apiKeys.create(await member(), 'spare')).id,
      freshWebhook,
      webhookWithMessage: { webhookId, outboxId: message.id },
      freshFailure: async () => {
        flaky.healthy = false;
        await core.orders.record(teamId, [
          { customerId: customer.id, amount: 100, placedAt: '2024-01-01' },
        ]);
        flaky.healthy = true;
        const [failure] = await core.hookFailures.list(teamId, { pending: true });
        return defined(failure, 'hook failure').id;
      },
    };
  }

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [flakyPlugin(flaky)], app: appUnderTest() });
    for (const teamId of [a.teamA, a.teamB]) await a.t.core.plugins.enable(teamId, 'flaky', 'test');
    teams = { own: await teamFixture(a.teamA), other: await teamFixture(a.teamB) };
  });
  afterAll(() => a.destroy());

  test('every console route has a rule, and every rule a route', () => {
    const served = a.app.routes
      .filter((route) => route.path.startsWith('/admin') && route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect([...new Set(served)].sort()).toEqual([...Object.keys(RULES), SIGN_IN].sort());
  });

  const cells = Object.entries(RULES).flatMap(([route, rule]) => {
    const sides: TeamSide[] = route.includes('{teamId}') ? ['own', 'other'] : ['own'];
    if (rule.foreign !== undefined) sides.push('foreign');
    return CALLERS.flatMap((caller) =>
      sides.map((side) => {
        const status = expected(rule, caller, side);
        return [caller, side, route, status, { route, rule, caller, side, status }] as const;
      }),
    );
  });

  test.each(cells)('%s on %s team: %s → %d', async (_caller, _side, _route, _status, cell) => {
    const [method = '', template = ''] = cell.route.split(' ');
    const request =
      (await cell.rule.request?.(cell.side === 'own' ? teams.own : teams.other)) ?? {};
    const teamId = cell.side === 'other' ? teams.other.teamId : teams.own.teamId;
    const params: Record<string, string | number> = { teamId, ...request.params };
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      String(defined(params[name], `{${name}}`)),
    );
    const refused = cell.rule.role === 'admin' && cell.status !== cell.rule.ok;
    const before = refused ? await snapshot(a.t.core.db) : undefined;
    const res = await send(cell.caller, method, path, request.form);
    expect(res.status, await res.clone().text()).toBe(cell.status);
    if (before === undefined) return;
    expect(await snapshot(a.t.core.db)).toEqual(before);
    if (res.status === 303) {
      const signIn =
        cell.caller === 'revoked' ? '/admin/sign-in?notice=sessionEnded' : '/admin/sign-in';
      expect(res.headers.get('location')).toBe(signIn);
    }
  });

  test.each(
    CALLERS.map(
      (caller) =>
        [
          caller,
          caller === 'admin' ? 303 : caller === 'manager' || caller === 'rep' ? 403 : 401,
        ] as const,
    ),
  )('%s signs in → %d, and only an admin gets a session', async (caller, status) => {
    const form = await a.app.request('/admin/sign-in');
    const token = csrfOf(await form.text());
    const cookie = defined(
      form.headers.getSetCookie().find((c) => c.startsWith(`${SIGN_IN_COOKIE}=`)),
      'sign-in cookie',
    ).split(';')[0];
    const key = caller === 'none' ? '' : a.keys[caller];
    const res = await a.app.request('/admin/sign-in', {
      method: 'POST',
      headers: { cookie: defined(cookie), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [CSRF_FIELD]: token, key }).toString(),
    });
    expect(res.status).toBe(status);
    const session = res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toBe(caller === 'admin');
  });
});
