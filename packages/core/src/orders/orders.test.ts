import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, type TestCore, testDialects } from '../testing';

describe.each(testDialects())('orders on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let customerId: number;

  beforeEach(async () => {
    t = await createTestCore({ dialect });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north', currency: 'EUR' })).id;
    customerId = (await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' })).id;
  });
  afterEach(() => t.destroy());

  const countOrders = async () =>
    Number(
      (
        await t.core.db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('keeps facts current: first/last order, count, revenue and margin', async () => {
    await t.core.orders.record(teamId, [
      { customerId, amount: 10_000, cost: 6_000, placedAt: '2024-03-01T10:00:00Z' },
      { customerId, amount: 5_000, placedAt: '2024-01-15' },
    ]);
    await t.core.orders.record(teamId, [
      { customerId, amount: 2_500, cost: 500, placedAt: '2024-06-30T23:59:59+08:00' },
    ]);
    expect(await t.core.facts.get(teamId, customerId)).toMatchObject({
      // A date without a time starts at midnight in the team's zone (zh-CN: Asia/Shanghai).
      firstOrderAt: '2024-01-14T16:00:00.000Z',
      lastOrderAt: '2024-06-30T15:59:59.000Z',
      orderCount: 3,
      revenue: 17_500,
      margin: 6_000,
    });
    const [latest] = await t.core.orders.forCustomer(teamId, customerId);
    expect(latest).toMatchObject({ amount: 2_500, currency: 'EUR' });
  });

  test('is idempotent by external id: recorded once, counted once', async () => {
    const order = { customerId, amount: 1_000, placedAt: '2024-01-01', externalId: 'A-1' };
    const first = await t.core.orders.record(teamId, [order, { ...order, amount: 7 }]);
    const again = await t.core.orders.record(teamId, [order]);
    expect(first.recorded).toHaveLength(1);
    expect(first.duplicates).toEqual([{ index: 1, externalId: 'A-1' }]);
    expect(again.recorded).toHaveLength(0);
    expect(again.duplicates).toEqual([{ index: 0, externalId: 'A-1' }]);
    expect(await countOrders()).toBe(1);
    expect(await t.core.facts.get(teamId, customerId)).toMatchObject({
      orderCount: 1,
      revenue: 1_000,
    });
  });

  test('returns the orders exactly as stored, skipping ids already recorded', async () => {
    await t.core.orders.record(teamId, [
      { customerId, amount: 5, placedAt: '2024-01-01', externalId: 'B' },
    ]);
    const { recorded, duplicates } = await t.core.orders.record(teamId, [
      { customerId, amount: 1, placedAt: '2024-02-01', externalId: 'A' },
      { customerId, amount: 2, cost: 1, placedAt: '2024-03-01', externalId: 'B' },
      { customerId, amount: 3, placedAt: '2024-04-01' },
      { customerId, amount: 4, placedAt: '2024-05-01', externalId: 'C', currency: 'USD' },
    ]);
    expect(duplicates).toEqual([{ index: 1, externalId: 'B' }]);
    const stored = await t.core.orders.forCustomer(teamId, customerId);
    expect([...recorded].reverse()).toEqual(stored.filter((o) => o.amount !== 5));
    expect(recorded.map((o) => [o.amount, o.externalId, o.currency])).toEqual([
      [1, 'A', 'EUR'],
      [3, null, 'EUR'],
      [4, 'C', 'USD'],
    ]);
  });

  test('a date or a time without an offset is read in the team’s zone', async () => {
    const york = await t.core.teams.create({
      name: 'York',
      slug: 'york',
      locale: 'en',
      timeZone: 'America/New_York',
    });
    const yorker = await t.core.customers.create(york.id, { kind: 'person', name: 'Yo' });
    const { recorded } = await t.core.orders.record(york.id, [
      { customerId: yorker.id, amount: 1, placedAt: '2024-03-10' },
      { customerId: yorker.id, amount: 2, placedAt: '2024-03-11' },
      { customerId: yorker.id, amount: 3, placedAt: '2024-03-11T09:00' },
      { customerId: yorker.id, amount: 4, placedAt: '2024-03-11T09:00Z' },
    ]);
    // Clocks go forward on 10 March: midnight is 05:00Z before it and 04:00Z after.
    expect(recorded.map((order) => order.placedAt)).toEqual([
      '2024-03-10T05:00:00.000Z',
      '2024-03-11T04:00:00.000Z',
      '2024-03-11T13:00:00.000Z',
      '2024-03-11T09:00:00.000Z',
    ]);
    const [logged] = await t.core.interactions.log(teamId, [
      {
        customerId,
        channel: 'phone',
        direction: 'inbound',
        summary: 'Called after midnight',
        occurredAt: '2024-05-02T00:30',
        actor: 'ada',
      },
    ]);
    expect(logged?.occurredAt).toBe('2024-05-01T16:30:00.000Z');
  });

  test('days lists each customer’s distinct order days in the team’s zone, oldest first', async () => {
    const bea = await t.core.customers.create(teamId, { kind: 'person', name: 'Bea' });
    await t.core.orders.record(teamId, [
      { customerId: bea.id, amount: 5, placedAt: '2024-05-01T15:59:00Z' },
      // 00:30 on 2 May in Shanghai, the team's zone; still 1 May in UTC.
      { customerId: bea.id, amount: 6, placedAt: '2024-05-01T16:30:00Z' },
    ]);
    expect((await t.core.orders.days(teamId, [bea.id])).get(bea.id)).toEqual([
      '2024-05-01',
      '2024-05-02',
    ]);
    await t.core.teams.update(teamId, { timeZone: 'UTC' }, 'test');
    expect((await t.core.orders.days(teamId, [bea.id])).get(bea.id)).toEqual(['2024-05-01']);
    expect((await t.core.orders.dayTotals(teamId, [bea.id])).get(bea.id)).toEqual([
      { day: '2024-05-01', amount: 11 },
    ]);
  });

  test('days lists each customer’s distinct order days, oldest first, within the team', async () => {
    const bea = await t.core.customers.create(teamId, { kind: 'person', name: 'Bea' });
    const south = await t.core.teams.create({ name: 'South', slug: 'south' });
    const cy = await t.core.customers.create(south.id, { kind: 'person', name: 'Cy' });
    await t.core.orders.record(teamId, [
      { customerId, amount: 1, placedAt: '2024-03-02T23:30:00+08:00' },
      { customerId, amount: 2, placedAt: '2024-01-05T09:00:00Z' },
      { customerId, amount: 3, placedAt: '2024-03-02T10:00:00Z' },
    ]);
    await t.core.orders.record(south.id, [
      { customerId: cy.id, amount: 4, placedAt: '2024-02-01' },
    ]);
    const days = await t.core.orders.days(teamId, [customerId, bea.id, cy.id]);
    expect([...days]).toEqual([[customerId, ['2024-01-05', '2024-03-02']]]);
  });

  test('idsOf lists every order of the customers, within the team only', async () => {
    const bea = await t.core.customers.create(teamId, { kind: 'person', name: 'Bea' });
    const idle = await t.core.customers.create(teamId, { kind: 'person', name: 'Idle' });
    const south = await t.core.teams.create({ name: 'South', slug: 'south' });
    const cy = await t.core.customers.create(south.id, { kind: 'person', name: 'Cy' });
    const { recorded } = await t.core.orders.record(teamId, [
      { customerId, amount: 1, placedAt: '2024-01-01' },
      { customerId: bea.id, amount: 2, placedAt: '2024-01-02' },
      { customerId, amount: 3, placedAt: '2024-01-03' },
    ]);
    await t.core.orders.record(south.id, [
      { customerId: cy.id, amount: 4, placedAt: '2024-01-04' },
    ]);
    const ids = await t.core.orders.idsOf(teamId, [customerId, bea.id, idle.id, cy.id, customerId]);
    expect(ids.sort((a, b) => a - b)).toEqual(recorded.map((order) => order.id));
  });

  test('the same external id in another team is another order', async () => {
    const south = await t.core.teams.create({ name: 'South', slug: 'south' });
    const bob = await t.core.customers.create(south.id, { kind: 'person', name: 'Bob' });
    const order = { amount: 1, placedAt: '2024-01-01', externalId: 'A-1' };
    await t.core.orders.record(teamId, [{ ...order, customerId }]);
    const result = await t.core.orders.record(south.id, [{ ...order, customerId: bob.id }]);
    expect(result.recorded).toHaveLength(1);
  });

  test.each([
    [{ amount: -1 }, 'orders.0.amount', 'must not be negative'],
    [{ amount: 10.5 }, 'orders.0.amount', 'must be a whole number of minor units (fen, cents)'],
    [{ amount: '10' }, 'orders.0.amount', undefined],
    [{ cost: -3 }, 'orders.0.cost', 'must not be negative'],
    [{ placedAt: '31/12/2024' }, 'orders.0.placedAt', undefined],
    [{ placedAt: '2024-02-30' }, 'orders.0.placedAt', undefined],
    [{ currency: 'rmb' }, 'orders.0.currency', undefined],
    [{ customerId: 999 }, 'orders.0.customerId', 'no customer with this id in the team'],
    [{ coupon: 'X' }, 'orders.0.coupon', 'unknown field'],
    [{ externalId: 'A\u0000B' }, 'orders.0.externalId', 'must not contain the NUL character'],
  ])('rejects %j naming %s and writes nothing', async (change, path, message) => {
    const good = { customerId, amount: 100, placedAt: '2024-01-01' };
    const attempt = t.core.orders.record(teamId, [{ ...good, ...change }, good] as never);
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GX_ERR_VALIDATION' });
    const issue = (error as { issues: { path: string; message: string }[] }).issues[0];
    expect(issue?.path).toBe(path);
    if (message !== undefined) expect(issue?.message).toBe(message);
    expect(await countOrders()).toBe(0);
    expect((await t.core.facts.get(teamId, customerId)).orderCount).toBe(0);
  });

  test('an unknown team is a not-found error and writes nothing', async () => {
    const attempt = t.core.orders.record(404, [{ customerId, amount: 1, placedAt: '2024-01-01' }]);
    await expect(attempt).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
      issues: [{ path: 'teamId' }],
    });
    expect(await countOrders()).toBe(0);
  });

  test('a customer of another team is refused', async () => {
    const south = await t.core.teams.create({ name: 'South', slug: 'south' });
    const attempt = t.core.orders.record(south.id, [
      { customerId, amount: 1, placedAt: '2024-01-01' },
    ]);
    await expect(attempt).rejects.toMatchObject({
      issues: [{ path: 'orders.0.customerId' }],
    });
  });

  test('interactions update the last-contact facts', async () => {
    await t.core.interactions.log(teamId, [
      {
        customerId,
        channel: 'phone',
        direction: 'outbound',
        summary: 'Called about renewal',
        occurredAt: '2024-05-01T09:00:00Z',
        actor: 'rep:1',
      },
      {
        customerId,
        channel: 'email',
        direction: 'inbound',
        summary: 'Asked for a quote',
        occurredAt: '2024-04-01T09:00:00Z',
        actor: 'rep:1',
      },
    ]);
    expect(await t.core.facts.get(teamId, customerId)).toMatchObject({
      interactionCount: 2,
      lastInteractionAt: '2024-05-01T09:00:00.000Z',
    });
    const attempt = t.core.interactions.log(teamId, [
      {
        customerId,
        channel: 'pigeon',
        direction: 'inbound',
        summary: 'x',
        occurredAt: '2024-01-01',
        actor: 'a',
      },
    ] as never);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'interactions.0.channel' }] });
  });

  test('an interaction is read by id within its team only', async () => {
    const [logged] = await t.core.interactions.log(teamId, [
      {
        customerId,
        channel: 'email',
        direction: 'inbound',
        summary: 'Asked for a quote',
        occurredAt: '2024-04-01T09:00:00Z',
        actor: 'rep:1',
      },
    ]);
    const id = logged?.id ?? 0;
    expect(await t.core.interactions.get(teamId, id)).toEqual(logged);
    const other = (await t.core.teams.create({ name: 'South', slug: 'south' })).id;
    await expect(t.core.interactions.get(other, id)).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
      issues: [{ path: 'interactionId' }],
    });
  });
});

