import { readFileSync } from 'node:fs';
import type { Core, Locale } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import { defined } from '@guanxi/testing';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, type ConsolePage, consoleSuite } from './console-browser';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** What each language's run looks for on the pages. */
const WORDS: Readonly<
  Record<
    Locale,
    {
      customers: string;
      members: string;
      signIn: string;
      churned: string;
      stageChanged: string;
      pyramid: string;
      name: string;
      notRole: string;
      models: string;
      actual: string;
    }
  >
> = {
  en: {
    customers: 'Customers',
    members: 'Members',
    signIn: 'Sign in',
    churned: 'Churned customer',
    stageChanged: 'Stage changed.',
    pyramid: 'Customer pyramid',
    name: 'Name',
    notRole: 'Not for your role',
    models: 'Model and backtest',
    actual: 'Actual',
  },
  'zh-CN': {
    customers: '客户',
    members: '成员',
    signIn: '登录',
    churned: '流失客户',
    stageChanged: '阶段已变更。',
    pyramid: '客户金字塔',
    name: '姓名',
    notRole: '您的角色无权访问',
    models: '模型与回测',
    actual: '实际',
  },
};

interface People {
  readonly manager: string;
  readonly rep: string;
  readonly admin: string;
  readonly repId: number;
}

/** A tea trader's book: 40 customers with orders, ten of them the rep's, ranked into tiers. */
async function seed(core: Core): Promise<{ teamId: number; people: People }> {
  const team = await core.teams.create({
    name: '上海茶业 Shanghai Tea',
    slug: 'sh-tea',
    locale: 'zh-CN',
  });
  const user = async (email: string, name: string, role: 'admin' | 'manager' | 'rep') => {
    const created = await core.users.create({ email, name });
    await core.users.setRole(team.id, created.id, role);
    return { id: created.id, key: (await core.apiKeys.create(created.id, 'e2e')).key };
  };
  const admin = await user('admin@guanxi.test', 'Admin Zhou', 'admin');
  const manager = await user('manager@guanxi.test', '经理 王', 'manager');
  const rep = await user('rep@guanxi.test', 'Rep Li', 'rep');
  for (const plugin of bundledPluginsList) await core.plugins.enable(team.id, plugin, 'e2e');
  const names = [
    '王芳',
    '李雷',
    '张伟',
    'Chen Jing',
    'Liu Yang',
    '赵敏',
    'Zhou Qi',
    '孙丽',
    'Wu Hao',
    '郑爽',
  ];
  const customers = await core.customers.createMany(
    team.id,
    Array.from({ length: 40 }, (_, i) => ({
      kind: 'person' as const,
      name: `${names[i % names.length]} ${Math.floor(i / names.length) + 1}`,
      emails: [`c${i}@tea.test`],
      ...(i % 4 === 0 ? { ownerUserId: rep.id } : { ownerUserId: manager.id }),
    })),
  );
  await core.customers.create(team.id, { kind: 'person', name: HOSTILE, ownerUserId: manager.id });
  await core.orders.record(
    team.id,
    customers.map((customer, i) => ({
      customerId: customer.id,
      amount: Math.round(5_000_000 / (i + 1)),
      placedAt: `2025-0${(i % 5) + 1}-1${i % 9}`,
      externalId: `SO-${i + 1}`,
    })),
  );
  // Repeat orders, small enough to leave the ranks as they are: every other customer again ten
  // days on, every third in late May, so the purchase models have repeat buyers to fit.
  await core.orders.record(
    team.id,
    customers.flatMap((customer, i) => [
      ...(i % 2 === 0
        ? [{ customerId: customer.id, amount: 1_000, placedAt: `2025-0${(i % 5) + 1}-2${i % 9}` }]
        : []),
      ...(i % 3 === 0
        ? [{ customerId: customer.id, amount: 1_000, placedAt: `2025-05-2${(i % 8) + 1}` }]
        : []),
    ]),
  );
  await core.interactions.log(
    team.id,
    customers.slice(0, 10).map((customer) => ({
      customerId: customer.id,
      channel: 'visit' as const,
      direction: 'outbound' as const,
      summary: '拜访客户，讨论春茶订单',
      occurredAt: '2025-05-20T02:00:00Z',
      actor: `user:${rep.id}`,
    })),
  );
  await core.jobs.run('tiering:recompute', { teamId: team.id });
  await core.jobs.run('scoring:fit', { teamId: team.id });
  return {
    teamId: team.id,
    people: { admin: admin.key, manager: manager.key, rep: rep.key, repId: rep.id },
  };
}

const bundled = await bundledPlugins();
const bundledPluginsList = bundled.map((plugin) => plugin.id);

