import type { AnyPlugin, Role } from '@guanxi/core';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import {
  type Caller,
  createTestApp,
  defined,
  expectProblem,
  flakyPlugin,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * Every route of the API and of every bundled plugin, called by every kind of caller on
 * their own team and on another team. The routes are read from the app itself, so a new
 * route without a row below fails the first test.
 */

/**
 * `own`: the caller's team and its resources; `other`: another team's path; `foreign`: the
 * caller's team in the path, another team's resources in the request (ids in the path or body).
 */
type TeamSide = 'own' | 'other' | 'foreign';

interface Request {
  /** Path parameters other than teamId, by name. */
  readonly params?: Readonly<Record<string, string | number>>;
  /** The query string; `{teamId}` in it is the path's team. */
  readonly query?: string;
  readonly body?: unknown;
}

interface RouteRule {
  /** The least role that may call it; `public` needs no key. */
  readonly role: Role | 'public';
  /** What an allowed caller gets for the request below. */
  readonly ok: number;
  /** A valid request in the team; may create what it needs there first (a fresh member to remove). */
  readonly request?: (team: TeamFixture) => Request | Promise<Request>;
  /**
   * What an allowed caller gets when the request names another team's resources: 404 for
   * an id in the path (and most plugins' bodies), 400 naming the field where the core
   * checks a batch's references. Absent when the request names none.
   */
  readonly foreign?: 400 | 404;
}

/** One team's resources, and how to make fresh ones for requests that use them up. */
interface TeamFixture {
  readonly teamId: number;
  /** A key of an admin of this team, for setting up resources through the API. */
  readonly adminKey: string;
  readonly customerId: number;
  readonly email: string;
  readonly memberId: number;
  readonly webhookId: number;
  /** A message queued for that webhook. */
  readonly outboxId: number;
  readonly complaintId: number;
  readonly playbookId: number;
  readonly rewardId: number;
  readonly fresh: {
    unique(prefix: string): string;
    customer(): Promise<number>;
    order(): Promise<number>;
    identity(): Promise<string>;
    member(): Promise<number>;
    key(): Promise<number>;
    webhook(): Promise<number>;
    failure(): Promise<number>;
    complaint(): Promise<number>;
    churned(): Promise<{ customerId: number; playbookId: number }>;
  };
}

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;

/** The request and the status an allowed caller gets, by `METHOD /path` as the app names it. */
const RULES: Readonly<Record<string, RouteRule>> = {
  'GET /v1/openapi.json': { role: 'public', ok: 200 },
  'GET /v1/docs': { role: 'public', ok: 200 },
  'GET /v1/me': { role: 'rep', ok: 200 },
  'POST /v1/teams': {
    role: 'admin',
    ok: 201,
    request: (t) => ({ body: { name: 'New team', slug: t.fresh.unique('team') } }),
  },
  'GET /v1/context': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ query: `teamId={teamId}&customerId=${t.customerId}` }),
  },
  'GET /v1/teams/{teamId}': { role: 'rep', ok: 200 },
  'PATCH /v1/teams/{teamId}': {
    role: 'admin',
    ok: 200,
    request: () => ({ body: { timeZone: 'Asia/Tokyo' } }),
  },
  'GET /v1/teams/{teamId}/members': { role: 'rep', ok: 200 },
  'POST /v1/teams/{teamId}/members': {
    role: 'admin',
    ok: 201,
    request: (t) => ({
      body: { email: `${t.fresh.unique('m')}@guanxi.test`, name: 'New', role: 'rep' },
    }),
  },
  'PUT /v1/teams/{teamId}/members/{userId}': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId }, body: { role: 'manager' } }),
  },
  'DELETE /v1/teams/{teamId}/members/{userId}': {
    role: 'admin',
    ok: 204,
    foreign: 404,
    request: async (t) => ({ params: { userId: await t.fresh.member() } }),
  },
  'GET /v1/teams/{teamId}/members/{userId}/keys': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId } }),
  },
  'POST /v1/teams/{teamId}/members/{userId}/keys': {
    role: 'admin',
    ok: 201,
    foreign: 404,
    request: (t) => ({ params: { userId: t.memberId }, body: { name: 'CLI' } }),
  },
  'DELETE /v1/teams/{teamId}/keys/{keyId}': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { keyId: await t.fresh.key() } }),
  },
  'GET /v1/teams/{teamId}/customers': { role: 'rep', ok: 200 },
  'POST /v1/teams/{teamId}/customers': {
    role: 'rep',
    ok: 201,
    request: () => ({ body: { kind: 'person', name: 'New' } }),
  },
  'POST /v1/teams/{teamId}/customers/batch': {
    role: 'rep',
    ok: 201,
    request: () => ({ body: { customers: [{ kind: 'company', name: 'New Co' }] } }),
  },
  'GET /v1/teams/{teamId}/customers/{customerId}': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'PATCH /v1/teams/{teamId}/customers/{customerId}': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId }, body: { name: 'Renamed' } }),
  },
  'POST /v1/teams/{teamId}/customers/{customerId}/identities': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({
      params: { customerId: t.customerId },
      body: { emails: [`${t.fresh.unique('id')}@guanxi.test`] },
    }),
  },
  'DELETE /v1/teams/{teamId}/identities': {
    role: 'rep',
    ok: 204,
    foreign: 404,
    request: async (t) => ({ query: `email=${await t.fresh.identity()}` }),
  },
  'POST /v1/teams/{teamId}/customers/{customerId}/transitions': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: async (t) => ({
      params: { customerId: await t.fresh.customer() },
      body: { to: 'target', reason: 'qualified' },
    }),
  },
  'GET /v1/teams/{teamId}/customers/{customerId}/history': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'GET /v1/teams/{teamId}/customers/{customerId}/facts': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'GET /v1/teams/{teamId}/customers/{customerId}/orders': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'GET /v1/teams/{teamId}/customers/{customerId}/interactions': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'GET /v1/teams/{teamId}/customers/{customerId}/export': {
    role: 'manager',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },
  'POST /v1/teams/{teamId}/customers/{customerId}/erase': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { customerId: await t.fresh.customer() } }),
  },
  'POST /v1/teams/{teamId}/orders': {
    role: 'rep',
    ok: 201,
    foreign: 400,
    request: (t) => ({
      body: { customerId: t.customerId, amount: 100, placedAt: '2024-01-01' },
    }),
  },
  'POST /v1/teams/{teamId}/orders/batch': {
    role: 'rep',
    ok: 201,
    foreign: 400,
    request: (t) => ({
      body: { orders: [{ customerId: t.customerId, amount: 100, placedAt: '2024-01-02' }] },
    }),
  },
  'POST /v1/teams/{teamId}/interactions': {
    role: 'rep',
    ok: 201,
    foreign: 400,
    request: (t) => ({
      body: {
        customerId: t.customerId,
        channel: 'visit',
        direction: 'outbound',
        summary: 'Dropped by',
        occurredAt: '2024-01-01',
      },
    }),
  },
  'GET /v1/teams/{teamId}/plugins': { role: 'rep', ok: 200 },
  'PUT /v1/teams/{teamId}/plugins/{pluginId}': {
    role: 'admin',
    ok: 200,
    request: () => ({ params: { pluginId: 'flaky' }, body: { enabled: true } }),
  },
  'GET /v1/teams/{teamId}/hook-failures': { role: 'manager', ok: 200 },
  'POST /v1/teams/{teamId}/hook-failures/{failureId}/replay': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { failureId: await t.fresh.failure() } }),
  },
  'GET /v1/teams/{teamId}/audit': { role: 'manager', ok: 200 },
  'GET /v1/teams/{teamId}/webhooks': { role: 'manager', ok: 200 },
  'POST /v1/teams/{teamId}/webhooks': {
    role: 'admin',
    ok: 201,
    request: () => ({
      body: { url: 'https://crm.example.cn/hooks', events: ['customer:created'] },
    }),
  },
  'GET /v1/teams/{teamId}/webhooks/{webhookId}': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { webhookId: t.webhookId } }),
  },
  'DELETE /v1/teams/{teamId}/webhooks/{webhookId}': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.fresh.webhook() } }),
  },
  'GET /v1/teams/{teamId}/webhooks/{webhookId}/deliveries': {
    role: 'manager',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { webhookId: t.webhookId } }),
  },
  'POST /v1/teams/{teamId}/webhooks/{webhookId}/rotate-secret': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { webhookId: await t.fresh.webhook() } }),
  },
  'POST /v1/teams/{teamId}/webhooks/{webhookId}/enable': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { webhookId: t.webhookId } }),
  },
  'POST /v1/teams/{teamId}/webhooks/{webhookId}/deliveries/{outboxId}/resend': {
    role: 'admin',
    ok: 202,
    foreign: 404,
    request: (t) => ({ params: { webhookId: t.webhookId, outboxId: t.outboxId } }),
  },

  'POST /v1/teams/{teamId}/plugins/service/complaints': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: (t) => ({
      body: { customerId: t.customerId, cause: 'product_quality', summary: 'Broken on arrival' },
    }),
  },
  'GET /v1/teams/{teamId}/plugins/service/complaints': { role: 'rep', ok: 200 },
  'GET /v1/teams/{teamId}/plugins/service/complaints/{id}': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { id: t.complaintId } }),
  },
  'POST /v1/teams/{teamId}/plugins/service/complaints/{id}/steps': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: async (t) => ({
      params: { id: await t.fresh.complaint() },
      body: { to: 'recorded', valid: true },
    }),
  },
  'POST /v1/teams/{teamId}/plugins/service/surveys': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: (t) => ({ body: { customerId: t.customerId, kind: 'csat', score: 4 } }),
  },
  'GET /v1/teams/{teamId}/plugins/service/measures': { role: 'rep', ok: 200 },

  'POST /v1/teams/{teamId}/plugins/winback/signals': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: (t) => ({ body: { customerId: t.customerId, kind: 'rival_offer' } }),
  },
  'GET /v1/teams/{teamId}/plugins/winback/customers/{customerId}/kind': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: async (t) => ({ params: { customerId: (await t.fresh.churned()).customerId } }),
  },
  'PUT /v1/teams/{teamId}/plugins/winback/customers/{customerId}/kind': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: async (t) => ({
      params: { customerId: (await t.fresh.churned()).customerId },
      body: { kind: 'competitive', reason: 'went to a rival' },
    }),
  },
  'GET /v1/teams/{teamId}/plugins/winback/playbooks': { role: 'rep', ok: 200 },
  'GET /v1/teams/{teamId}/plugins/winback/playbooks/{playbookId}': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { playbookId: t.playbookId } }),
  },
  'POST /v1/teams/{teamId}/plugins/winback/playbooks/{playbookId}/steps/{stepNo}/done': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: async (t) => ({
      params: { playbookId: (await t.fresh.churned()).playbookId, stepNo: 1 },
      body: { note: 'called' },
    }),
  },
  'GET /v1/teams/{teamId}/plugins/winback/report': { role: 'rep', ok: 200 },
  'GET /v1/teams/{teamId}/plugins/scoring/backtest': { role: 'rep', ok: 200 },

  'GET /v1/teams/{teamId}/plugins/loyalty/rewards': { role: 'rep', ok: 200 },
  'POST /v1/teams/{teamId}/plugins/loyalty/rewards': {
    role: 'admin',
    ok: 201,
    request: () => ({ body: { name: 'Tea set', cost: 1 } }),
  },
  'PATCH /v1/teams/{teamId}/plugins/loyalty/rewards/{rewardId}': {
    role: 'admin',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { rewardId: t.rewardId }, body: { name: 'Tea set for two' } }),
  },
  'POST /v1/teams/{teamId}/plugins/loyalty/redemptions': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: (t) => ({
      body: {
        customerId: t.customerId,
        rewardId: t.rewardId,
        idempotencyKey: t.fresh.unique('redeem'),
      },
    }),
  },
  'POST /v1/teams/{teamId}/plugins/loyalty/refunds': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: async (t) => ({ body: { orderId: await t.fresh.order() } }),
  },
  'POST /v1/teams/{teamId}/plugins/loyalty/bonuses': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: (t) => ({
      body: { customerId: t.customerId, kind: 'referral', reference: t.fresh.unique('ref') },
    }),
  },
  'POST /v1/teams/{teamId}/plugins/loyalty/adjustments': {
    role: 'manager',
    ok: 201,
    foreign: 404,
    request: (t) => ({ body: { customerId: t.customerId, points: 5, reason: 'goodwill' } }),
  },
  'POST /v1/teams/{teamId}/plugins/loyalty/orders/{orderId}/discount': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: async (t) => ({ params: { orderId: await t.fresh.order() }, body: {} }),
  },
  'POST /v1/teams/{teamId}/plugins/loyalty/attitudes': {
    role: 'rep',
    ok: 201,
    foreign: 404,
    request: (t) => ({ body: { customerId: t.customerId, score: 4 } }),
  },
  'GET /v1/teams/{teamId}/plugins/loyalty/customers/{customerId}': {
    role: 'rep',
    ok: 200,
    foreign: 404,
    request: (t) => ({ params: { customerId: t.customerId } }),
  },

  'POST /v1/teams/{teamId}/plugins/example-scorer/payments': {
    role: 'rep',
    ok: 201,
    foreign: 400,
    request: (t) => ({
      body: {
        payments: [
          {
            customerId: t.customerId,
            invoiceRef: t.fresh.unique('inv'),
            amount: 5_000,
            dueAt: '2024-03-10',
            paidAt: '2024-03-09',
          },
        ],
      },
    }),
  },
  'POST /v1/teams/{teamId}/plugins/example-scorer/discounts': {
    role: 'rep',
    ok: 201,
    foreign: 400,
    request: (t) => ({
      body: {
        discounts: [
          {
            customerId: t.customerId,
            orderRef: t.fresh.unique('ord'),
            amount: 100,
            grantedAt: '2024-03-01',
          },
        ],
      },
    }),
  },
};

