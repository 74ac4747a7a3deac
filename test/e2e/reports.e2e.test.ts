import { readFileSync } from 'node:fs';
import type { Core, Locale } from '@guanxi/core';
import { defined } from '@guanxi/testing';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, consoleSuite } from './console-browser';

/** Each report: its page, a table of it, its title and a word its CSV holds, in each language. */
const REPORTS: readonly {
  readonly page: string;
  readonly table: string;
  readonly title: Readonly<Record<Locale, string>>;
  readonly word: Readonly<Record<Locale, string>>;
}[] = [
  {
    page: 'service/complaints-report',
    table: 'by-cause',
    title: { en: 'Complaints report', 'zh-CN': '投诉报表' },
    word: { en: 'product quality', 'zh-CN': '产品质量' },
  },
  {
    page: 'service/relationship-quality',
    table: 'by-month',
    title: { en: 'Relationship quality', 'zh-CN': '关系质量' },
    word: { en: 'Trust', 'zh-CN': '信任感' },
  },
  {
    page: 'winback/churn-report',
    table: 'by-kind',
    title: { en: 'Churn report', 'zh-CN': '流失报表' },
    word: { en: 'Competitive (lost to a rival)', 'zh-CN': '竞争流失' },
  },
  {
    page: 'winback/winback-report',
    table: 'by-kind',
    title: { en: 'Win-back report', 'zh-CN': '挽回报表' },
    word: { en: 'Competitive (lost to a rival)', 'zh-CN': '竞争流失' },
  },
  {
    page: 'loyalty/loyalty-report',
    table: 'measures',
    title: { en: 'Loyalty report', 'zh-CN': '忠诚报表' },
    word: { en: 'Time spent choosing', 'zh-CN': '挑选时间' },
  },
  {
    page: 'reports/satisfaction',
    table: 'measures',
    title: { en: 'Customer satisfaction', 'zh-CN': '客户满意度' },
    word: { en: 'Asked for us by name', 'zh-CN': '指名度' },
  },
  {
    page: 'reports/satisfaction-loyalty',
    table: 'combinations',
    title: { en: 'Satisfaction and loyalty', 'zh-CN': '满意与忠诚' },
    word: { en: 'Satisfied, not loyal', 'zh-CN': '满意但不忠诚' },
  },
  {
    page: 'reports/retention',
    table: 'indicators',
    title: { en: 'Customer retention', 'zh-CN': '客户保持' },
    word: { en: 'Share of wallet (where known)', 'zh-CN': '客户占有率' },
  },
  {
    page: 'reports/rep-figures',
    table: 'members',
    title: { en: 'Each rep’s figures', 'zh-CN': '员工业绩' },
    word: { en: 'Whole team', 'zh-CN': '全团队' },
  },
];

interface Keys {
  readonly manager: string;
  readonly rep: string;
}

/** A tea trader's first months: orders, a complaint worked to its end, surveys, a churn. */
async function seed(core: Core): Promise<{ teamId: number; keys: Keys }> {
  const team = await core.teams.create({ name: '上海茶业', slug: 'sh-tea', locale: 'zh-CN' });
  for (const plugin of core.installed) await core.plugins.enable(team.id, plugin.id, 'e2e');
  const member = async (email: string, name: string, role: 'manager' | 'rep') => {
    const user = await core.users.create({ email, name });
    await core.users.setRole(team.id, user.id, role);
    return { id: user.id, key: (await core.apiKeys.create(user.id, 'e2e')).key };
  };
  const manager = await member('manager@tea.test', '经理 王', 'manager');
  const rep = await member('rep@tea.test', 'Rep Li', 'rep');
  const customers = await core.customers.createMany(
    team.id,
    ['王芳', '李雷', '张伟', '赵敏'].map((name, i) => ({
      kind: 'person' as const,
      name,
      ownerUserId: i % 2 === 0 ? rep.id : manager.id,
    })),
  );
  const [wang, li, zhang] = customers.map((customer) => customer.id) as [number, number, number];
  await core.orders.record(
    team.id,
    customers.flatMap((customer, i) =>
      Array.from({ length: i + 1 }, (_, n) => ({
        customerId: customer.id,
        amount: 50_000,
        placedAt: `2025-0${n + 1}-1${i}`,
      })),
    ),
  );
  const send = (
    plugin: string,
    operationId: string,
    body: unknown,
    params?: Record<string, string>,
  ) =>
    core.plugins.serve(
      team.id,
      plugin,
      operationId,
      { body, ...(params === undefined ? {} : { params }) },
      { actor: `user:${rep.id}`, role: 'rep', locale: 'zh-CN' },
    );
  const complaint = (
    await send('service', 'openComplaint', {
      customerId: wang,
      cause: 'product_quality',
      summary: '茶叶受潮',
    })
  ).body as { id: number };
  for (const step of [
    { to: 'recorded', valid: true },
    { to: 'remedy_proposed', remedy: '换货' },
    { to: 'remedy_accepted' },
    { to: 'followed_up' },
    { to: 'closed', note: '客户满意' },
  ]) {
    await send('service', 'stepComplaint', step, { id: String(complaint.id) });
  }
  for (const [customerId, score] of [
    [wang, 5],
    [li, 3],
    [zhang, 4],
  ] as const) {
    await send('service', 'recordSurvey', {
      customerId,
      kind: 'csat',
      score,
      items: { trust: score, satisfaction: score },
      byName: score > 3,
      needsMet: score * 20,
      walletShare: 50,
      answeredAt: '2025-04-01',
    });
    await send('loyalty', 'recordAttitude', { customerId, score, choosingDays: 2, competitors: 4 });
  }
  await send('winback', 'recordSignal', { customerId: li, kind: 'rival_offer', note: '对手降价' });
  await core.lifecycle.transition(team.id, li, {
    to: 'churned',
    reason: '转向竞争对手',
    actor: `user:${manager.id}`,
  });
  return { teamId: team.id, keys: { manager: manager.key, rep: rep.key } };
}

