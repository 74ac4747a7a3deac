import type { Role } from '@guanxi/core';
import {
  addNote,
  type Caller,
  createTestApp,
  csrfOf,
  defined,
  flakyPlugin,
  ledgerPlugin,
  snapshot,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';
import { SESSION_COOKIE, SIGN_IN_COOKIE } from './cookies';
import { CSRF_FIELD, csrfTokenFor } from './csrf';

/**
 * Every route of the console, called with the session of every kind of caller on their own
 * team, another team, and their own team naming another team's resources. The routes are
 * read from the app, so a new page without a row below fails the first test.
 */

type TeamSide = 'own' | 'other' | 'foreign';

interface ConsoleRequest {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly form?: Readonly<Record<string, string>>;
  /** Sent as multipart/form-data with this CSV file. */
  readonly file?: string;
  /** Sent with a session of its own, begun for this request: signing out ends it. */
  readonly ownSession?: boolean;
}

const EVERYONE: readonly Role[] = ['admin', 'manager', 'rep'];
const MANAGERS: readonly Role[] = ['admin', 'manager'];
const ADMINS: readonly Role[] = ['admin'];

interface ConsoleRule {
  /** The roles that may use the route; `public` needs no session, `session` any one. */
  readonly roles: readonly Role[] | 'public' | 'session';
  /** What an allowed caller (or, for public routes, every caller) gets for the request below. */
  readonly ok: number;
  readonly request?: (team: TeamFixture) => ConsoleRequest | Promise<ConsoleRequest>;
  /** What an allowed caller gets when the request names another team's resource. */
  readonly foreign?: 404;
}

interface TeamFixture {
  readonly teamId: number;
  readonly memberId: number;
  /** A customer the team's rep owns. */
  readonly customerId: number;
  readonly repId: number;
  /** A stage the customer is not in now. */
  readonly otherStage: () => Promise<string>;
  readonly importId: number;
  readonly unique: (prefix: string) => string;
  readonly freshKey: () => Promise<number>;
  readonly freshWebhook: () => Promise<number>;
  /** A webhook with one message queued for it. */
  readonly webhookWithMessage: { readonly webhookId: number; readonly outboxId: number };
  readonly freshFailure: () => Promise<number>;
  readonly freshNote: () => Promise<number>;
}

const REJECTED_CSV = 'external_ref,kind,name\nc-1,person,Ok\nc-2,robot,Bad\n';

const RULES: Readonly<Record<string, ConsoleRule>> = {
  'GET /admin/sign-in': { roles: 'public', ok: 200 },
  'GET /admin/lang/{locale}': {
    roles: 'public',
    ok: 303,
    request: () => ({ params: { locale: 'en' } }),
  },
  'POST /admin/sign-out': { roles: 'public', ok: 303, request: () => ({ ownSession: true }) },
  'GET /admin': { roles: 'session', ok: 303 },
  'GET /admin/teams/{teamId}': { roles: EVERYONE, ok: 200 },
  'GET /admin/teams/{teamId}/customers': { roles: EVERYONE, ok: 200 },
  'GET /admin/teams/{teamId}/customers/export': { roles: EVERYONE, ok: 200 },
  'GET /admin/teams/{teamId}/customers/{customerId}': {
    roles: EVERYONE,
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'POST /admin/teams/{teamId}/customers/{customerId}/stage': {
    roles: EVERYONE,
    ok: 303,
    foreign: 404,
    request: async (t) => ({
      params: { customerId: t.customerId },
      form: { to: await t.otherStage(), reason: t.unique('no budget') },
    }),
  },
  'POST /admin/teams/{teamId}/customers/{customerId}/owner': {
    roles: MANAGERS,
    ok: 303,
    foreign: 404,
    request: (t) => ({
      params: { customerId: t.customerId },
      form: { ownerUserId: String(t.repId) },
    }),
  },
  'POST /admin/teams/{teamId}/customers/{customerId}/interactions': {
    roles: EVERYONE,
    ok: 303,
    foreign: 404,
    request: (t) => ({
      params: { customerId: t.customerId },
      form: {
        channel: 'phone',
        direction: 'outbound',
        summary: t.unique('call'),
        occurredAt: '2025-01-02T10:00',
      },
    }),
  },
  'GET /admin/teams/{teamId}/import': { roles: MANAGERS, ok: 200 },
  'POST /admin/teams/{teamId}/import': {
    roles: MANAGERS,
    ok: 303,
    request: () => ({ form: { kind: 'customers', encoding: 'utf-8' }, file: REJECTED_CSV }),
  },
  'GET /admin/teams/{teamId}/import/{importId}': {
    roles: MANAGERS,
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { importId: t.importId } }),
  },
  'GET /admin/teams/{teamId}/import/{importId}/rejects': {
    roles: MANAGERS,
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { importId: t.importId } }),
  },
  'GET /admin/teams/{teamId}/plugins/{pluginId}/{path}': {
    roles: MANAGERS,
    ok: 200,
    request: () => ({ params: { pluginId: 'ledger', path: 'book' } }),
  },
  'GET /admin/teams/{teamId}/plugins/{pluginId}/{path}/tables/{table}': {
    roles: MANAGERS,
    ok: 200,
    request: () => ({ params: { pluginId: 'ledger', path: 'book', table: 'notes' } }),
  },
  'POST /admin/teams/{teamId}/plugins/{pluginId}/{path}/actions/{action}': {
    roles: ADMINS,
    ok: 303,
    request: async (t) => ({
      params: { pluginId: 'ledger', path: 'book', action: 'remove' },
      form: { id: String(await t.freshNote()) },
    }),
  },
  'GET /admin/teams/{teamId}/members': { roles: ADMINS, ok: 200 },
  'POST /admin/teams/{teamId}/members': {
    roles: ADMINS,
    ok: 303,
    request: (t) => ({
      form: { email: `${t.unique('m')}@guanxi.test`, name: 'New', role: 'rep' },
    }),
  },
  'GET /admin/teams/{teamId}/members/{userId}': {
    roles: ADMINS,
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId } }),
  },
  'POST /admin/teams/{teamId}/members/{userId}/role': {
    roles: ADMINS,
    ok: 303,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId }, form: { role: 'manager' } }),
  },
  'POST /admin/teams/{teamId}/members/{userId}/keys': {
    roles: ADMINS,
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId }, form: { name: 'laptop' } }),
  },
  'POST /admin/teams/{teamId}/keys/{keyId}/revoke': {
    roles: ADMINS,
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { keyId: await t.freshKey() } }),
  },
  'GET /admin/teams/{teamId}/modules': { roles: ADMINS, ok: 200 },
  'POST /admin/teams/{teamId}/modules/{pluginId}/enabled': {
    roles: ADMINS,
    ok: 303,
    request: () => ({ params: { pluginId: 'flaky' }, form: { enabled: 'true' } }),
  },
  'POST /admin/teams/{teamId}/modules/{pluginId}/config': {
    roles: ADMINS,
    ok: 303,
    request: () => ({
      params: { pluginId: 'flaky' },
      form: { 'config.threshold': '4', 'config.label': 'ok' },
    }),
  },
  'GET /admin/teams/{teamId}/webhooks': { roles: ADMINS, ok: 200 },
  'POST /admin/teams/{teamId}/webhooks': {
    roles: ADMINS,
    ok: 200,
    request: () => ({ form: { url: 'https://crm.example.cn/in', events: 'customer:created' } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/deactivate': {
    roles: ADMINS,
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.freshWebhook() } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/enable': {
    roles: ADMINS,
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.freshWebhook() } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/rotate-secret': {
    roles: ADMINS,
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.freshWebhook() } }),
  },
  'POST /admin/teams/{teamId}/webhooks/{webhookId}/deliveries/{outboxId}/resend': {
    roles: ADMINS,
    ok: 303,
    foreign: 404,
    request: (t) => ({ params: t.webhookWithMessage }),
  },
  'GET /admin/teams/{teamId}/settings': { roles: ADMINS, ok: 200 },
  'POST /admin/teams/{teamId}/settings': {
    roles: ADMINS,
    ok: 303,
    request: () => ({ form: { name: 'Renamed', locale: 'en', timeZone: 'Asia/Tokyo' } }),
  },
  'GET /admin/teams/{teamId}/hook-failures': { roles: ADMINS, ok: 200 },
  'POST /admin/teams/{teamId}/hook-failures/{failureId}/replay': {
    roles: ADMINS,
    ok: 303,
    foreign: 404,
    request: async (t) => ({ params: { failureId: await t.freshFailure() } }),
  },
};

