import type { Core, Locale } from '@guanxi/core';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, consoleSuite } from './console-browser';

const WORDS = {
  en: {
    pipeline: 'Pipeline',
    sources: 'Sources',
    tree: 'Referral tree',
    referral: 'Referral',
    showTree: 'Show the tree',
  },
  'zh-CN': {
    pipeline: '销售管道',
    sources: '客户来源',
    tree: '转介绍树',
    referral: '客户介绍',
    showTree: '查看转介绍树',
  },
} as const satisfies Record<Locale, unknown>;

interface Keys {
  readonly manager: string;
  readonly rep: string;
}

/**
 * A tea trader's referrals and deals: 王芳 brought three customers (a centre of influence),
 * one of whom brought another; the rep and the manager each work opportunities, won and lost.
 */
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
  const customer = async (name: string, source?: unknown) =>
    (
      await core.customers.create(team.id, {
        kind: 'person',
        name,
        ownerUserId: rep.id,
        ...(source === undefined
          ? {}
          : { attributes: { source: { value: source, source: 'sales_rep' as const } } }),
      })
    ).id;
  const wang = await customer('王芳', 'meeting:茶博会');
  const li = await customer('李雷', { kind: 'referral', referrerId: wang });
  const zhao = await customer('赵敏', { kind: 'referral', referrerId: wang });
  const qian = await customer('钱多', { kind: 'referral', referrerId: wang });
  await customer('张伟', { kind: 'referral', referrerId: li });
  const send = async (operationId: string, body: unknown, params?: Record<string, string>) => {
    const res = await core.plugins.serve(
      team.id,
      'development',
      operationId,
      { body, ...(params === undefined ? {} : { params }) },
      { actor: `user:${manager.id}`, role: 'manager', locale: 'zh-CN' },
    );
    return res.body as { id: number };
  };
  const open = (customerId: number, ownerUserId: number, amount: number) =>
    send('openOpportunity', { customerId, ownerUserId, amount, closeDay: '2025-06-30' });
  await open(li, rep.id, 800_000);
  const visit = await open(zhao, manager.id, 400_000);
  await send('moveOpportunity', { stage: 'visit' }, { opportunityId: String(visit.id) });
  const won = await open(qian, rep.id, 200_000);
  await send('winOpportunity', {}, { opportunityId: String(won.id) });
  const lost = await open(wang, manager.id, 100_000);
  await send(
    'loseOpportunity',
    { reason: 'competitor', competitor: '某茶庄' },
    { opportunityId: String(lost.id) },
  );
  return { teamId: team.id, keys: { manager: manager.key, rep: rep.key } };
}

describe('customer development in the console, in Chromium', () => {
  const suite = consoleSuite('2025-05-01T02:00:00Z', seed);

  /** A browser of its own, in this language, signed in with this key. */
  const signedIn = async (locale: Locale, key: string): Promise<Page> =>
    (await suite.browser.signedIn(locale, key, suite.teamId)).page;

  const cells = (page: Page, table: string, column: number) =>
    page
      .locator(`section[data-table="${table}"] tbody tr td:nth-child(${column})`)
      .allTextContents();

  describe.each(['en', 'zh-CN'] as const)('in %s', (locale) => {
    const words = WORDS[locale];

    test('a manager opens the pipeline, the win rate by source and a referral tree', async () => {
      const page = await signedIn(locale, suite.seeded.keys.manager);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const pipeline = `/admin/teams/${suite.teamId}/plugins/development/pipeline`;
      await page.click(`aside a[href="${pipeline}"]`);
      await page.waitForURL(`${suite.base}${pipeline}`);
      expect(await page.locator('h1').textContent()).toBe(words.pipeline);
      expect(await page.locator('p[data-block="rule"]').count()).toBe(1);
      await page.locator('svg.chart[data-chart="funnel"]').waitFor();
      expect(await cells(page, 'open', 3)).toEqual(['李雷', '赵敏']);
      expect(await cells(page, 'by-owner', 1)).toEqual(['Rep Li', '经理 王']);
      await page.screenshot({
        path: `${ARTIFACTS}development-pipeline-${locale}.png`,
        fullPage: true,
      });

      const sources = `/admin/teams/${suite.teamId}/plugins/development/sources`;
      await page.click(`aside a[href="${sources}"]`);
      await page.waitForURL(`${suite.base}${sources}`);
      expect(await page.locator('h1').textContent()).toBe(words.sources);
      await page.locator('svg.chart[data-chart="bar"]').waitFor();
      const rows = await page
        .locator('section[data-table="by-source"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
        );
      // Referrals: four customers, one deal won of one closed; meetings: 王芳, lost to a rival.
      expect(rows.find((row) => row[0] === words.referral)?.slice(1, 3)).toEqual(['4', '1']);
      expect(rows.find((row) => row[0] === words.referral)?.at(-1)).toBe('100%');
      expect(rows.find((row) => row[0] !== words.referral)?.at(-1)).toBe('0%');
      await page.screenshot({
        path: `${ARTIFACTS}development-sources-${locale}.png`,
        fullPage: true,
      });

      await page.click(`section[data-table="centres"] a:text("${words.showTree}")`);
      await page.waitForURL(/\/plugins\/development\/referrals\?customerId=\d+/);
      expect(await page.locator('h1').textContent()).toBe(words.tree);
      expect(await cells(page, 'brought', 2)).toEqual(['李雷', '张伟', '赵敏', '钱多']);
      expect(await cells(page, 'brought', 1)).toEqual(['1', '2', '1', '1']);
      await page.screenshot({
        path: `${ARTIFACTS}development-referrals-${locale}.png`,
        fullPage: true,
      });
      // From the tree to a customer's page, whose timeline leads back to their tree.
      await page.click('section[data-table="brought"] tbody tr:first-child td:nth-child(2) a');
      await page.waitForURL(/\/customers\/\d+$/);
      await page.click('a[href*="/plugins/development/referrals?customerId="]');
      await page.waitForURL(/\/plugins\/development\/referrals\?customerId=\d+/);
      expect(await cells(page, 'chain', 2)).toEqual(['王芳']);
      expect(dialogs).toEqual([]);
      await page.context().close();
    });

    test('a rep sees their own pipeline and not the sources', async () => {
      const page = await signedIn(locale, suite.seeded.keys.rep);
      await page.goto(`${suite.base}/admin/teams/${suite.teamId}/plugins/development/pipeline`);
      expect(await cells(page, 'open', 3)).toEqual(['李雷']);
      expect(await cells(page, 'by-owner', 1)).toEqual(['Rep Li']);
      const refused = await page.goto(
        `${suite.base}/admin/teams/${suite.teamId}/plugins/development/sources`,
      );
      expect(refused?.status()).toBe(403);
      await page.context().close();
    });
  });
});