describe('the reports in Chromium', () => {
  const suite = consoleSuite('2025-05-01T02:00:00Z', seed);

  /** A browser of its own, in this language, signed in with this key. */
  const signedIn = async (locale: Locale, key: string): Promise<Page> =>
    (await suite.browser.signedIn(locale, key, suite.teamId)).page;

  /** Downloads a table of the page as the browser does; its bytes. */
  async function download(page: Page, table: string): Promise<Buffer> {
    const started = page.waitForEvent('download');
    await page.click(`section[data-table="${table}"] a[data-action="download"]`);
    return readFileSync(defined(await (await started).path()));
  }

  describe.each(['en', 'zh-CN'] as const)('in %s', (locale) => {
    test('a manager opens each report from the navigation and downloads its CSV', async () => {
      const page = await signedIn(locale, suite.seeded.keys.manager);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (const report of REPORTS) {
        const href = `/admin/teams/${suite.teamId}/plugins/${report.page}`;
        await page.click(`aside a[href="${href}"]`);
        await page.waitForURL(`${suite.base}${href}`);
        expect(await page.locator('h1').textContent()).toBe(report.title[locale]);
        expect(await page.locator('p[data-block="rule"]').count()).toBe(1);
        await page.locator('svg.chart').first().waitFor();
        expect(await page.locator('form input[name="from"]').inputValue()).toBe('2024-06-01');
        await page.screenshot({
          path: `${ARTIFACTS}report-${report.page.replace('/', '-')}-${locale}.png`,
          fullPage: true,
        });
        const bytes = await download(page, report.table);
        expect([...bytes.subarray(0, 3)], report.page).toEqual([0xef, 0xbb, 0xbf]);
        const text = bytes.subarray(3).toString('utf8');
        expect(text, report.page).toContain(report.word[locale]);
        expect(text.split('\r\n').length, report.page).toBeGreaterThan(2);
      }
      expect(dialogs).toEqual([]);
      await page.context().close();
    });

    test('a manager narrows a report to a range of days', async () => {
      const page = await signedIn(locale, suite.seeded.keys.manager);
      await page.goto(
        `${suite.base}/admin/teams/${suite.teamId}/plugins/service/complaints-report`,
      );
      expect(await page.locator('section[data-table="by-cause"] table').count()).toBe(1);
      // The complaint was opened on 1 May: a range of April has none.
      await page.fill('form input[name="from"]', '2025-04-01');
      await page.fill('form input[name="to"]', '2025-04-30');
      await page.click('section[data-block="filters"] button[type="submit"]');
      await page.waitForURL(/from=2025-04-01&to=2025-04-30/);
      expect(await page.locator('section[data-table="by-cause"] table').count()).toBe(0);
      expect(await page.locator('section[data-table="by-cause"] p.empty').count()).toBe(1);
      await page.context().close();
    });

    test('a rep sees their own figures and no other report', async () => {
      const page = await signedIn(locale, suite.seeded.keys.rep);
      const nav = page.locator('aside a[href*="/plugins/"]');
      const links = await nav.evaluateAll((items) => items.map((a) => a.getAttribute('href')));
      expect(links).toContain(`/admin/teams/${suite.teamId}/plugins/reports/rep-figures`);
      expect(links).not.toContain(`/admin/teams/${suite.teamId}/plugins/reports/satisfaction`);
      await page.goto(`${suite.base}/admin/teams/${suite.teamId}/plugins/reports/rep-figures`);
      const members = await page
        .locator('section[data-table="members"] tbody tr td:first-child')
        .allTextContents();
      expect(members).toEqual(['Rep Li']);
      await page.screenshot({
        path: `${ARTIFACTS}report-rep-figures-rep-${locale}.png`,
        fullPage: true,
      });
      const refused = await page.goto(
        `${suite.base}/admin/teams/${suite.teamId}/plugins/reports/retention`,
      );
      expect(refused?.status()).toBe(403);
      await page.context().close();
    });
  });
});
