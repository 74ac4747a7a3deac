import type { CustomerWithIdentities } from '@guanxi/core';
import {
  byCallers,
  type Call,
  type Caller,
  createTestApp,
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

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/teams/{A}/customers', role: 'rep' },
  {
    method: 'POST',
    path: '/v1/teams/{A}/customers',
    role: 'rep',
    body: { kind: 'person', name: 'X' },
  },
  {
    method: 'POST',
    path: '/v1/teams/{A}/customers/batch',
    role: 'rep',
    body: { customers: [{ kind: 'person', name: 'X' }] },
  },
  { method: 'GET', path: '/v1/teams/{A}/customers/{lin}', role: 'rep' },
  { method: 'PATCH', path: '/v1/teams/{A}/customers/{lin}', role: 'rep', body: { name: 'X' } },
  {
    method: 'POST',
    path: '/v1/teams/{A}/customers/{lin}/identities',
    role: 'rep',
    body: { emails: ['x@x.cn'] },
  },
  { method: 'DELETE', path: '/v1/teams/{A}/identities?email=lin@acme.cn', role: 'rep' },
  {
    method: 'POST',
    path: '/v1/teams/{A}/customers/{lin}/transitions',
    role: 'rep',
    body: { to: 'target', reason: 'qualified' },
  },
  { method: 'GET', path: '/v1/teams/{A}/customers/{lin}/history', role: 'rep' },
  { method: 'GET', path: '/v1/teams/{A}/customers/{lin}/facts', role: 'rep' },
  { method: 'GET', path: '/v1/teams/{A}/customers/{lin}/orders', role: 'rep' },
  { method: 'GET', path: '/v1/teams/{A}/customers/{lin}/interactions', role: 'rep' },
];