const RANK: Readonly<Record<Role, number>> = { rep: 0, manager: 1, admin: 2 };
const ROLE_OF: Readonly<Partial<Record<Caller, Role>>> = {
  admin: 'admin',
  manager: 'manager',
  rep: 'rep',
};
const CALLERS: readonly Caller[] = ['admin', 'manager', 'rep', 'revoked', 'none'];

const flaky = { healthy: true };
const PLUGINS: readonly AnyPlugin[] = [...bundled, flakyPlugin(flaky)];

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * Every route under /v1 the app serves, API and plugins, as `METHOD /path/{param}`: as Hono
 * registered them, and as the installed plugins define theirs. The docs page's files are not
 * API routes.
 */
function servedRoutes(a: TestApp<GuanxiApp>): string[] {
  const api = a.app.routes
    .filter(
      (route) =>
        route.path.startsWith('/v1/') &&
        !route.path.startsWith('/v1/docs/') &&
        route.method !== 'ALL',
    )
    .map((route) => `${route.method} ${openApiPath(route.path)}`);
  const plugins = a.t.core.installed.flatMap((plugin: AnyPlugin) =>
    (plugin.routes ?? []).map(
      (route) =>
        `${route.method.toUpperCase()} /v1/teams/{teamId}/plugins/${plugin.id}${route.path}`,
    ),
  );
  return [...new Set([...api, ...plugins])].sort();
}