describe('the console in Chromium', () => {
  const suite = consoleSuite('2025-06-01T08:00:00Z', seed);

  /** A browser of its own, in this language, signed in with this key; script dialogs recorded. */
  async function signedIn(locale: Locale, key: string): Promise<ConsolePage> {
    const opened = await suite.browser.open(locale);
    await opened.page.goto(`${suite.base}/admin`);
    expect(opened.page.url()).toBe(`${suite.base}/admin/sign-in`);
    expect(await opened.page.locator('h2').textContent()).toBe(WORDS[locale].signIn);
    await suite.browser.signIn(opened.page, key, suite.teamId);
    return opened;
  }

  const shot = (page: Page, name: string, locale: Locale) =>
    page.screenshot({ path: `${ARTIFACTS}console-${name}-${locale}.png`, fullPage: true });

  describe.each(['en', 'zh-CN'] as const)('in %s', (locale) => {
    const words = WORDS[locale];

    test('a manager finds a customer, opens the page, sees the timeline and changes the stage', async () => {
      const { context, page, dialogs } = await signedIn(locale, suite.seeded.people.manager);
      const session = defined(
        (await context.cookies()).find((cookie) => cookie.name === 'gx_session'),
      );
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
      expect(session.value).not.toContain(suite.seeded.people.manager);
      expect(await page.content()).not.toContain(suite.seeded.people.manager);
      await page.locator('svg[data-chart="pyramid"]').waitFor();
      await shot(page, 'overview', locale);

      await page.click(`aside a[href="/admin/teams/${suite.teamId}/customers"]`);
      await page.waitForURL(`${suite.base}/admin/teams/${suite.teamId}/customers`);
      expect(await page.locator('h1').textContent()).toBe(words.customers);
      await shot(page, 'customers', locale);
      // The 12th and 6th customers seeded, ranked into the normal and secondary tiers; each is
      // found by their e-mail.
      const [wanted, email] =
        locale === 'en' ? ['李雷 2', 'c11@tea.test'] : ['赵敏 1', 'c5@tea.test'];
      await page.fill('input[name="q"]', email);
      await page.click('form[data-form="filters"] button[type="submit"]');
      const rows = page.locator('table[data-table="customers"] tbody tr');
      await expect.poll(() => rows.count()).toBe(1);
      await rows.locator('a').first().click();
      await page.waitForURL(/\/customers\/\d+$/);
      expect(await page.locator('h1').textContent()).toBe(wanted);

      const timeline = page.locator('section[data-section="timeline"] ol.timeline li');
      const kinds = await timeline.evaluateAll((items) =>
        items.map((item) => item.getAttribute('data-kind')),
      );
      expect(kinds).toContain('order');
      expect(kinds).toContain('stage');
      expect(kinds, (await timeline.allTextContents()).join(' | ')).toContain('tier');
      await shot(page, 'customer', locale);

      await page.selectOption('form[data-form="stage"] select[name="to"]', 'churned');
      await page.fill(
        'form[data-form="stage"] input[name="reason"]',
        locale === 'en' ? 'Moved to a rival' : '转向竞争对手',
      );
      await page.click('form[data-form="stage"] button[type="submit"]');
      await page.waitForURL(/notice=stageChanged/);
      expect(await page.locator('p.notice').first().textContent()).toBe(words.stageChanged);
      expect(await page.locator('section[data-section="summary"] h2 .pill').textContent()).toBe(
        words.churned,
      );
      const first = page.locator('section[data-section="timeline"] ol.timeline li').first();
      expect(await first.getAttribute('data-kind')).toBe('stage');
      expect(await first.textContent()).toContain(
        locale === 'en' ? 'Moved to a rival' : '转向竞争对手',
      );
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);

      await page.click(`aside a[href="/admin/teams/${suite.teamId}/plugins/tiering/pyramid"]`);
      await page.waitForURL(/\/plugins\/tiering\/pyramid$/);
      expect(await page.locator('h1').textContent()).toBe(words.pyramid);
      expect(await page.locator('svg[data-chart="pyramid"] [data-count]').count()).toBe(4);
      await shot(page, 'pyramid', locale);
      await context.close();
    });

    test('the customer list downloads as a CSV that opens with the right characters', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.people.manager);
      await page.goto(`${suite.base}/admin/teams/${suite.teamId}/customers?sort=revenue`);
      const download = page.waitForEvent('download');
      await page.click('a[data-action="download"]');
      const file = await (await download).path();
      const bytes = readFileSync(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      const lines = text.trim().split('\r\n');
      expect(lines[0]?.split(',')[1]).toBe(words.name);
      const { items } = await suite.core.customers.list(suite.teamId, { limit: 200 });
      expect(lines).toHaveLength(items.length + 1);
      expect(lines[1]).toContain('王芳 1');
      expect(text).toContain('<img src=x onerror=alert(1)>');
      await context.close();
    });

    test('a manager opens the model page: each model’s weeks as a chart, the numbers under it', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.people.manager);
      await page.click(`aside a[href="/admin/teams/${suite.teamId}/plugins/scoring/backtest"]`);
      await page.waitForURL(/\/plugins\/scoring\/backtest$/);
      expect(await page.locator('h1').textContent()).toBe(words.models);
      const models = await page.locator('section[data-table="models"] tbody tr').count();
      expect(models).toBeGreaterThan(0);
      const charts = page.locator('svg[data-chart="line"]');
      expect(await charts.count()).toBe(models);
      const chart = charts.first();
      const box = defined(await chart.boundingBox());
      expect(box.width).toBeGreaterThan(300);
      expect(await chart.locator(`g[data-series="${words.actual}"] circle`).count()).toBe(
        await page.locator('section[data-table^="weeks-"]').first().locator('tbody tr').count(),
      );
      expect(await page.locator('script').count()).toBe(0);
      await shot(page, 'scoring-backtest', locale);
      await context.close();
    });

    test('a rep sees only their own customers, and not the settings', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.people.rep);
      const nav = await page.locator('aside').textContent();
      expect(nav).toContain(words.customers);
      expect(nav).not.toContain(words.members);
      for (const tab of ['members', 'modules', 'webhooks', 'hook-failures', 'import']) {
        expect(
          await page.locator(`aside a[href="/admin/teams/${suite.teamId}/${tab}"]`).count(),
        ).toBe(0);
      }
      await page.goto(`${suite.base}/admin/teams/${suite.teamId}/customers`);
      const rows = page.locator('table[data-table="customers"] tbody tr');
      expect(await rows.count()).toBe(10);
      const owners = await page
        .locator('table[data-table="customers"] tbody tr td:nth-child(5)')
        .allTextContents();
      expect(new Set(owners)).toEqual(new Set(['Rep Li']));
      await shot(page, 'rep-customers', locale);
      const members = await page.goto(`${suite.base}/admin/teams/${suite.teamId}/members`);
      expect(members?.status()).toBe(403);
      expect(await page.locator('h2').textContent()).toBe(words.notRole);
      await context.close();
    });

    test('an import with a rejected row: progress, then the reject report', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.people.manager);
      await page.goto(`${suite.base}/admin/teams/${suite.teamId}/import`);
      await shot(page, 'import', locale);
      const csv = [
        'external_ref,kind,name,email',
        `N-${locale}-1,person,新客户 ${locale},new-${locale}@tea.test`,
        `N-${locale}-2,robot,Bad ${locale},`,
      ].join('\n');
      await page.selectOption('form[data-form="import"] select[name="kind"]', 'customers');
      await page.setInputFiles('form[data-form="import"] input[type="file"]', {
        name: `新客户-${locale}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.click('form[data-form="import"] button[type="submit"]');
      await page.waitForURL(/\/import\/\d+$/);
      await page.locator('section[data-status="done"]').waitFor({ timeout: 20_000 });
      const figures = await page.locator('section[data-status="done"] .stat b').allTextContents();
      expect(figures.slice(0, 4)).toEqual(['2', '1', '0', '1']);
      await shot(page, 'import-run', locale);
      const download = page.waitForEvent('download');
      await page.click('a[data-action="rejects"]');
      const report = readFileSync(await (await download).path(), 'utf8');
      expect(report.startsWith('\uFEFFline,field,reason')).toBe(true);
      expect(report).toMatch(/^3,kind,/m);
      await context.close();
    });
  });

  test('an admin turns a module off for the team; its page and widget leave the console', async () => {
    const { context, page } = await signedIn('en', suite.seeded.people.admin);
    expect(await page.locator('[data-widget="tiering/pyramid"]').count()).toBe(1);
    await page.click(`aside a[href="/admin/teams/${suite.teamId}/modules"]`);
    await page.click('[data-module="tiering"] button:has-text("Turn off")');
    await page.waitForURL(/notice=moduleOff/);
    expect(await page.locator('[data-module="tiering"] .pill').textContent()).toBe('Off');
    await page.goto(`${suite.base}/admin/teams/${suite.teamId}`);
    expect(await page.locator('[data-widget="tiering/pyramid"]').count()).toBe(0);
    expect(await page.locator(`aside a[href$="/plugins/tiering/pyramid"]`).count()).toBe(0);
    const gone = await page.goto(
      `${suite.base}/admin/teams/${suite.teamId}/plugins/tiering/pyramid`,
    );
    expect(gone?.status()).toBe(404);
    await shot(page, 'overview-admin', 'en');
    await suite.core.plugins.enable(suite.teamId, 'tiering', 'e2e');
    await context.close();
  });
});
