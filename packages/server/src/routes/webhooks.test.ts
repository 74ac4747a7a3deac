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

const HOOK = { url: 'https://crm.example.cn/hooks', events: ['customer:created'] };

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/teams/{A}/webhooks', role: 'manager' },
  { method: 'POST', path: '/v1/teams/{A}/webhooks', role: 'admin', body: HOOK },
  { method: 'GET', path: '/v1/teams/{A}/webhooks/{hook}', role: 'admin' },
  { method: 'DELETE', path: '/v1/teams/{A}/webhooks/{hook}', role: 'admin' },
  { method: 'GET', path: '/v1/teams/{A}/webhooks/{hook}/deliveries', role: 'manager' },
  { method: 'POST', path: '/v1/teams/{A}/webhooks/{hook}/rotate-secret', role: 'admin' },
  { method: 'POST', path: '/v1/teams/{A}/webhooks/{hook}/enable', role: 'admin' },
  {
    method: 'POST',
    path: '/v1/teams/{A}/webhooks/{hook}/deliveries/{delivery}/resend',
    role: 'admin',
  },
];

/** The fields of a webhook besides its id, team, URL and events, while it is active. */
const ACTIVE = {
  active: true,
  createdAt: expect.any(String),
  disabledReason: null,
  disabledAt: null,
  failingSince: null,
  previousSecretExpiresAt: null,
};

interface Webhook {
  id: number;
  active: boolean;
  secret?: string;
}