/** What the caller must get: 401 without a valid key, 404 in a team not theirs, 403 below the role. */
function expected(rule: RouteRule, caller: Caller, side: TeamSide): number {
  if (rule.role === 'public') return rule.ok;
  const role = ROLE_OF[caller];
  if (role === undefined) return 401;
  if (side === 'other') return 404;
  if (RANK[role] < RANK[rule.role]) return 403;
  return side === 'foreign' ? (rule.foreign as number) : rule.ok;
}

const CODES: Readonly<Record<number, string>> = {
  401: 'GX_ERR_UNAUTHENTICATED',
  403: 'GX_ERR_FORBIDDEN',
  404: 'GX_ERR_NOT_FOUND',
};

describe.each(testDialects())('authorization of every route on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let teams: { own: TeamFixture; other: TeamFixture };
  let serial = 0;

  const send = async (key: string | undefined, method: string, path: string, body?: unknown) =>
    a.app.request(path, {
      method,
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Team A's resources are the callers' own; team B's, with its own admin, are another team's. */
  async function teamFixture(teamId: number, adminKey: string): Promise<TeamFixture> {
    const { core } = a.t;
    const unique = (prefix: string) => {
      serial += 1;
      return `${prefix}-${teamId}-${serial}`;
    };
    const asAdmin = async (method: string, path: string, body?: unknown) => {
      const res = await send(adminKey, method, `/v1/teams/${teamId}${path}`, body);
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
      return json(res);
    };
    const customer = async () =>
      (await core.customers.create(teamId, { kind: 'person', name: unique('Customer') })).id;
    const order = async (customerId: number) => {
      const { recorded } = await core.orders.record(teamId, [
        { customerId, amount: 10_000, placedAt: '2024-02-01' },
      ]);
      return defined(recorded[0], 'order').id;
    };
    const member = async () => {
      const user = await core.users.create({ email: `${unique('u')}@guanxi.test`, name: 'U' });
      await core.users.setRole(teamId, user.id, 'rep');
      return user.id;
    };
    const churned = async () => {
      const customerId = await customer();
      await order(customerId);
      await core.lifecycle.transition(teamId, customerId, {
        to: 'churned',
        reason: 'stopped buying',
        actor: 'test',
      });
      const { playbooks } = (await asAdmin(
        'GET',
        `/plugins/winback/playbooks?customerId=${customerId}`,
      )) as { playbooks: { id: number }[] };
      return { customerId, playbookId: defined(playbooks[0], 'playbook').id };
    };
    const complaint = async () => {
      const opened = await asAdmin('POST', '/plugins/service/complaints', {
        customerId: await customer(),
        cause: 'service_attitude',
        summary: 'Kept waiting',
      });
      return opened.id as number;
    };

    const customerId = await customer();
    const email = `${unique('c')}@guanxi.test`;
    await core.customers.addIdentities(teamId, customerId, { emails: [email] });
    await order(customerId);
    const memberId = await member();
    const { reward } = (await asAdmin('POST', '/plugins/loyalty/rewards', {
      name: 'Mug',
      cost: 1,
    })) as { reward: { id: number } };
    await asAdmin('POST', '/plugins/loyalty/adjustments', {
      customerId,
      points: 1_000,
      reason: 'opening balance',
    });
    const webhook = async () =>
      (
        await core.webhooks.create(
          teamId,
          { url: 'https://crm.example.cn/in', events: ['orders:recorded'] },
          'test',
        )
      ).id;
    const webhookId = await webhook();
    await order(customerId);
    const message = await core.db
      .selectFrom('outbox')
      .select('id')
      .where('webhook_id', '=', webhookId)
      .executeTakeFirstOrThrow();
    return {
      teamId,
      adminKey,
      customerId,
      email,
      memberId,
      webhookId,
      outboxId: message.id,
      complaintId: await complaint(),
      playbookId: (await churned()).playbookId,
      rewardId: reward.id,
      fresh: {
        unique,
        customer,
        order: async () => order(customerId),
        identity: async () => {
          const fresh = `${unique('i')}@guanxi.test`;
          await core.customers.addIdentities(teamId, customerId, { emails: [fresh] });
          return fresh;
        },
        member,
        key: async () => (await core.apiKeys.create(await member(), 'spare')).id,
        webhook,
        failure: async () => {
          flaky.healthy = false;
          await order(customerId);
          flaky.healthy = true;
          const [failure] = await core.hookFailures.list(teamId, { pending: true });
          return defined(failure, 'hook failure').id;
        },
        complaint,
        churned,
      },
    };
  }

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: PLUGINS, app: appUnderTest() });
    const { core } = a.t;
    for (const teamId of [a.teamA, a.teamB])
      for (const plugin of PLUGINS) await core.plugins.enable(teamId, plugin.id, 'test');
    const adminB = await core.users.create({ email: 'admin-b@guanxi.test', name: 'Admin B' });
    await core.users.setRole(a.teamB, adminB.id, 'admin');
    teams = {
      own: await teamFixture(a.teamA, a.keys.admin),
      other: await teamFixture(a.teamB, (await core.apiKeys.create(adminB.id, 'setup')).key),
    };
  }, 60_000);
  afterAll(() => a.destroy());

  test('every route the app serves has a rule, and every rule a route', () => {
    expect(servedRoutes(a)).toEqual(Object.keys(RULES).sort());
  });

  const cells = Object.entries(RULES).flatMap(([route, rule]) => {
    const sides: TeamSide[] =
      route.includes('{teamId}') || route === 'GET /v1/context' ? ['own', 'other'] : ['own'];
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
    const team = cell.side === 'own' ? teams.own : teams.other;
    const request = (await cell.rule.request?.(team)) ?? {};
    const teamId = cell.side === 'other' ? teams.other.teamId : teams.own.teamId;
    const params: Record<string, string | number> = { teamId, ...request.params };
    const fill = (text: string) =>
      text.replace(/\{(\w+)\}/g, (_, name: string) => String(defined(params[name], `{${name}}`)));
    const path = fill(template) + (request.query === undefined ? '' : `?${fill(request.query)}`);
    const key = cell.caller === 'none' ? undefined : a.keys[cell.caller];
    const call = () => send(key, method, path, request.body);
    if (cell.status >= 400) {
      const res = await unchanged(a, call);
      const problem = await expectProblem(res, cell.status, CODES[cell.status]);
      if (cell.status === 403) expect(problem.detail).toMatch(/admin|manager/);
      return;
    }
    const res = await call();
    expect(res.status, await res.clone().text()).toBe(cell.status);
  });
});
