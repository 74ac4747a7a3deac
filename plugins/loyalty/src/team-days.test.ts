import { appUnderTest } from '@guanxi/server';
import {
  createTestApp,
  expectInvalid,
  expectJson,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import plugin from './index';
import type { Statement } from './routes/statement';
import { fakeTiering } from './test-kit';

describe.each(testDialects())('loyalty reads the team’s days on %s', (dialect) => {
  let a: TestApp;
  let base: string;
  let customerId: number;

  beforeEach(async () => {
    a = await createTestApp({
      dialect,
      plugins: [fakeTiering(new Map()), plugin],
      app: appUnderTest(),
    });
    await a.t.core.plugins.enable(a.teamA, 'loyalty', 'test');
    await a.t.core.plugins.configure(
      a.teamA,
      'loyalty',
      { bonuses: { firstOrder: 0, birthday: 50 }, expiryDays: 1 },
      'test',
    );
    base = `/v1/teams/${a.teamA}/plugins/loyalty`;
    customerId = (await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Mei' })).id;
  });
  afterEach(() => a.destroy());

  const zone = (timeZone: string) => a.t.core.teams.update(a.teamA, { timeZone }, 'test');
  const buyAt = async (now: string) => {
    a.t.clock.set(now);
    await a.t.core.orders.record(a.teamA, [{ customerId, amount: 10_000, placedAt: now }]);
  };
  const statement = async () =>
    expectJson<Statement>(await a.call('rep', 'GET', `${base}/customers/${customerId}`), 200);
  const expire = () => a.t.core.jobs.run('loyalty:expire', { teamId: a.teamA });

  test('points last to the end of the team’s day expiryDays on, in Shanghai', async () => {
    await zone('Asia/Shanghai');
    await buyAt('2024-05-01T15:30:00.000Z'); // 23:30 on 1 May in Shanghai
    await buyAt('2024-05-01T16:30:00.000Z'); // 00:30 on 2 May
    const earned = (await statement()).entries.map((e) => [e.at, e.expiresAt]);
    expect(earned).toEqual([
      ['2024-05-01T16:30:00.000Z', '2024-05-03T16:00:00.000Z'],
      ['2024-05-01T15:30:00.000Z', '2024-05-02T16:00:00.000Z'],
    ]);
    a.t.clock.set('2024-05-02T15:59:59.999Z');
    expect(await expire()).toMatchObject({ entries: 0 });
    a.t.clock.set('2024-05-02T16:00:00.000Z'); // midnight of 3 May in Shanghai
    expect(await expire()).toEqual({ entries: 1, points: 100, customers: 1 });
    expect((await statement()).balance).toBe(100);
  });

  test('an expiry day across New York’s change to daylight time ends at local midnight', async () => {
    await zone('America/New_York');
    await buyAt('2024-03-09T17:00:00.000Z'); // noon EST on 9 March
    const [entry] = (await statement()).entries;
    expect(entry?.expiresAt).toBe('2024-03-11T04:00:00.000Z'); // midnight EDT, 11 March
    a.t.clock.set('2024-03-11T03:59:00.000Z');
    expect(await expire()).toMatchObject({ entries: 0 });
    a.t.clock.set('2024-03-11T04:00:00.000Z');
    expect(await expire()).toMatchObject({ entries: 1 });
  });

  test('a birthday bonus is once a year of the team’s calendar', async () => {
    await zone('Asia/Shanghai');
    a.t.clock.set('2024-12-31T16:30:00.000Z'); // 00:30 on 1 January 2025 in Shanghai
    const bonus = (body: object) =>
      a.call('manager', 'POST', `${base}/bonuses`, { customerId, kind: 'birthday', ...body });
    const first = await expectJson<{ entry: { reference: string } }>(await bonus({}), 201);
    expect(first.entry.reference).toBe('bonus:birthday:2025');
    expect(await expectJson(await bonus({}), 200)).toMatchObject({ replayed: true });
    await zone('UTC');
    const utc = await expectJson<{ entry: { reference: string } }>(await bonus({}), 201);
    expect(utc.entry.reference).toBe('bonus:birthday:2024');
    expect((await statement()).balance).toBe(100);
    await expectInvalid(
      await a.call('manager', 'POST', `${base}/bonuses`, { customerId, kind: 'referral' }),
      'reference',
    );
  });
});
