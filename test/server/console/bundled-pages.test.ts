import type { Role, TeamPage } from '@guanxi/core';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import {
  type Caller,
  ConsoleClient,
  createTestApp,
  defined,
  snapshot,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * Every console page, table and action the bundled plugins add, for every kind of caller:
 * read from the core for a team with every plugin on, so a page a plugin adds later is in
 * the matrix without a line here.
 */
describe.each(testDialects())('the bundled plugins’ console pages on %s', async (dialect) => {
  let a: TestApp<GuanxiApp>;
  const browsers = new Map<Caller, ConsoleClient>();
  let pages: TeamPage[] = [];

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
    const { core } = a.t;
    for (const plugin of bundled) await core.plugins.enable(a.teamA, plugin.id, 'test');
    const customers = await core.customers.createMany(
      a.teamA,
      [1, 2, 3, 4, 5].map((i) => ({
        kind: 'person' as const,
        name: `客户 ${i}`,
        ownerUserId: a.userIds.rep,
      })),
    );
    await core.orders.record(
      a.teamA,
      customers.map((customer, i) => ({
        customerId: customer.id,
        amount: (i + 1) * 10_000,
        placedAt: '2025-01-01',
      })),
    );
    await core.jobs.run('tiering:recompute', { teamId: a.teamA });
    for (const caller of ['admin', 'manager', 'rep', 'otherRep', 'none'] as const) {
      const browser = new ConsoleClient(a.app);
      if (caller !== 'none') await browser.signIn(a.keys[caller]);
      browsers.set(caller, browser);
    }
    pages = await core.console.pages(a.teamA);
  });
  afterAll(() => a.destroy());

  /** A request from the caller's browser: with their session's cookie and form token. */
  const request = async (caller: Caller, method: 'GET' | 'POST', path: string) => {
    const browser = defined(browsers.get(caller));
    if (method === 'GET') return browser.get(path);
    const home = caller === 'otherRep' ? `/admin/teams/${a.teamB}` : `/admin/teams/${a.teamA}`;
    return caller === 'none' ? browser.post(path, {}) : browser.submit(home, path, {});
  };

  /** Each of the page's actions refuses the callers it does not name, and changes nothing. */
  async function refusedActions(page: TeamPage): Promise<void> {
    for (const [action, { roles }] of Object.entries(page.actions)) {
      const path = `/admin/teams/${a.teamA}/plugins/${page.pluginId}/${page.path}/actions/${action}`;
      for (const caller of ['admin', 'manager', 'rep', 'otherRep', 'none'] as const) {
        if (page.roles.includes(caller as Role) && roles.includes(caller as Role)) continue;
        const before = await snapshot(a.t.core.db);
        const res = await request(caller, 'POST', path);
        const status = caller === 'none' ? 303 : caller === 'otherRep' ? 404 : 403;
        expect(res.status, `${caller} ${path}`).toBe(status);
        expect(await snapshot(a.t.core.db)).toEqual(before);
      }
    }
  }

  /** What a caller gets: sign-in without a session, 404 from another team, 403 for a role not named. */
  const expected = (roles: readonly Role[], caller: Caller, ok: number) => {
    if (caller === 'none') return 303;
    if (caller === 'otherRep') return 404;
    return roles.includes(caller as Role) ? ok : 403;
  };

  test('the bundled plugins add pages, and tiering’s pyramid is one', () => {
    expect(pages.map((page) => `${page.pluginId}/${page.path}`)).toContain('tiering/pyramid');
  });

  test('every page, its tables and its actions, for every caller', async () => {
    for (const page of pages) {
      await refusedActions(page);
      const path = `/admin/teams/${a.teamA}/plugins/${page.pluginId}/${page.path}`;
      for (const caller of ['admin', 'manager', 'rep', 'otherRep', 'none'] as const) {
        const res = await request(caller, 'GET', path);
        expect(res.status, `${caller} ${path}`).toBe(expected(page.roles, caller, 200));
        if (res.status !== 200) continue;
        const html = await res.text();
        for (const [, table] of html.matchAll(/href="[^"]*\/tables\/([a-z0-9-]+)[^"]*"/g)) {
          const csv = await request(caller, 'GET', `${path}/tables/${table}`);
          expect(csv.status, `${caller} ${path}/tables/${table}`).toBe(200);
          expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        }
      }
    }
  });

  test('the pyramid page shows the tiering plugin’s own tiers, in both languages', async () => {
    const path = `/admin/teams/${a.teamA}/plugins/tiering/pyramid`;
    const en = await (await request('manager', 'GET', path)).text();
    expect(en).toContain('<h1>Customer pyramid</h1>');
    expect(en).toMatch(/data-chart="pyramid"/);
    expect(en).toContain('ranked by revenue and cut in the shares 1 / 19 / 30 / 50 %');
    const zh = await (
      await defined(browsers.get('manager')).get(path, { 'accept-language': 'zh-CN' })
    ).text();
    expect(zh).toContain('<h1>客户金字塔</h1>');
    expect(zh).toContain('重要客户');
  });
});
