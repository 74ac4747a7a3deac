import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import { ConsoleClient, createTestApp, defined, type TestApp, testDialects } from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();
const RANGE = 'from=2025-01-01&to=2025-02-28';

/** Each report: its page, a table of it, and what its English and Chinese pages and CSV say. */
const REPORTS = [
  ['service/complaints-report', 'by-cause', 'Complaints report', '投诉报表', '产品质量'],
  ['service/relationship-quality', 'by-month', 'Relationship quality', '关系质量', '信任感'],
  ['winback/churn-report', 'by-kind', 'Churn report', '流失报表', '自然流失'],
  ['winback/winback-report', 'by-kind', 'Win-back report', '挽回报表', '自然流失'],
  ['loyalty/loyalty-report', 'measures', 'Loyalty report', '忠诚报表', '人均重复购买次数'],
  ['reports/satisfaction', 'measures', 'Customer satisfaction', '客户满意度', '美誉度'],
  [
    'reports/satisfaction-loyalty',
    'combinations',
    'Satisfaction and loyalty',
    '满意与忠诚',
    '满意且忠诚',
  ],
  ['reports/retention', 'indicators', 'Customer retention', '客户保持', '重复购买率'],
  ['reports/rep-figures', 'members', 'Each rep’s figures', '员工业绩', '全团队'],
] as const;

/**
 * The textbooks' reports through the real console, with every bundled plugin: each page in
 * both languages with its rule, chart and range, and each table's CSV with its BOM and
 * Chinese text; data made through the API as a team would.
 */
describe.each(testDialects())('the reports in the console on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let manager: ConsoleClient;
  let rep: ConsoleClient;
  const page = (path: string) => `/admin/teams/${a.teamA}/plugins/${path}`;

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
    const { core, clock } = a.t;
    for (const plugin of bundled) await core.plugins.enable(a.teamA, plugin.id, 'test');
    const plugin = (id: string, path: string) => `/v1/teams/${a.teamA}/plugins/${id}${path}`;
    const [wang, li] = await core.customers.createMany(a.teamA, [
      { kind: 'person', name: '王芳', ownerUserId: a.userIds.rep },
      { kind: 'person', name: '李雷', ownerUserId: a.userIds.manager },
    ]);
    clock.set('2025-01-01T00:00:00Z');
    const { recorded } = await core.orders.record(a.teamA, [
      { customerId: defined(wang).id, amount: 10_000, placedAt: '2025-01-05' },
      { customerId: defined(wang).id, amount: 20_000, placedAt: '2025-01-20' },
      { customerId: defined(li).id, amount: 30_000, placedAt: '2025-02-01' },
    ]);
    clock.set('2025-01-10T00:00:00Z');
    await a.call('rep', 'POST', plugin('service', '/complaints'), {
      customerId: defined(wang).id,
      cause: 'product_quality',
      summary: '包装破损',
    });
    await a.call('rep', 'POST', plugin('service', '/surveys'), {
      customerId: defined(wang).id,
      kind: 'csat',
      score: 4,
      items: { trust: 4 },
      byName: true,
      needsMet: 80,
      walletShare: 30,
    });
    await a.call('rep', 'POST', plugin('loyalty', '/attitudes'), {
      customerId: defined(wang).id,
      score: 4,
      choosingDays: 3,
      competitors: 4,
      qualityTolerance: 5,
    });
    await a.call(
      'rep',
      'POST',
      plugin('loyalty', `/orders/${defined(recorded[0]).id}/discount`),
      {},
    );
    clock.set('2025-02-10T00:00:00Z');
    await core.lifecycle.transition(a.teamA, defined(li).id, {
      to: 'churned',
      reason: 'moved away',
      actor: `user:${a.userIds.manager}`,
    });
    clock.set('2025-03-01T00:00:00Z');
    manager = new ConsoleClient(a.app);
    await manager.signIn(a.keys.manager);
    rep = new ConsoleClient(a.app);
    await rep.signIn(a.keys.rep);
  });
  afterAll(() => a.destroy());

  test.each(REPORTS)(
    '%s: the page in both languages, and its %s table as CSV',
    async (path, table, en, zh, text) => {
      const english = await manager.get(`${page(path)}?${RANGE}`);
      expect(english.status).toBe(200);
      const html = await english.text();
      expect(html).toContain(`<h1>${en}</h1>`);
      expect(html).toMatch(/<p class="rule" data-block="rule">[^<]+<\/p>/);
      expect(html).toMatch(/<svg class="chart" data-chart="(bar|line)"/);
      expect(html).toContain('value="2025-01-01"');
      const chinese = await (
        await manager.get(`${page(path)}?${RANGE}`, { 'accept-language': 'zh-CN' })
      ).text();
      expect(chinese).toContain(`<h1>${zh}</h1>`);
      expect(chinese).toContain(text);

      const csv = await manager.get(`${page(path)}/tables/${table}?${RANGE}`, {
        'accept-language': 'zh-CN',
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.subarray(3)).trim().split('\r\n');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('\n')).toContain(text);
    },
  );

  test('the figures behind a page are the CSV’s: the complaints by cause', async () => {
    const csv = await (
      await manager.get(`${page('service/complaints-report')}/tables/by-cause?${RANGE}`)
    ).text();
    // Response.text() reads the BOM as UTF-8's mark and leaves it out.
    const [header, quality] = csv.trim().split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['Cause', 'Complaints opened', 'received']);
    expect(quality?.split(',').slice(0, 3)).toEqual(['product quality', '1', '1']);
  });

  test('a rep opens their own figures only, and no other report', async () => {
    const own = await rep.get(`${page('reports/rep-figures')}/tables/members?${RANGE}`);
    const lines = (await own.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',1,1,300,');
    expect((await rep.get(page('reports/satisfaction'))).status).toBe(403);
  });

  test('a bad range is refused naming the field', async () => {
    const res = await manager.get(`${page('reports/retention')}?from=2025-02-30`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('from: must be a date, YYYY-MM-DD');
  });
});