describe.each(testDialects())('customer routes on %s', (dialect) => {
  let a: TestApp;
  let ids: Record<string, number>;
  const send = (caller: Caller, method: string, path: string, body?: unknown) =>
    a.call(caller, method, fill(path, ids), body);
  const create = async (body: Record<string, unknown>) =>
    expectJson<CustomerWithIdentities>(
      await send('rep', 'POST', '/v1/teams/{A}/customers', body),
      201,
    );

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    const { customers } = a.t.core;
    const acme = await customers.create(a.teamA, {
      kind: 'company',
      name: 'Acme',
      domains: ['acme.cn'],
      externalRef: 'crm-1',
    });
    const lin = await customers.create(a.teamA, {
      kind: 'person',
      name: 'Lin Hua',
      emails: ['lin@acme.cn'],
      phones: ['+86 138 0013 8000'],
    });
    const bo = await customers.create(a.teamB, { kind: 'person', name: 'Bo', emails: ['bo@b.cn'] });
    await a.t.core.orders.record(a.teamA, [
      { customerId: lin.id, amount: 1200, cost: 700, placedAt: '2024-12-01' },
      { customerId: lin.id, amount: 300, placedAt: '2024-12-20' },
    ]);
    await a.t.core.interactions.log(a.teamA, [
      {
        customerId: lin.id,
        channel: 'phone',
        direction: 'inbound',
        summary: 'Asked for a quote',
        occurredAt: '2024-11-30T09:00:00+08:00',
        actor: 'user:1',
      },
    ]);
    ids = { ...fixtureIds(a), acme: acme.id, lin: lin.id, bo: bo.id };
  });
  afterAll(() => a.destroy());

  describe('happy paths', () => {
    test('GET /customers searches, filters and pages', async () => {
      const page = (query: string) =>
        send('rep', 'GET', `/v1/teams/{A}/customers?${query}`).then((res) =>
          expectJson<{ items: { id: number; name: string }[]; next: number | null }>(res, 200),
        );
      const first = await page('q=ACME&limit=1');
      expect(first).toEqual({ items: [expect.objectContaining({ name: 'Acme' })], next: ids.acme });
      expect(first.items[0]).toMatchObject({ kind: 'company', stage: 'potential', teamId: ids.A });
      expect(await page(`q=acme&limit=1&after=${ids.acme}`)).toEqual({
        items: [expect.objectContaining({ id: ids.lin, companyId: ids.acme })],
        next: null,
      });
      expect((await page('kind=company')).items.map((c) => c.id)).toEqual([ids.acme]);
      expect((await page('q=13800138000&stage=active')).items.map((c) => c.id)).toEqual([ids.lin]);
      expect((await page('q=nobody')).items).toEqual([]);
    });

    test('POST /customers creates a customer with normalised identities and facts', async () => {
      const created = await create({
        kind: 'person',
        name: '  Wang Fang ',
        emails: ['Wang.Fang@ACME.cn'],
        phones: ['+86 (139) 0000-1111'],
        externalRef: 'crm-2',
        ownerUserId: ids.rep,
        relationshipStage: 'interest',
        attributes: { vip: { value: true, source: 'sales_rep' } },
      });
      expect(created).toEqual({
        id: expect.any(Number),
        teamId: ids.A,
        kind: 'person',
        name: 'Wang Fang',
        stage: 'potential',
        relationshipStage: 'interest',
        companyId: ids.acme,
        ownerUserId: ids.rep,
        externalRef: 'crm-2',
        attributes: { vip: { value: true, source: 'sales_rep', recordedAt: expect.any(String) } },
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        stageChangedAt: expect.any(String),
        identities: [
          { customerId: created.id, kind: 'email', value: 'wang.fang@acme.cn' },
          { customerId: created.id, kind: 'phone', value: '+8613900001111' },
        ],
      });
      expect(await a.t.core.lifecycle.history(a.teamA, created.id)).toMatchObject([
        { from: null, to: 'potential', cause: 'created' },
      ]);
    });

    test('POST /customers/batch creates all of them', async () => {
      const { customers } = await expectJson<{ customers: CustomerWithIdentities[] }>(
        await send('rep', 'POST', '/v1/teams/{A}/customers/batch', {
          customers: [
            { kind: 'company', name: 'Beta Ltd', domains: ['https://www.Beta.cn/about'] },
            { kind: 'person', name: 'Zhao Lei', emails: ['zhao@beta.cn'], stage: 'target' },
          ],
        }),
        201,
      );
      expect(customers).toMatchObject([
        { name: 'Beta Ltd', identities: [{ kind: 'domain', value: 'beta.cn' }] },
        { name: 'Zhao Lei', stage: 'target', companyId: customers[0]?.id },
      ]);
    });

    test('GET /customers/{customerId} is the customer with identities', async () => {
      expect(
        await expectJson(await send('rep', 'GET', '/v1/teams/{A}/customers/{acme}'), 200),
      ).toMatchObject({
        id: ids.acme,
        name: 'Acme',
        externalRef: 'crm-1',
        identities: [{ customerId: ids.acme, kind: 'domain', value: 'acme.cn' }],
      });
    });

    test('PATCH /customers/{customerId} changes fields, bumps the version and is audited', async () => {
      const customer = await create({ kind: 'person', name: 'Before' });
      const patched = await expectJson(
        await send('rep', 'PATCH', `/v1/teams/{A}/customers/${customer.id}`, {
          name: 'After',
          relationshipStage: 'emotion',
          ownerUserId: ids.manager,
          attributes: { tier: { value: 'gold', source: 'import' } },
        }),
        200,
      );
      expect(patched).toMatchObject({
        id: customer.id,
        name: 'After',
        relationshipStage: 'emotion',
        ownerUserId: ids.manager,
        attributes: { tier: { value: 'gold', source: 'import' } },
        version: 2,
      });
      const cleared = await expectJson(
        await send('rep', 'PATCH', `/v1/teams/{A}/customers/${customer.id}`, {
          ownerUserId: null,
          attributes: { tier: null },
        }),
        200,
      );
      expect(cleared).toMatchObject({ ownerUserId: null, attributes: {}, version: 3 });
      const [entry] = await a.t.core.audit.list(a.teamA, 2);
      expect(entry).toMatchObject({
        actor: `user:${ids.rep}`,
        action: 'customer.updated',
        entityId: String(customer.id),
        before: { ownerUserId: ids.manager },
        after: { ownerUserId: null },
      });
    });

    test('POST /identities adds identities; DELETE /identities removes one', async () => {
      const company = await create({ kind: 'company', name: 'Gamma' });
      const added = await expectJson<CustomerWithIdentities>(
        await send('rep', 'POST', `/v1/teams/{A}/customers/${company.id}/identities`, {
          domains: ['gamma.cn'],
          emails: ['Info@Gamma.cn'],
        }),
        200,
      );
      expect(added.identities).toEqual([
        { customerId: company.id, kind: 'email', value: 'info@gamma.cn' },
        { customerId: company.id, kind: 'domain', value: 'gamma.cn' },
      ]);
      const removed = await send('rep', 'DELETE', '/v1/teams/{A}/identities?email=INFO@gamma.cn');
      expect(removed.status).toBe(204);
      expect(await removed.text()).toBe('');
      expect((await a.t.core.customers.get(a.teamA, company.id)).identities).toEqual([
        { customerId: company.id, kind: 'domain', value: 'gamma.cn' },
      ]);
      const again = await unchanged(a, () =>
        send('rep', 'DELETE', '/v1/teams/{A}/identities?email=info@gamma.cn'),
      );
      await expectProblem(again, 404, 'GX_ERR_NOT_FOUND');
    });

    test('POST /transitions moves the stage as the caller; GET /history lists every stage', async () => {
      const customer = await create({ kind: 'person', name: 'Mover' });
      const path = `/v1/teams/{A}/customers/${customer.id}`;
      const event = await expectJson(
        await send('rep', 'POST', `${path}/transitions`, { to: 'target', reason: ' qualified ' }),
        201,
      );
      expect(event).toEqual({
        id: expect.any(Number),
        teamId: ids.A,
        customerId: customer.id,
        from: 'potential',
        to: 'target',
        reason: 'qualified',
        actor: `user:${ids.rep}`,
        cause: 'manual',
        occurredAt: expect.any(String),
      });
      const { events } = await expectJson<{ events: unknown[] }>(
        await send('rep', 'GET', `${path}/history`),
        200,
      );
      expect(events).toMatchObject([
        { from: null, to: 'potential', cause: 'created' },
        { from: 'potential', to: 'target', cause: 'manual' },
      ]);
      const same = await unchanged(a, () =>
        send('rep', 'POST', `${path}/transitions`, { to: 'target', reason: 'again' }),
      );
      expect((await expectProblem(same, 409, 'GX_ERR_CONFLICT')).errors).toMatchObject([
        { path: 'to' },
      ]);
    });

    test('GET /facts, /orders and /interactions are the customer’s aggregates and latest', async () => {
      expect(
        await expectJson(await send('rep', 'GET', '/v1/teams/{A}/customers/{lin}/facts'), 200),
      ).toMatchObject({
        customerId: ids.lin,
        teamId: ids.A,
        orderCount: 2,
        revenue: 1500,
        interactionCount: 1,
        firstOrderAt: '2024-12-01T00:00:00.000Z',
        lastInteractionAt: '2024-11-30T01:00:00.000Z',
      });
      expect(
        await expectJson(
          await send('rep', 'GET', '/v1/teams/{A}/customers/{lin}/orders?limit=1'),
          200,
        ),
      ).toEqual({
        orders: [expect.objectContaining({ customerId: ids.lin, amount: 300, currency: 'CNY' })],
      });
      expect(
        await expectJson(
          await send('rep', 'GET', '/v1/teams/{A}/customers/{lin}/interactions'),
          200,
        ),
      ).toEqual({
        interactions: [expect.objectContaining({ channel: 'phone', summary: 'Asked for a quote' })],
      });
    });
  });

  const long = (n: number) => 'x'.repeat(n);
  const person = { kind: 'person', name: 'P' };
  test.each<[string, string, unknown, string]>([
    ['POST', '/v1/teams/{A}/customers', { name: 'P' }, 'kind'],
    ['POST', '/v1/teams/{A}/customers', { kind: 'person' }, 'name'],
    ['POST', '/v1/teams/{A}/customers', { kind: 'robot', name: 'P' }, 'kind'],
    ['POST', '/v1/teams/{A}/customers', { kind: 'person', name: 5 }, 'name'],
    ['POST', '/v1/teams/{A}/customers', { ...person, colour: 'red' }, 'colour'],
    ['POST', '/v1/teams/{A}/customers', { ...person, name: long(201) }, 'name'],
    ['POST', '/v1/teams/{A}/customers', { ...person, name: '   ' }, 'name'],
    ['POST', '/v1/teams/{A}/customers', { ...person, name: 'a\u0000b' }, 'name'],
    ['POST', '/v1/teams/{A}/customers', { ...person, emails: ['nope'] }, 'emails.0'],
    ['POST', '/v1/teams/{A}/customers', { ...person, emails: 'p@p.cn' }, 'emails'],
    ['POST', '/v1/teams/{A}/customers', { ...person, emails: Array(51).fill('p@p.cn') }, 'emails'],
    ['POST', '/v1/teams/{A}/customers', { ...person, phones: ['12'] }, 'phones.0'],
    ['POST', '/v1/teams/{A}/customers', { ...person, domains: ['p.cn'] }, 'domains'],
    [
      'POST',
      '/v1/teams/{A}/customers',
      { kind: 'company', name: 'C', domains: ['a b'] },
      'domains.0',
    ],
    ['POST', '/v1/teams/{A}/customers', { ...person, stage: 'gone' }, 'stage'],
    ['POST', '/v1/teams/{A}/customers', { ...person, ownerUserId: -1 }, 'ownerUserId'],
    ['POST', '/v1/teams/{A}/customers', { ...person, ownerUserId: '1' }, 'ownerUserId'],
    ['POST', '/v1/teams/{A}/customers', { ...person, externalRef: long(201) }, 'externalRef'],
    [
      'POST',
      '/v1/teams/{A}/customers',
      { ...person, attributes: { vip: { value: 1, source: 'rumour' } } },
      'attributes.vip.source',
    ],
    ['POST', '/v1/teams/{A}/customers', null, '(root)'],
    ['POST', '/v1/teams/{A}/customers/batch', {}, 'customers'],
    ['POST', '/v1/teams/{A}/customers/batch', { customers: [] }, 'customers'],
    ['POST', '/v1/teams/{A}/customers/batch', { customers: person }, 'customers'],
    ['POST', '/v1/teams/{A}/customers/batch', { customers: [person], x: 1 }, 'x'],
    [
      'POST',
      '/v1/teams/{A}/customers/batch',
      { customers: [person, { kind: 'person' }] },
      'customers.1.name',
    ],
    [
      'POST',
      '/v1/teams/{A}/customers/batch',
      { customers: [{ ...person, emails: ['bad'] }] },
      'customers.0.emails.0',
    ],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { name: '' }, 'name'],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { name: 5 }, 'name'],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { name: long(201) }, 'name'],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { kind: 'company' }, 'kind'],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { stage: 'active' }, 'stage'],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { ownerUserId: -3 }, 'ownerUserId'],
    ['PATCH', '/v1/teams/{A}/customers/{lin}', { relationshipStage: 'love' }, 'relationshipStage'],
    [
      'PATCH',
      '/v1/teams/{A}/customers/{lin}',
      { attributes: { vip: { value: true } } },
      'attributes.vip.source',
    ],
    ['PATCH', '/v1/teams/{A}/customers/abc', { name: 'N' }, 'customerId'],
    ['POST', '/v1/teams/{A}/customers/{lin}/identities', { emails: ['nope'] }, 'emails.0'],
    [
      'POST',
      '/v1/teams/{A}/customers/{lin}/identities',
      { emails: [`${long(250)}@x.cn`] },
      'emails.0',
    ],
    ['POST', '/v1/teams/{A}/customers/{lin}/identities', { phones: [12345] }, 'phones.0'],
    ['POST', '/v1/teams/{A}/customers/{lin}/identities', { emails: 'x@x.cn' }, 'emails'],
    ['POST', '/v1/teams/{A}/customers/{lin}/identities', { domains: ['lin.cn'] }, 'domains'],
    ['POST', '/v1/teams/{A}/customers/{lin}/identities', { fax: ['1'] }, 'fax'],
    ['DELETE', '/v1/teams/{A}/identities', undefined, '(root)'],
    ['DELETE', '/v1/teams/{A}/identities?email=lin@acme.cn&phone=13800138000', undefined, '(root)'],
    ['DELETE', '/v1/teams/{A}/identities?email=nope', undefined, 'email'],
    ['DELETE', '/v1/teams/{A}/identities?domain=a%20b', undefined, 'domain'],
    ['DELETE', '/v1/teams/{A}/identities?email=lin@acme.cn&x=1', undefined, 'x'],
    ['POST', '/v1/teams/{A}/customers/{lin}/transitions', { reason: 'r' }, 'to'],
    ['POST', '/v1/teams/{A}/customers/{lin}/transitions', { to: 'target' }, 'reason'],
    ['POST', '/v1/teams/{A}/customers/{lin}/transitions', { to: 3, reason: 'r' }, 'to'],
    ['POST', '/v1/teams/{A}/customers/{lin}/transitions', { to: 'gone', reason: 'r' }, 'to'],
    [
      'POST',
      '/v1/teams/{A}/customers/{lin}/transitions',
      { to: 'target', reason: long(501) },
      'reason',
    ],
    [
      'POST',
      '/v1/teams/{A}/customers/{lin}/transitions',
      { to: 'target', reason: 'r', actor: 'someone else' },
      'actor',
    ],
  ])('%s %s %j → 400 naming %s, nothing stored', async (method, path, body, field) => {
    await expectInvalid(await unchanged(a, () => send('rep', method, path, body)), field);
  });

  test('an owner from outside the team → 400 naming ownerUserId, nothing stored', async () => {
    for (const [method, path, body] of [
      ['POST', '/v1/teams/{A}/customers', { ...person, ownerUserId: ids.otherRep }],
      ['PATCH', '/v1/teams/{A}/customers/{lin}', { ownerUserId: ids.otherRep }],
      ['PATCH', '/v1/teams/{A}/customers/{lin}', { ownerUserId: 999999 }],
    ] as const) {
      const res = await unchanged(a, () => send('rep', method, path, body));
      expect((await expectInvalid(res, 'ownerUserId')).errors).toHaveLength(1);
    }
  });

  test.each([
    ['/v1/teams/{A}/customers?limit=abc', 'limit'],
    ['/v1/teams/{A}/customers?limit=0', 'limit'],
    ['/v1/teams/{A}/customers?limit=201', 'limit'],
    ['/v1/teams/{A}/customers?limit=1.5', 'limit'],
    [`/v1/teams/{A}/customers?q=${long(201)}`, 'q'],
    ['/v1/teams/{A}/customers?q=a%00b', 'q'],
    ['/v1/teams/{A}/customers?stage=gone', 'stage'],
    ['/v1/teams/{A}/customers?after=0', 'after'],
    ['/v1/teams/{A}/customers?colour=red', 'colour'],
    ['/v1/teams/{A}/customers/abc', 'customerId'],
    ['/v1/teams/{A}/customers/1e3/history', 'customerId'],
    ['/v1/teams/{A}/customers/-1/facts', 'customerId'],
    ['/v1/teams/{A}/customers/{lin}/orders?limit=0', 'limit'],
    ['/v1/teams/{A}/customers/{lin}/orders?limit=x', 'limit'],
    ['/v1/teams/{A}/customers/{lin}/interactions?limit=201', 'limit'],
    ['/v1/teams/{A}/customers/{lin}/interactions?before=1', 'before'],
  ])('GET %s → 400 naming %s', async (path, field) => {
    await expectInvalid(await send('rep', 'GET', path), field);
  });

  test('field errors carry RFC 6901 pointers', async () => {
    const res = await unchanged(a, () =>
      send('rep', 'POST', '/v1/teams/{A}/customers', { ...person, emails: ['x'], 'a/b~c': 1 }),
    );
    const { errors } = await expectInvalid(res, 'a/b~c');
    expect(errors?.map((e) => [e.path, e.pointer]).sort()).toEqual([
      ['a/b~c', '/a~1b~0c'],
      ['emails.0', '/emails/0'],
    ]);
    const root = await expectInvalid(
      await send('rep', 'POST', '/v1/teams/{A}/customers', []),
      '(root)',
    );
    expect(root.errors?.[0]?.pointer).toBe('');
  });

  test.each<[string, unknown, string]>([
    ['/v1/teams/{A}/customers', { ...person, emails: ['LIN@acme.cn'] }, 'emails.0'],
    [
      '/v1/teams/{A}/customers',
      { kind: 'company', name: 'C', externalRef: 'crm-1' },
      'externalRef',
    ],
    [
      '/v1/teams/{A}/customers/batch',
      {
        customers: [
          { ...person, emails: ['d@d.cn'] },
          { ...person, emails: ['D@d.cn'] },
        ],
      },
      'customers.1.emails.0',
    ],
    ['/v1/teams/{A}/customers/{acme}/identities', { emails: ['lin@acme.cn'] }, 'emails.0'],
  ])('POST %s %j → 409 naming %s, nothing stored', async (path, body, field) => {
    const res = await unchanged(a, () => send('rep', 'POST', path, body));
    expect((await expectProblem(res, 409, 'GX_ERR_CONFLICT')).errors).toContainEqual(
      expect.objectContaining({ path: field }),
    );
  });

  test.each<Call>([
    ['rep', 'GET', '/v1/teams/{A}/customers/{bo}'],
    ['rep', 'GET', '/v1/teams/{B}/customers/{bo}'],
    ['rep', 'GET', '/v1/teams/{B}/customers'],
    ['rep', 'POST', '/v1/teams/{B}/customers', { kind: 'person', name: 'Spy' }],
    ['rep', 'PATCH', '/v1/teams/{A}/customers/{bo}', { name: 'Mine' }],
    ['rep', 'POST', '/v1/teams/{A}/customers/{bo}/identities', { emails: ['x@x.cn'] }],
    ['rep', 'DELETE', '/v1/teams/{A}/identities?email=bo@b.cn'],
    ['rep', 'DELETE', '/v1/teams/{B}/identities?email=bo@b.cn'],
    ['rep', 'POST', '/v1/teams/{A}/customers/{bo}/transitions', { to: 'target', reason: 'r' }],
    ['rep', 'GET', '/v1/teams/{A}/customers/{bo}/history'],
    ['rep', 'GET', '/v1/teams/{A}/customers/{bo}/facts'],
    ['rep', 'GET', '/v1/teams/{A}/customers/{bo}/orders'],
    ['rep', 'GET', '/v1/teams/{A}/customers/{bo}/interactions'],
    ['rep', 'GET', '/v1/teams/{A}/customers/999999'],
    ['rep', 'GET', '/v1/teams/999999/customers'],
    ...byCallers(['otherRep'], ROUTES),
  ])('%s %s %s → 404, never 403, nothing changed', async (caller, method, path, body) => {
    await expectProblem(await unchanged(a, () => send(caller, method, path, body)), 404);
  });

  test.each(byCallers(['none', 'revoked'], ROUTES))(
    '%s key: %s %s → 401',
    async (caller, method, path, body) => {
      const res = await unchanged(a, () => send(caller, method, path, body));
      await expectProblem(res, 401, 'GX_ERR_UNAUTHENTICATED');
    },
  );
});
