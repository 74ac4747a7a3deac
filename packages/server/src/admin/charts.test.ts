import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';

function chart(html: string, name: string): string {
  return new RegExp(`<svg[^>]*data-chart="${name}".*?</svg>`).exec(html)?.[0] ?? '';
}

function counts(svg: string, attribute: string): Record<string, number> {
  const pattern = new RegExp(`data-${attribute}="([a-z_]+)" data-count="(\\d+)"`, 'g');
  return Object.fromEntries([...svg.matchAll(pattern)].map((m) => [m[1], Number(m[2])]));
}

describe.each(testDialects())('admin console charts on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  let overview: string;
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp });
    const { core } = a.t;
    // Ten customers with revenue 100…1,000, two prospects without orders, one in team B.
    for (let i = 1; i <= 10; i++) {
      const customer = await core.customers.create(a.teamA, { kind: 'person', name: `C${i}` });
      await core.orders.record(a.teamA, [
        { customerId: customer.id, amount: i * 100, placedAt: '2025-01-01' },
      ]);
      if (i <= 2)
        await core.lifecycle.transition(a.teamA, customer.id, {
          to: 'churned',
          reason: 'left',
          actor: 'test',
        });
    }
    await core.customers.create(a.teamA, { kind: 'person', name: 'P1' });
    await core.customers.create(a.teamA, { kind: 'company', name: 'P2', stage: 'target' });
    await core.customers.create(a.teamB, { kind: 'person', name: 'B1' });
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    overview = `/admin/teams/${a.teamA}`;
  });
  afterEach(() => a.destroy());

  test('the funnel counts the team’s customers per stage', async () => {
    const svg = chart(await (await browser.get(overview)).text(), 'funnel');
    expect(svg).toMatch(/<title id="funnel-title">Lifecycle funnel: 12 customers<\/title>/);
    expect(counts(svg, 'stage')).toEqual({
      potential: 1,
      target: 1,
      active: 8,
      churned: 2,
      non_customer: 0,
    });
    expect(svg).toContain('>Active customer</text>');
  });

  test('the pyramid ranks by revenue in shares 1/19/30/50, with revenue shares', async () => {
    const html = await (await browser.get(overview)).text();
    const svg = chart(html, 'pyramid');
    expect(svg).toContain('<title id="pyramid-title">Customer pyramid by revenue: 12 customers');
    expect(counts(svg, 'tier')).toEqual({ important: 1, secondary: 2, normal: 3, small: 6 });
    // The top customer has 1,000 of 5,500.
    expect(svg).toMatch(/data-tier="important".*?1 customer<\/tspan> · 18% of revenue/);
    expect(html).toMatch(
      /<td>C10<\/td><td>Active customer<\/td><td class="num">1<\/td><td class="num">CN¥10\.00<\/td>/,
    );
  });

  test('a team without customers draws empty charts', async () => {
    const second = await a.t.core.teams.create({ name: 'Empty', slug: 'empty' });
    await a.t.core.users.setRole(second.id, a.userIds.admin, 'admin');
    const html = await (await browser.get(`/admin/teams/${second.id}`)).text();
    expect(counts(chart(html, 'pyramid'), 'tier')).toEqual({
      important: 0,
      secondary: 0,
      normal: 0,
      small: 0,
    });
    expect(html).toContain('No customers yet.');
  });

  test('zh-CN labels from Accept-Language, and the lang cookie wins over it', async () => {
    const zh = await browser.get(overview, { 'accept-language': 'zh-CN,zh;q=0.9' });
    const html = await zh.text();
    expect(html).toContain('<html lang="zh-CN">');
    for (const label of ['客户金字塔（按收入）', '重要客户', '次要客户', '普通客户', '小客户']) {
      expect(html).toContain(label);
    }
    for (const label of [
      '潜在客户',
      '目标客户',
      '现实客户',
      '流失客户',
      '非客户',
      '概览',
      '成员',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('退出登录');

    const switched = await browser.get(`/admin/lang/en?next=${encodeURIComponent(overview)}`);
    expect(switched.headers.get('location')).toBe(overview);
    const en = await (await browser.get(overview, { 'accept-language': 'zh-CN' })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Customer pyramid by revenue');
  });

  test('the language switch only goes back into the console', async () => {
    const away = await browser.get('/admin/lang/zh-CN?next=https://evil.example/');
    expect(away.headers.get('location')).toBe('/admin');
    expect((await browser.get('/admin/lang/fr')).status).toBe(404);
  });
});
