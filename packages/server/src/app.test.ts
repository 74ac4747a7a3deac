import { createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from './app';

describe.each(testDialects())('API basics on %s', (dialect) => {
  let a: TestApp;
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp });
  });
  afterEach(() => a.destroy());

  test('healthz answers without a key, with the deferred work waiting', async () => {
    const res = await a.app.request('/healthz');
    expect(await res.json()).toEqual({
      ok: true,
      dialect,
      deferred: { queued: 0, failing: 0, oldestAgeMs: 0, byPlugin: {} },
    });
  });

  test('no key, an unknown key and a revoked key are 401 problems', async () => {
    for (const res of [
      await a.call('none', 'GET', '/v1/me'),
      await a.call('revoked', 'GET', '/v1/me'),
      await a.app.request('/v1/me', { headers: { authorization: 'Bearer gx_nope' } }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toMatchObject({ status: 401, code: 'GX_ERR_UNAUTHENTICATED' });
    }
  });

  test('/v1/me names the caller and their teams', async () => {
    const res = await a.call('manager', 'GET', '/v1/me');
    expect(await res.json()).toMatchObject({
      user: { name: 'manager' },
      teams: [{ id: a.teamA, role: 'manager' }],
    });
  });

  test('a customer round trip: create, read, search, patch, order, card', async () => {
    const created = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, {
      kind: 'person',
      name: 'Lin Hua',
      emails: ['Lin.Hua@Example.com'],
    });
    expect(created.status).toBe(201);
    const customer = (await created.json()) as { id: number };
    const got = await a.call('rep', 'GET', `/v1/teams/${a.teamA}/customers/${customer.id}`);
    expect(await got.json()).toMatchObject({
      name: 'Lin Hua',
      identities: [{ value: 'lin.hua@example.com' }],
    });
    const search = await a.call('rep', 'GET', `/v1/teams/${a.teamA}/customers?q=hua`);
    expect(await search.json()).toMatchObject({ items: [{ id: customer.id }], next: null });
    const order = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/orders`, {
      customerId: customer.id,
      amount: 1999,
      placedAt: '2025-01-01',
      externalId: 'web-1',
    });
    expect(order.status).toBe(201);
    const again = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/orders`, {
      customerId: customer.id,
      amount: 1999,
      placedAt: '2025-01-01',
      externalId: 'web-1',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    const card = await a.call('rep', 'GET', '/v1/context?email=lin.hua@example.com', undefined, {
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
    });
    expect(card.headers.get('content-language')).toBe('zh-CN');
    expect(await card.json()).toMatchObject({
      teamId: a.teamA,
      match: 'exact',
      card: {
        stage: { value: 'active', label: '现实客户' },
        facts: { orderCount: 1, revenue: 1999 },
      },
    });
  });

  test('another team’s customer is 404, never 403', async () => {
    const res = await a.call('otherRep', 'POST', `/v1/teams/${a.teamB}/customers`, {
      kind: 'person',
      name: 'B',
    });
    const { id } = (await res.json()) as { id: number };
    for (const path of [
      `/v1/teams/${a.teamB}/customers/${id}`,
      `/v1/teams/${a.teamA}/customers/${id}`,
    ]) {
      const cross = await a.call('rep', 'GET', path);
      expect(cross.status).toBe(404);
    }
  });

  test('a rep may not change plugins: 403', async () => {
    const res = await a.call('rep', 'PUT', `/v1/teams/${a.teamA}/plugins/anything`, {
      enabled: true,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
  });

  test('bad input is a 400 naming the field', async () => {
    const res = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, {
      kind: 'person',
      name: 'x'.repeat(201),
      emails: ['nope'],
      colour: 'red',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string; pointer: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['colour', 'emails.0', 'name']);
    expect(body.errors.find((e) => e.path === 'emails.0')?.pointer).toBe('/emails/0');
  });
});
