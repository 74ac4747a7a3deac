import {
  addNote,
  ConsoleClient,
  createTestApp,
  ledgerPlugin,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

function chart(html: string, name: string): string {
  return new RegExp(`<svg[^>]*data-chart="${name}".*?</svg>`, 's').exec(html)?.[0] ?? '';
}

function counts(svg: string): Record<string, number> {
  const pattern = /data-key="([^"]+)" data-count="(\d+)"/g;
  return Object.fromEntries([...svg.matchAll(pattern)].map((m) => [m[1], Number(m[2])]));
}

describe.each(testDialects())('the console overview on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let browser: ConsoleClient;
  let overview: string;
  beforeEach(async () => {
    a = await createTestApp({ dialect, plugins: [ledgerPlugin], app: appUnderTest() });
    const { core } = a.t;
    // Ten customers with revenue 100…1,000 (the rep owns the first four), two prospects without orders.
    for (let i = 1; i <= 10; i++) {
      const customer = await core.customers.create(a.teamA, {
        kind: 'person',
        name: `C${i}`,
        ...(i <= 4 ? { ownerUserId: a.userIds.rep } : {}),
      });
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

  test('the funnel counts the team’s customers per stage; the top customers link to their pages', async () => {
    const html = await (await browser.get(overview)).text();
    const svg = chart(html, 'funnel');
    expect(svg).toMatch(/<title id="funnel-title">Lifecycle funnel: 12 customers<\/title>/);
    expect(counts(svg)).toEqual({
      potential: 1,
      target: 1,
      active: 8,
      churned: 2,
      non_customer: 0,
    });
    expect(svg).toContain('>Active customer</text>');
    const [top] = await a.t.core.customers.list(a.teamA, { q: 'C10' }).then((page) => page.items);
    expect(html).toContain(`<a href="/admin/teams/${a.teamA}/customers/${top?.id}">C10</a>`);
    expect(html).toMatch(/CN¥10\.00/);
    expect(html).toContain('Pending hook failures');
  });

  test('a rep sees their own customers and figures, and no settings', async () => {
    const rep = new ConsoleClient(a.app);
    await rep.signIn(a.keys.rep);
    const html = await (await rep.get(overview)).text();
    expect(counts(chart(html, 'funnel'))).toEqual({
      potential: 0,
      target: 0,
      active: 2,
      churned: 2,
      non_customer: 0,
    });
    expect(html).toContain('My customers');
    expect(html).toContain('CN¥10.00');
    expect(html).not.toContain('>C10</a>');
    expect(html).not.toContain('Pending hook failures');
    for (const tab of ['members', 'modules', 'webhooks', 'hook-failures', 'import']) {
      expect(html).not.toContain(`href="${overview}/${tab}"`);
    }
    expect(html).toContain(`href="${overview}/customers"`);
  });

  test('a plugin’s widget shows for a team that has it on, drawn by the console', async () => {
    const customer = (await a.t.core.customers.list(a.teamA)).items[0];
    await addNote(a.t.core.db, {
      teamId: a.teamA,
      customerId: customer?.id ?? 0,
      text: 'n',
      at: '2025-01-01',
    });
    expect(await (await browser.get(overview)).text()).not.toContain('data-widget');
    await a.t.core.plugins.enable(a.teamA, 'ledger', 'test');
    const html = await (await browser.get(overview)).text();
    const widget = /data-widget="ledger\/count">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
    expect(widget).toContain('<h2>Notes</h2>');
    expect(widget).toContain(`href="${overview}/plugins/ledger/book"`);
    expect(counts(chart(widget, 'pyramid'))).toEqual({ all: 1 });
    expect(html).toContain(`href="${overview}/plugins/ledger/book"`);
  });

  test('zh-CN labels from Accept-Language, and the lang cookie wins over it', async () => {
    const zh = await browser.get(overview, { 'accept-language': 'zh-CN,zh;q=0.9' });
    const html = await zh.text();
    expect(html).toContain('<html lang="zh-CN">');
    for (const label of [
      '潜在客户',
      '目标客户',
      '现实客户',
      '流失客户',
      '非客户',
      '概览',
      '客户',
      '成员',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('退出登录');

    const switched = await browser.get(`/admin/lang/en?next=${encodeURIComponent(overview)}`);
    expect(switched.headers.get('location')).toBe(overview);
    const en = await (await browser.get(overview, { 'accept-language': 'zh-CN' })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Lifecycle funnel');
  });

  test('the language switch only goes back into the console', async () => {
    const away = await browser.get('/admin/lang/zh-CN?next=https://evil.example/');
    expect(away.headers.get('location')).toBe('/admin');
    const listed = await browser.get(
      `/admin/lang/zh-CN?next=${encodeURIComponent('/admin/teams/1/customers?stage=active')}`,
    );
    expect(listed.headers.get('location')).toBe('/admin/teams/1/customers?stage=active');
    expect((await browser.get('/admin/lang/fr')).status).toBe(404);
  });
});