/** `otherRep` is another team's user; `revoked` signed in with a key since revoked. */
const CALLERS: readonly Caller[] = ['admin', 'manager', 'rep', 'otherRep', 'revoked', 'none'];

/** Signing in is a form round trip; its outcome depends on the key, as the test below shows. */
const SIGN_IN = 'POST /admin/sign-in';

const flaky = { healthy: true };

/**
 * What the caller's session gets: sign-in without one, 404 in a team that is not theirs (or
 * for another team's resource), 403 where their role does not reach, else the route's answer.
 */
function expected(rule: ConsoleRule, caller: Caller, side: TeamSide): number {
  if (rule.roles === 'public') return rule.ok;
  if (caller === 'none' || caller === 'revoked') return 303;
  if (rule.roles === 'session') return rule.ok;
  if (caller === 'otherRep' || side === 'other') return 404;
  if (!rule.roles.includes(caller as Role)) return 403;
  return side === 'foreign' ? (rule.foreign as number) : rule.ok;
}

describe.each(testDialects())('authorization of every console route on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let teams: { own: TeamFixture; other: TeamFixture };
  const sessions = new Map<Caller, string>();
  let serial = 0;

  /** A request as the caller's browser would send it: the session cookie, and the form token. */
  const send = async (caller: Caller, method: string, path: string, request: ConsoleRequest) => {
    const token =
      request.ownSession === true && caller !== 'none' && caller !== 'revoked'
        ? await begin(a.keys[caller])
        : sessions.get(caller);
    const fields = {
      ...(method === 'POST' && token !== undefined ? { [CSRF_FIELD]: csrfTokenFor(token) } : {}),
      ...request.form,
    };
    let body: string | FormData | undefined;
    if (method === 'POST' && request.file !== undefined) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new File([request.file], 'customers.csv', { type: 'text/csv' }));
      body = form;
    } else if (method === 'POST') {
      body = new URLSearchParams(fields).toString();
    }
    return a.app.request(path, {
      method,
      headers: {
        ...(token === undefined ? {} : { cookie: `${SESSION_COOKIE}=${token}` }),
        ...(method === 'POST' ? { origin: 'http://localhost' } : {}),
        ...(typeof body === 'string'
          ? { 'content-type': 'application/x-www-form-urlencoded' }
          : {}),
      },
      ...(body === undefined ? {} : { body }),
    });
  };

  async function teamFixture(teamId: number, repId: number): Promise<TeamFixture> {
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
    const customer = await core.customers.create(teamId, {
      kind: 'person',
      name: 'C',
      ownerUserId: repId,
    });
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
    const run = await core.imports.start(teamId, {
      kind: 'customers',
      fileName: 'customers.csv',
      encoding: 'utf-8',
      totalBytes: 10,
      actor: 'test',
    });
    await core.imports.finish(run.id, {
      rows: 1,
      imported: 0,
      duplicates: 0,
      rejected: 1,
      customersCreated: 0,
      ignoredColumns: [],
      rejects: 'line,field,reason\n2,kind,is wrong\n',
    });
    return {
      teamId,
      memberId: await member(),
      customerId: customer.id,
      repId,
      otherStage: async () =>
        (await core.customers.get(teamId, customer.id)).stage === 'target' ? 'potential' : 'target',
      importId: run.id,
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
      freshNote: () =>
        addNote(core.db, { teamId, customerId: customer.id, text: 'x', at: '2024-01-01' }),
    };
  }

  /** A session of the key's user, begun as sign-in begins one; its token. */
  async function begin(key: string): Promise<string> {
    const principal = defined(await a.t.core.apiKeys.authenticate(key), 'a valid key');
    return (await a.t.core.sessions.create(principal, { absoluteMs: 3_600_000 })).token;
  }

  beforeAll(async () => {
    a = await createTestApp({
      dialect,
      plugins: [flakyPlugin(flaky), ledgerPlugin],
      app: appUnderTest(),
    });
    const { core } = a.t;
    for (const teamId of [a.teamA, a.teamB]) {
      await core.plugins.enable(teamId, 'flaky', 'test');
      await core.plugins.enable(teamId, 'ledger', 'test');
    }
    teams = {
      own: await teamFixture(a.teamA, a.userIds.rep),
      other: await teamFixture(a.teamB, a.userIds.otherRep),
    };
    for (const caller of ['admin', 'manager', 'rep', 'otherRep'] as const) {
      sessions.set(caller, await begin(a.keys[caller]));
    }
    const spare = await core.apiKeys.create(a.userIds.revoked, 'soon revoked');
    sessions.set('revoked', await begin(spare.key));
    await core.apiKeys.revoke(spare.id);
  });
  afterAll(() => a.destroy());

  /** A console import runs in the background; the next cell waits for it to end. */
  async function importsSettled(): Promise<void> {
    for (const teamId of [a.teamA, a.teamB]) {
      for (let tries = 0; tries < 200; tries++) {
        const runs = await a.t.core.imports.list(teamId);
        if (runs.every((run) => run.status !== 'running')) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }

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
      sides
        .filter((side) => caller !== 'otherRep' || side === 'own')
        .map((side) => {
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
    const refused = cell.rule.roles !== 'public' && cell.status !== cell.rule.ok;
    const before = refused ? await snapshot(a.t.core.db) : undefined;
    const res = await send(cell.caller, method, path, request);
    expect(res.status, await res.clone().text()).toBe(cell.status);
    await importsSettled();
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
      (caller) => [caller, caller === 'none' || caller === 'revoked' ? 401 : 303] as const,
    ),
  )('%s signs in → %d, and every member of a team gets a session', async (caller, status) => {
    const form = await a.app.request('/admin/sign-in');
    const token = csrfOf(await form.text());
    const cookie = defined(
      form.headers.getSetCookie().find((c) => c.startsWith(`${SIGN_IN_COOKIE}=`)),
      'sign-in cookie',
    ).split(';')[0];
    const key = caller === 'none' ? '' : a.keys[caller];
    const res = await a.app.request('/admin/sign-in', {
      method: 'POST',
      headers: {
        cookie: defined(cookie),
        origin: 'http://localhost',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ [CSRF_FIELD]: token, key }).toString(),
    });
    expect(res.status).toBe(status);
    const session = res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toBe(status === 303);
  });
});