describe.each(testDialects())('single writes arriving together on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let ada: number;
  let bob: number;
  const events: number[][] = [];

  beforeEach(async () => {
    events.length = 0;
    t = await createTestCore({
      dialect,
      plugins: [
        definePlugin({
          id: 'events',
          version: '1.0.0',
          hooks: {
            'orders:recorded': (event) => void events.push(event.items.map((o) => o.amount)),
            'interactions:logged': (event) =>
              void events.push(event.items.map((i) => i.summary.length)),
          },
        }),
      ],
    });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    await t.core.plugins.enable(teamId, 'events', 'test');
    ada = (await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' })).id;
    bob = (await t.core.customers.create(teamId, { kind: 'person', name: 'Bob' })).id;
  });
  afterEach(() => t.destroy());

  const order = (customerId: number, amount: number, externalId?: string) => ({
    customerId,
    amount,
    placedAt: '2024-05-01T10:00:00Z',
    ...(externalId === undefined ? {} : { externalId }),
  });

  test('share one transaction, each call getting its orders, duplicates and stage changes', async () => {
    const [first, second, third, fourth] = await Promise.all([
      t.core.orders.record(teamId, [order(ada, 100, 'X')]),
      t.core.orders.record(teamId, [order(ada, 200)]),
      t.core.orders.record(teamId, [order(bob, 300, 'X')]),
      t.core.orders.record(teamId, [order(bob, 400), order(ada, 500, 'Y')]),
    ]);
    expect(events).toEqual([[100, 200, 400, 500]]);
    // As if one after another: Ada's first order moves her, the repeated id is the later one's.
    expect(first?.recorded.map((o) => o.amount)).toEqual([100]);
    expect(first?.transitions.map((e) => [e.customerId, e.from, e.to])).toEqual([
      [ada, 'potential', 'active'],
    ]);
    expect(second).toMatchObject({ duplicates: [], transitions: [] });
    expect(second?.recorded.map((o) => o.amount)).toEqual([200]);
    expect(third).toEqual({
      recorded: [],
      duplicates: [{ index: 0, externalId: 'X' }],
      transitions: [],
    });
    expect(fourth?.recorded.map((o) => [o.customerId, o.amount, o.externalId])).toEqual([
      [bob, 400, null],
      [ada, 500, 'Y'],
    ]);
    expect(fourth?.transitions.map((e) => [e.customerId, e.to])).toEqual([[bob, 'active']]);
    expect(await t.core.facts.get(teamId, ada)).toMatchObject({ orderCount: 3, revenue: 800 });
  });

  test('a call that fails alone fails alone, naming its own field', async () => {
    const outcomes = await Promise.allSettled([
      t.core.orders.record(teamId, [order(ada, 100)]),
      t.core.orders.record(teamId, [order(ada, 150), order(999_999, 200)]),
      t.core.orders.record(teamId, [order(bob, 300)]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[1]).toMatchObject({
      reason: { code: 'GX_ERR_VALIDATION', issues: [{ path: 'orders.1.customerId' }] },
    });
    expect(events.flat().sort((a, b) => a - b)).toEqual([100, 300]);
    expect(await t.core.facts.get(teamId, ada)).toMatchObject({ orderCount: 1, revenue: 100 });
  });

  test('interactions logged together share one transaction, each call getting its own', async () => {
    const contact = (customerId: number, summary: string) => ({
      customerId,
      channel: 'phone' as const,
      direction: 'inbound' as const,
      summary,
      occurredAt: '2024-05-01T10:00:00Z',
      actor: 'rep',
    });
    const [first, second] = await Promise.all([
      t.core.interactions.log(teamId, [contact(ada, 'a'), contact(bob, 'bb')]),
      t.core.interactions.log(teamId, [contact(bob, 'ccc')]),
    ]);
    expect(events).toEqual([[1, 2, 3]]);
    expect(first?.map((i) => [i.customerId, i.summary])).toEqual([
      [ada, 'a'],
      [bob, 'bb'],
    ]);
    expect(second?.map((i) => [i.customerId, i.summary])).toEqual([[bob, 'ccc']]);
    expect(await t.core.facts.get(teamId, bob)).toMatchObject({ interactionCount: 2 });
  });

  test('inside a transaction an order is written in it, at once', async () => {
    await expect(
      t.core.transaction(async (core) => {
        await core.orders.record(teamId, [order(ada, 100)]);
        expect((await core.facts.get(teamId, ada)).orderCount).toBe(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await t.core.facts.get(teamId, ada)).orderCount).toBe(0);
  });
});
