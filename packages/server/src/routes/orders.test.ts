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
  {
    method: 'POST',
    path: '/v1/teams/{A}/orders',
    role: 'rep',
    body: { customerId: 0, amount: 100, placedAt: '2024-01-01' },
  },
  {
    method: 'POST',
    path: '/v1/teams/{A}/orders/batch',
    role: 'rep',
    body: { orders: [{ customerId: 0, amount: 100, placedAt: '2024-01-01' }] },
  },
  {
    method: 'POST',
    path: '/v1/teams/{A}/interactions',
    role: 'rep',
    body: {
      customerId: 0,
      channel: 'visit',
      direction: 'outbound',
      summary: 'Dropped by',
      occurredAt: '2024-01-01',
    },
  },
];

describe.each(testDialects())('order and interaction routes on %s', (dialect) => {
  let a: TestApp;
  let ids: Record<string, number>;
  let c: number;
  let bo: number;
  const send = (caller: Caller, method: string, path: string, body?: unknown) =>
    a.call(caller, method, fill(path, ids), body);
  const newCustomer = async (name: string, stage: 'potential' | 'churned' = 'potential') =>
    (await a.t.core.customers.create(a.teamA, { kind: 'person', name, stage })).id;

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    c = await newCustomer('Lin');
    bo = (await a.t.core.customers.create(a.teamB, { kind: 'person', name: 'Bo' })).id;
    ids = fixtureIds(a);
  });
  afterAll(() => a.destroy());

  describe('happy paths', () => {
    test('POST /orders records an order, activates the customer and is idempotent by externalId', async () => {
      const customerId = await newCustomer('First Order');
      const body = {
        customerId,
        amount: 19_900,
        cost: 12_000,
        placedAt: '2024-05-01T08:00+08:00',
        externalId: ' shop-1 ',
      };
      const created = await expectJson(
        await send('rep', 'POST', '/v1/teams/{A}/orders', body),
        201,
      );
      expect(created).toEqual({
        order: {
          id: expect.any(Number),
          teamId: ids.A,
          customerId,
          externalId: 'shop-1',
          amount: 19_900,
          cost: 12_000,
          currency: 'CNY',
          placedAt: '2024-05-01T00:00:00.000Z',
          createdAt: expect.any(String),
        },
        duplicate: false,
        transitions: [
          expect.objectContaining({
            customerId,
            from: 'potential',
            to: 'active',
            cause: 'order',
            actor: `user:${ids.rep}`,
          }),
        ],
      });
      expect(await a.t.core.facts.get(a.teamA, customerId)).toMatchObject({
        orderCount: 1,
        revenue: 19_900,
        margin: 7_900,
      });

      const again = await send('rep', 'POST', '/v1/teams/{A}/orders', { ...body, amount: 1 });
      expect(await expectJson(again, 200)).toEqual({
        order: null,
        duplicate: true,
        transitions: [],
      });
      expect(await a.t.core.orders.forCustomer(a.teamA, customerId)).toHaveLength(1);
    });

    test('POST /orders keeps an explicit currency', async () => {
      const { order } = await expectJson<{ order: { currency: string } }>(
        await send('rep', 'POST', '/v1/teams/{A}/orders', {
          customerId: c,
          amount: 0,
          currency: 'USD',
          placedAt: '2024-06-01',
        }),
        201,
      );
      expect(order.currency).toBe('USD');
    });

    test('POST /orders/batch records all, reports repeats, and wins back a churned customer', async () => {
      const churned = await newCustomer('Churned', 'churned');
      const result = await expectJson(
        await send('rep', 'POST', '/v1/teams/{A}/orders/batch', {
          orders: [
            { customerId: churned, amount: 500, placedAt: '2024-07-01', externalId: 'b-1' },
            { customerId: c, amount: 700, placedAt: '2024-07-02' },
            { customerId: churned, amount: 900, placedAt: '2024-07-03', externalId: 'b-1' },
          ],
        }),
        201,
      );
      expect(result).toEqual({
        recorded: [
          expect.objectContaining({ customerId: churned, amount: 500, externalId: 'b-1' }),
          expect.objectContaining({ customerId: c, amount: 700, externalId: null }),
        ],
        duplicates: [{ index: 2, externalId: 'b-1' }],
        transitions: [
          expect.objectContaining({ customerId: churned, from: 'churned', to: 'active' }),
        ],
      });
    });

    test('POST /interactions logs a contact, as the caller unless an actor is given', async () => {
      const body = {
        customerId: c,
        channel: 'email',
        direction: 'inbound',
        summary: ' Asked about delivery ',
        occurredAt: '2024-08-01T10:00:00+08:00',
      };
      expect(
        await expectJson(await send('rep', 'POST', '/v1/teams/{A}/interactions', body), 201),
      ).toEqual({
        id: expect.any(Number),
        teamId: ids.A,
        customerId: c,
        channel: 'email',
        direction: 'inbound',
        summary: 'Asked about delivery',
        occurredAt: '2024-08-01T02:00:00.000Z',
        actor: `user:${ids.rep}`,
        createdAt: expect.any(String),
      });
      const withActor = await expectJson(
        await send('rep', 'POST', '/v1/teams/{A}/interactions', { ...body, actor: 'shop:42' }),
        201,
      );
      expect(withActor).toMatchObject({ actor: 'shop:42' });
      expect(await a.t.core.facts.get(a.teamA, c)).toMatchObject({ interactionCount: 2 });
    });
  });

  const order = { customerId: 0, amount: 100, placedAt: '2024-01-01' };
  const contact = {
    customerId: 0,
    channel: 'visit',
    direction: 'outbound',
    summary: 'Visit',
    occurredAt: '2024-01-01',
  };
  /** Bodies refer to the customer as 0, replaced by a real id of team A before sending. */
  const withCustomer = (body: unknown, id: number): unknown =>
    JSON.parse(JSON.stringify(body).replaceAll('"customerId":0', `"customerId":${id}`));
  const { customerId: _c, ...orderWithoutCustomer } = order;
  const { amount: _a, ...orderWithoutAmount } = order;
  const { placedAt: _p, ...orderWithoutDate } = order;
  const { summary: _s, ...contactWithoutSummary } = contact;

  test.each<[string, unknown, string]>([
    ['/v1/teams/{A}/orders', orderWithoutCustomer, 'customerId'],
    ['/v1/teams/{A}/orders', orderWithoutAmount, 'amount'],
    ['/v1/teams/{A}/orders', orderWithoutDate, 'placedAt'],
    ['/v1/teams/{A}/orders', { ...order, amount: '100' }, 'amount'],
    ['/v1/teams/{A}/orders', { ...order, customerId: '1' }, 'customerId'],
    ['/v1/teams/{A}/orders', { ...order, tax: 13 }, 'tax'],
    ['/v1/teams/{A}/orders', { ...order, amount: -1 }, 'amount'],
    ['/v1/teams/{A}/orders', { ...order, cost: -5 }, 'cost'],
    ['/v1/teams/{A}/orders', { ...order, amount: 1.5 }, 'amount'],
    ['/v1/teams/{A}/orders', { ...order, amount: 2 ** 53 }, 'amount'],
    ['/v1/teams/{A}/orders', { ...order, placedAt: '2024-02-30' }, 'placedAt'],
    ['/v1/teams/{A}/orders', { ...order, placedAt: 'yesterday' }, 'placedAt'],
    ['/v1/teams/{A}/orders', { ...order, placedAt: '1800-01-01' }, 'placedAt'],
    ['/v1/teams/{A}/orders', { ...order, placedAt: 20240101 }, 'placedAt'],
    ['/v1/teams/{A}/orders', { ...order, externalId: 'x'.repeat(201) }, 'externalId'],
    ['/v1/teams/{A}/orders', { ...order, externalId: 'a\u0000' }, 'externalId'],
    ['/v1/teams/{A}/orders', { ...order, currency: 'yuan' }, 'currency'],
    ['/v1/teams/{A}/orders', 'not json', '(root)'],
    ['/v1/teams/{A}/orders/batch', {}, 'orders'],
    ['/v1/teams/{A}/orders/batch', { orders: [] }, 'orders'],
    ['/v1/teams/{A}/orders/batch', { orders: order }, 'orders'],
    ['/v1/teams/{A}/orders/batch', { orders: [order], source: 'shop' }, 'source'],
    [
      '/v1/teams/{A}/orders/batch',
      { orders: [order, { ...order, amount: -1 }] },
      'orders.1.amount',
    ],
    [
      '/v1/teams/{A}/orders/batch',
      { orders: [order, { ...order, placedAt: '2024-13-01' }] },
      'orders.1.placedAt',
    ],
    [
      '/v1/teams/{A}/orders/batch',
      { orders: [order, orderWithoutCustomer] },
      'orders.1.customerId',
    ],
    ['/v1/teams/{A}/interactions', contactWithoutSummary, 'summary'],
    ['/v1/teams/{A}/interactions', { ...contact, channel: 5 }, 'channel'],
    ['/v1/teams/{A}/interactions', { ...contact, channel: 'pigeon' }, 'channel'],
    ['/v1/teams/{A}/interactions', { ...contact, direction: 'sideways' }, 'direction'],
    ['/v1/teams/{A}/interactions', { ...contact, mood: 'happy' }, 'mood'],
    ['/v1/teams/{A}/interactions', { ...contact, summary: 'x'.repeat(4001) }, 'summary'],
    ['/v1/teams/{A}/interactions', { ...contact, occurredAt: '2024-01-01T25:00' }, 'occurredAt'],
    ['/v1/teams/{A}/interactions', { ...contact, actor: ' ' }, 'actor'],
  ])('POST %s %j → 400 naming %s, nothing stored', async (path, body, field) => {
    const res = await unchanged(a, () => send('rep', 'POST', path, withCustomer(body, c)));
    if (field === '(root)') {
      expect(await expectProblem(res, 400)).toMatchObject({
        detail: expect.stringMatching(/JSON/),
      });
    } else await expectInvalid(res, field);
  });

  test.each<[string, unknown, string]>([
    ['/v1/teams/{A}/orders', order, 'customerId'],
    ['/v1/teams/{A}/interactions', contact, 'customerId'],
    ['/v1/teams/{A}/orders/batch', { orders: [order] }, 'orders.0.customerId'],
  ])(
    'POST %s naming another team’s customer → 400 naming %s, like an unknown one',
    async (path, body, field) => {
      const other = await unchanged(a, () => send('rep', 'POST', path, withCustomer(body, bo)));
      const unknown = await unchanged(a, () =>
        send('rep', 'POST', path, withCustomer(body, 999_999)),
      );
      const problem = await expectInvalid(other, field);
      expect(problem.errors).toEqual([
        { path: field, pointer: `/${field.replaceAll('.', '/')}`, detail: expect.any(String) },
      ]);
      expect(problem.detail).toBe(`Invalid input: ${field}: no customer with this id in the team`);
      expect(await expectInvalid(unknown, field)).toEqual(problem);
    },
  );

  test('a batch of more than 5,000 orders → 400 naming orders, nothing stored', async () => {
    const orders = Array.from({ length: 5001 }, () => ({ ...order, customerId: c }));
    const res = await unchanged(a, () =>
      send('rep', 'POST', '/v1/teams/{A}/orders/batch', { orders }),
    );
    await expectInvalid(res, 'orders');
  });

  test('a batch with one bad order stores none of them', async () => {
    const before = await a.t.core.orders.forCustomer(a.teamA, c, 200);
    const res = await unchanged(a, () =>
      send('rep', 'POST', '/v1/teams/{A}/orders/batch', {
        orders: [
          { ...order, customerId: c, externalId: 'good-1' },
          { ...order, customerId: bo },
        ],
      }),
    );
    await expectInvalid(res, 'orders.1.customerId');
    expect(await a.t.core.orders.forCustomer(a.teamA, c, 200)).toEqual(before);
  });

  test.each<Call>([
    ...ROUTES.map(
      (route): Call => ['rep', route.method, route.path.replace('{A}', '{B}'), route.body],
    ),
    ...byCallers(['otherRep'], ROUTES),
  ])('%s %s %s → 404, never 403, nothing changed', async (caller, method, path, body) => {
    const res = await unchanged(a, () => send(caller, method, path, withCustomer(body, bo)));
    await expectProblem(res, 404, 'GX_ERR_NOT_FOUND');
  });

  test.each(byCallers(['none', 'revoked'], ROUTES))(
    '%s key: %s %s → 401',
    async (caller, method, path, body) => {
      const res = await unchanged(a, () => send(caller, method, path, withCustomer(body, c)));
      await expectProblem(res, 401, 'GX_ERR_UNAUTHENTICATED');
    },
  );
});