describe.each(testDialects())('webhook routes on %s', (dialect) => {
  let a: TestApp;
  let ids: Record<string, number>;
  const send = (caller: Caller, method: string, path: string, body?: unknown) =>
    a.call(caller, method, fill(path, ids), body);

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    const { webhooks, customers, db } = a.t.core;
    const hook = (await webhooks.create(a.teamA, HOOK, 'test')).id;
    const otherHook = (await webhooks.create(a.teamB, HOOK, 'test')).id;
    await customers.create(a.teamA, { kind: 'person', name: 'Sent' });
    await customers.create(a.teamB, { kind: 'person', name: 'Theirs' });
    const outbox = await db.selectFrom('outbox').select(['id', 'webhook_id']).execute();
    const messageTo = (webhookId: number) =>
      defined(outbox.find((row) => row.webhook_id === webhookId)).id;
    ids = {
      ...fixtureIds(a),
      hook,
      otherHook,
      delivery: messageTo(hook),
      otherDelivery: messageTo(otherHook),
    };
  });
  afterAll(() => a.destroy());

  describe('happy paths', () => {
    test('POST /webhooks subscribes a URL and shows the signing secret once', async () => {
      const created = await expectJson<Webhook>(
        await send('admin', 'POST', '/v1/teams/{A}/webhooks', {
          url: 'https://erp.example.cn/in',
          events: ['orders:recorded', 'customer:created', 'orders:recorded'],
        }),
        201,
      );
      expect(created).toEqual({
        id: expect.any(Number),
        teamId: ids.A,
        url: 'https://erp.example.cn/in',
        events: ['orders:recorded', 'customer:created'],
        ...ACTIVE,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
      });
      const [entry] = await a.t.core.audit.list(a.teamA, 1);
      expect(entry).toMatchObject({ action: 'webhook.created', entityId: String(created.id) });
      expect(JSON.stringify(entry)).not.toContain(defined(created.secret));
    });

    test('GET /webhooks lists subscriptions without secrets; GET one shows the secret', async () => {
      const { webhooks } = await expectJson<{ webhooks: Webhook[] }>(
        await send('manager', 'GET', '/v1/teams/{A}/webhooks'),
        200,
      );
      expect(webhooks[0]).toEqual({
        id: ids.hook,
        teamId: ids.A,
        url: HOOK.url,
        events: HOOK.events,
        ...ACTIVE,
      });
      expect(webhooks.every((w) => w.secret === undefined)).toBe(true);
      const one = await expectJson<Webhook>(
        await send('admin', 'GET', '/v1/teams/{A}/webhooks/{hook}'),
        200,
      );
      expect(one).toMatchObject({ id: ids.hook, secret: expect.stringMatching(/^whsec_/) });
    });

    test('GET /deliveries lists delivery attempts, newest first', async () => {
      await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Hooked' });
      const due = (await a.t.core.webhooks.claimDue()).filter((d) => d.webhookId === ids.hook);
      const delivery = defined(due[0], 'due delivery');
      await a.t.core.webhooks.recordAttempt(delivery, { status: 204, durationMs: 12 });
      const { deliveries } = await expectJson<{ deliveries: unknown[] }>(
        await send('manager', 'GET', '/v1/teams/{A}/webhooks/{hook}/deliveries'),
        200,
      );
      expect(deliveries).toEqual([
        {
          outboxId: delivery.outboxId,
          messageId: delivery.messageId,
          attempt: 1,
          status: 204,
          error: null,
          durationMs: 12,
          at: expect.any(String),
        },
      ]);
    });

    test('DELETE /webhooks/{webhookId} stops a subscription and keeps it listed', async () => {
      const { id } = await a.t.core.webhooks.create(a.teamA, HOOK, 'test');
      const stopped = await expectJson<Webhook>(
        await send('admin', 'DELETE', `/v1/teams/{A}/webhooks/${id}`),
        200,
      );
      expect(stopped).toMatchObject({ id, active: false, disabledReason: 'deactivated' });
      expect(stopped).not.toHaveProperty('secret');
      expect((await a.t.core.webhooks.get(a.teamA, id)).active).toBe(false);
    });

    test('POST /enable sends to a stopped subscription again', async () => {
      const { id } = await a.t.core.webhooks.create(a.teamA, HOOK, 'test');
      await a.t.core.webhooks.deactivate(a.teamA, id, 'test');
      const enabled = await expectJson<Webhook>(
        await send('admin', 'POST', `/v1/teams/{A}/webhooks/${id}/enable`),
        200,
      );
      expect(enabled).toEqual({ id, teamId: ids.A, ...HOOK, ...ACTIVE });
      expect((await a.t.core.audit.list(a.teamA, 1))[0]).toMatchObject({
        action: 'webhook.enabled',
        actor: `user:${a.userIds.admin}`,
      });
    });

    test('POST /rotate-secret answers the new secret; the old one signs for a day more', async () => {
      const { id, secret } = await a.t.core.webhooks.create(a.teamA, HOOK, 'test');
      const rotated = await expectJson<Webhook>(
        await send('admin', 'POST', `/v1/teams/{A}/webhooks/${id}/rotate-secret`),
        200,
      );
      const expires = new Date(a.t.clock.now().getTime() + 86_400_000).toISOString();
      expect(rotated).toEqual({
        id,
        teamId: ids.A,
        ...HOOK,
        ...ACTIVE,
        previousSecretExpiresAt: expires,
        secret: expect.stringMatching(/^whsec_/),
      });
      expect(rotated.secret).not.toBe(secret);
      expect((await a.t.core.webhooks.get(a.teamA, id)).secret).toBe(rotated.secret);
      const [entry] = await a.t.core.audit.list(a.teamA, 1);
      expect(entry).toMatchObject({ action: 'webhook.secretRotated', entityId: String(id) });
      expect(JSON.stringify(entry)).not.toContain(secret);
      expect(JSON.stringify(entry)).not.toContain(defined(rotated.secret));
    });

    test('POST /deliveries/{outboxId}/resend queues the message again under its id', async () => {
      const resent = await expectJson<{ outboxId: number; messageId: string }>(
        await send('admin', 'POST', '/v1/teams/{A}/webhooks/{hook}/deliveries/{delivery}/resend'),
        202,
      );
      const rows = await a.t.core.db
        .selectFrom('outbox')
        .select(['id', 'message_id', 'payload', 'attempts'])
        .where('id', 'in', [ids.delivery as number, resent.outboxId])
        .orderBy('id')
        .execute();
      expect(rows).toHaveLength(2);
      expect(rows[1]).toEqual({
        id: resent.outboxId,
        message_id: resent.messageId,
        payload: rows[0]?.payload,
        attempts: 0,
      });
      expect(resent.messageId).toBe(rows[0]?.message_id);
    });

    test('a stopped subscription resends nothing: 409 naming webhookId', async () => {
      const { id } = await a.t.core.webhooks.create(a.teamA, HOOK, 'test');
      await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Late' });
      const message = await a.t.core.db
        .selectFrom('outbox')
        .select('id')
        .where('webhook_id', '=', id)
        .executeTakeFirstOrThrow();
      await a.t.core.webhooks.deactivate(a.teamA, id, 'test');
      const path = `/v1/teams/{A}/webhooks/${id}/deliveries/${message.id}/resend`;
      const res = await unchanged(a, () => send('admin', 'POST', path));
      const problem = await expectProblem(res, 409, 'GX_ERR_CONFLICT');
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'webhookId' })]);
    });
  });

  test.each<[unknown, string]>([
    [{ events: HOOK.events }, 'url'],
    [{ url: HOOK.url }, 'events'],
    [{ ...HOOK, url: 42 }, 'url'],
    [{ ...HOOK, url: 'not a url' }, 'url'],
    [{ ...HOOK, url: 'ftp://crm.example.cn/hooks' }, 'url'],
    [{ ...HOOK, url: `https://crm.example.cn/${'x'.repeat(2000)}` }, 'url'],
    [{ ...HOOK, events: 'customer:created' }, 'events'],
    [{ ...HOOK, events: [] }, 'events'],
    [{ ...HOOK, events: Array(51).fill('customer:created') }, 'events'],
    [{ ...HOOK, events: ['customer:deleted'] }, 'events.0'],
    [{ ...HOOK, events: ['x'.repeat(101)] }, 'events.0'],
    [{ ...HOOK, secret: 'mine' }, 'secret'],
  ])('POST /webhooks %j → 400 naming %s, nothing stored', async (body, field) => {
    const res = await unchanged(a, () => send('admin', 'POST', '/v1/teams/{A}/webhooks', body));
    await expectInvalid(res, field);
  });

  test.each([
    ['GET', '/v1/teams/{A}/webhooks/abc'],
    ['DELETE', '/v1/teams/{A}/webhooks/0'],
    ['GET', '/v1/teams/{A}/webhooks/1.5/deliveries'],
    ['POST', '/v1/teams/{A}/webhooks/x/rotate-secret'],
    ['POST', '/v1/teams/{A}/webhooks/-1/enable'],
  ])('%s %s → 400 naming webhookId', async (method, path) => {
    await expectInvalid(await unchanged(a, () => send('admin', method, path)), 'webhookId');
  });

  test('POST a resend of a delivery that is no number → 400 naming outboxId', async () => {
    const path = '/v1/teams/{A}/webhooks/{hook}/deliveries/first/resend';
    await expectInvalid(await unchanged(a, () => send('admin', 'POST', path)), 'outboxId');
  });

  test.each<Call>([
    ['admin', 'GET', '/v1/teams/{A}/webhooks/{otherHook}'],
    ['admin', 'DELETE', '/v1/teams/{A}/webhooks/{otherHook}'],
    ['admin', 'GET', '/v1/teams/{A}/webhooks/{otherHook}/deliveries'],
    ['admin', 'POST', '/v1/teams/{A}/webhooks/{otherHook}/rotate-secret'],
    ['admin', 'POST', '/v1/teams/{A}/webhooks/{otherHook}/enable'],
    ['admin', 'POST', '/v1/teams/{A}/webhooks/{otherHook}/deliveries/{otherDelivery}/resend'],
    ['admin', 'POST', '/v1/teams/{A}/webhooks/{hook}/deliveries/{otherDelivery}/resend'],
    ['admin', 'GET', '/v1/teams/{A}/webhooks/999999'],
    ['admin', 'GET', '/v1/teams/{B}/webhooks'],
    ['admin', 'POST', '/v1/teams/{B}/webhooks', HOOK],
    ['admin', 'GET', '/v1/teams/{B}/webhooks/{otherHook}'],
    ...byCallers(['otherRep'], ROUTES),
  ])('%s %s %s → 404, never 403, nothing changed', async (caller, method, path, body) => {
    await expectProblem(await unchanged(a, () => send(caller, method, path, body)), 404);
  });

  test.each([
    ...byCallers(['rep'], ROUTES),
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
