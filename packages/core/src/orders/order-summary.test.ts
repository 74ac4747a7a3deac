import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { rangeOfDays } from '../plugins/report-range';
import { createTestCore, type TestCore, testDialects } from '../testing';
import { addSummaries } from './order-summary';

const RANGE = rangeOfDays('2025-01-01', '2025-03-31', 'UTC');

describe.each(testDialects())('order summaries for reports on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let reps: [number, number];
  let ids: Record<'a' | 'b' | 'c' | 'd' | 'e', number>;

  beforeEach(async () => {
    t = await createTestCore({ dialect });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north', locale: 'en' })).id;
    const rep = async (email: string) => {
      const user = await t.core.users.create({ email, name: email });
      await t.core.users.setRole(teamId, user.id, 'rep');
      return user.id;
    };
    reps = [await rep('one@x.test'), await rep('two@x.test')];
    const customer = async (name: string, ownerUserId?: number) =>
      (
        await t.core.customers.create(teamId, {
          kind: 'person',
          name,
          ...(ownerUserId === undefined ? {} : { ownerUserId }),
        })
      ).id;
    ids = {
      a: await customer('A', reps[0]),
      b: await customer('B', reps[0]),
      c: await customer('C'),
      d: await customer('D', reps[1]),
      e: await customer('E'),
    };
    await t.core.orders.record(teamId, [
      // A bought before the range and once in it: back again.
      { customerId: ids.a, amount: 999, placedAt: '2024-12-20' },
      { customerId: ids.a, amount: 100, placedAt: '2025-01-05' },
      // B twice in the range.
      { customerId: ids.b, amount: 200, placedAt: '2025-01-10' },
      { customerId: ids.b, amount: 300, placedAt: '2025-03-31T23:59:59Z' },
      // C once, first time.
      { customerId: ids.c, amount: 50, placedAt: '2025-02-01' },
      // D six times; E only after the range.
      ...Array.from({ length: 6 }, (_, i) => ({
        customerId: ids.d,
        amount: 10,
        placedAt: `2025-02-0${i + 1}`,
      })),
      { customerId: ids.e, amount: 70, placedAt: '2025-04-01' },
    ]);
    const contact = (
      customerId: number,
      direction: 'inbound' | 'outbound',
      occurredAt: string,
    ) => ({
      customerId,
      channel: 'phone' as const,
      direction,
      summary: 'call',
      occurredAt,
      actor: 'test',
    });
    await t.core.interactions.log(teamId, [
      contact(ids.a, 'inbound', '2025-02-02'),
      contact(ids.b, 'outbound', '2025-02-02'),
      contact(ids.c, 'inbound', '2024-12-31'),
      contact(ids.d, 'inbound', '2025-03-01'),
      contact(ids.e, 'inbound', '2025-03-01'),
    ]);
  });
  afterEach(() => t.destroy());

  test('the range’s buyers, those who came back, their orders and revenue', async () => {
    expect(await t.core.orders.summary(teamId, RANGE)).toEqual({
      buyers: 4,
      returning: 3,
      orders: 10,
      revenue: 710,
      byOrders: [2, 1, 0, 1],
    });
    const none = rangeOfDays('2020-01-01', '2020-12-31', 'UTC');
    expect(await t.core.orders.summary(teamId, none)).toEqual({
      buyers: 0,
      returning: 0,
      orders: 0,
      revenue: 0,
      byOrders: [0, 0, 0, 0],
    });
  });

  test('the same for each owner’s customers, and for nobody’s', async () => {
    const byOwner = await t.core.orders.summaryByOwner(teamId, RANGE);
    expect(byOwner.get(reps[0])).toEqual({
      buyers: 2,
      returning: 2,
      orders: 3,
      revenue: 600,
      byOrders: [1, 1, 0, 0],
    });
    expect(byOwner.get(reps[1])).toMatchObject({ buyers: 1, returning: 1, orders: 6 });
    expect(byOwner.get(null)).toMatchObject({ buyers: 1, returning: 0, revenue: 50 });
    expect(byOwner.size).toBe(3);
    expect(addSummaries(byOwner.values())).toEqual(await t.core.orders.summary(teamId, RANGE));
  });

  test('buyers who got in touch on their own in the range', async () => {
    expect(await t.core.orders.buyersInTouch(teamId, RANGE)).toBe(2);
  });

  test('customers by owner, and the owner of each row’s customer for grouping', async () => {
    const counts = await t.core.customers.countByOwner(teamId);
    expect(Object.fromEntries(counts)).toEqual({ [reps[0]]: 2, [reps[1]]: 1, null: 2 });
    const owner = t.core.customers.ownerOf(teamId, sql.ref('orders.customer_id'));
    const rows = await t.core.db
      .selectFrom('orders')
      .select([owner.as('owner'), sql<number>`count(*)`.as('n')])
      .where('team_id', '=', teamId)
      .groupBy(sql`owner`)
      .execute();
    expect(Object.fromEntries(rows.map((row) => [String(row.owner), Number(row.n)]))).toEqual({
      [reps[0]]: 4,
      [reps[1]]: 6,
      null: 2,
    });
  });
});
