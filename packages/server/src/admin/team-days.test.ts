import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

describe.each(testDialects())('the console on the team’s clock on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let manager: ConsoleClient;
  let list: string;
  let page: string;
  let customerId: number;

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    const { core } = a.t;
    await core.teams.update(a.teamA, { timeZone: 'Asia/Shanghai' }, 'test');
    customerId = (await core.customers.create(a.teamA, { kind: 'person', name: '王芳' })).id;
    // 01:00 on 1 February in Shanghai, still 31 January in UTC.
    await core.orders.record(a.teamA, [
      { customerId, amount: 10_000, placedAt: '2025-01-31T17:00:00Z', externalId: 'SO-1' },
    ]);
    a.t.clock.set('2025-02-01T16:30:00Z');
    manager = new ConsoleClient(a.app);
    await manager.signIn(a.keys.manager);
    list = `/admin/teams/${a.teamA}/customers`;
    page = `${list}/${customerId}`;
  });
  afterAll(() => a.destroy());

  const listed = async (query: string) =>
    (await (await manager.get(`${list}${query}`)).text()).includes(`data-customer="${customerId}"`);

  test('the list shows the last order’s local day, and its day filter keeps the team’s days', async () => {
    const html = await (await manager.get(list)).text();
    expect(html).toContain('<time datetime="2025-01-31T17:00:00.000Z">2025-02-01</time>');
    expect(await listed('?from=2025-02-01&to=2025-02-01')).toBe(true);
    expect(await listed('?to=2025-01-31')).toBe(false);
    const csv = await (await manager.get(`${list}/export`)).text();
    expect(csv.split('\r\n')[1]).toMatch(/,1,100,2025-02-01,/);
  });

  test('the customer page’s days, timeline and interaction form are on the team’s clock', async () => {
    const html = await (await manager.get(page)).text();
    expect(html).toMatch(/<span>Last order<\/span><b>2025-02-01<\/b>/);
    expect(html).toContain(
      '<time datetime="2025-01-31T17:00:00.000Z">2025-02-01 01:00 Asia/Shanghai</time>',
    );
    expect(html).toContain('When (Asia/Shanghai)');
    expect(html).toContain('value="2025-02-02T00:30"');
    const firstDay = await (await manager.get(`${page}?from=2025-02-01&to=2025-02-01`)).text();
    expect(firstDay).toContain('data-kind="order"');
    const dayBefore = await (await manager.get(`${page}?to=2025-01-31`)).text();
    expect(dayBefore).not.toContain('data-kind="order"');

    const logged = await manager.submit(page, `${page}/interactions`, {
      channel: 'phone',
      direction: 'outbound',
      summary: '回访',
      occurredAt: '2025-02-02T00:30',
    });
    expect(logged.status).toBe(303);
    const [latest] = await a.t.core.interactions.forCustomer(a.teamA, customerId, 1);
    expect(latest?.occurredAt).toBe('2025-02-01T16:30:00.000Z');
    const zh = await (await manager.get(page, { 'accept-language': 'zh-CN' })).text();
    expect(zh).toContain('时间（Asia/Shanghai）');
  });
});
