import type { Core, Locale } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import { callPluginRoute } from '@guanxi/testing';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS, consoleSuite } from './console-browser';

/** What each language's run looks for, and what it types. */
const WORDS: Readonly<
  Record<
    Locale,
    {
      queue: string;
      complaint: string;
      steps: readonly string[];
      closed: string;
      worklist: string;
      stepDone: string;
      rewards: string;
      rewardAdded: string;
      reward: string;
      notRole: string;
      note: string;
      remedy: string;
    }
  >
> = {
  en: {
    queue: 'Complaint queue',
    complaint: 'Tea arrived damp',
    steps: [
      'Complaint recorded.',
      'Remedy proposed.',
      'Remedy accepted.',
      'Follow-up recorded.',
      'Complaint closed.',
    ],
    closed: 'This complaint is closed.',
    worklist: 'Win-back worklist',
    stepDone: 'Step done.',
    rewards: 'Rewards catalogue',
    rewardAdded: 'Reward added.',
    reward: 'Tea set for two',
    notRole: 'Not for your role',
    note: 'The box sat in the rain',
    remedy: 'Send a fresh box tomorrow',
  },
  'zh-CN': {
    queue: '投诉队列',
    complaint: '茶叶受潮',
    steps: ['投诉已记录。', '补救方案已提出。', '补救方案已接受。', '回访已记录。', '投诉已关闭。'],
    closed: '此投诉已关闭。',
    worklist: '客户挽回工作清单',
    stepDone: '步骤已完成。',
    rewards: '奖励目录',
    rewardAdded: '奖励已添加。',
    reward: '双人茶具',
    notRole: '您的角色无权访问',
    note: '包装淋了雨',
    remedy: '明天补发一盒新茶',
  },
};

interface Book {
  readonly teamId: number;
  readonly manager: string;
  readonly rep: string;
  readonly repId: number;
}

/**
 * A tea trader's book: 30 customers with orders over five months, the rep owning every third,
 * ranked into tiers; a complaint for each language's run, two churned customers with their
 * win-back playbooks, the at-risk list from a detection, and a first reward redeemed.
 */
async function seed(core: Core): Promise<Book> {
  const team = await core.teams.create({ name: '杭州茶庄 Hangzhou Tea', slug: 'hz-tea' });
  const user = async (email: string, name: string, role: 'manager' | 'rep') => {
    const created = await core.users.create({ email, name });
    await core.users.setRole(team.id, created.id, role);
    return { id: created.id, key: (await core.apiKeys.create(created.id, 'e2e')).key };
  };
  const manager = await user('manager@tea.test', '经理 王', 'manager');
  const rep = await user('rep@tea.test', 'Rep Li', 'rep');
  for (const plugin of await bundledPlugins()) await core.plugins.enable(team.id, plugin.id, 'e2e');
  const customers = await core.customers.createMany(
    team.id,
    Array.from({ length: 30 }, (_, i) => ({
      kind: 'person' as const,
      name: `${['王芳', 'Chen Jing', '赵敏', 'Wu Hao', '孙丽'][i % 5]} ${i + 1}`,
      ownerUserId: i % 3 === 0 ? rep.id : manager.id,
    })),
  );
  await core.orders.record(
    team.id,
    customers.flatMap((customer, i) =>
      [1, 2, 3].map((month) => ({
        customerId: customer.id,
        amount: Math.round(3_000_000 / (i + 1)) + month,
        placedAt: `2025-0${month + (i % 2)}-1${i % 9}`,
      })),
    ),
  );
  await core.jobs.run('tiering:recompute', { teamId: team.id });
  const serve = (path: string, body: unknown) =>
    callPluginRoute(
      core,
      team.id,
      path.split('/')[0] as string,
      'POST',
      `/${path.split('/').slice(1).join('/')}`,
      body,
      { actor: `user:${manager.id}`, role: 'manager', locale: 'en' },
    );
  // One for each language's run, one more of the rep's that stays open, one of the manager's.
  for (const [index, summary] of [
    [0, WORDS.en.complaint],
    [3, WORDS['zh-CN'].complaint],
    [6, 'Leaves too bitter 茶太苦'],
    [1, 'Invoice wrong 发票有误'],
  ] as const) {
    const opened = await serve('service/complaints', {
      customerId: customers[index]?.id,
      cause: 'product_quality',
      summary,
      channel: 'phone',
    });
    expect(opened.status).toBe(201);
  }
  for (const customer of customers.slice(1, 3)) {
    await core.lifecycle.transition(team.id, customer.id, {
      to: 'churned',
      reason: '转向竞争对手',
      actor: `user:${manager.id}`,
    });
  }
  await core.jobs.run('winback:detect', { teamId: team.id });
  return { teamId: team.id, manager: manager.key, rep: rep.key, repId: rep.id };
}

describe('the plugins’ queues in Chromium', () => {
  const suite = consoleSuite('2025-06-01T02:00:00Z', seed);

  /** A browser of its own in this language, signed in with this key; script dialogs recorded. */
  const signedIn = (locale: Locale, key: string) =>
    suite.browser.signedIn(locale, key, suite.teamId);

  const shot = (page: Page, name: string, locale: Locale) =>
    page.screenshot({ path: `${ARTIFACTS}console-${name}-${locale}.png`, fullPage: true });
  const notice = (page: Page) => page.locator('main p.notice[role="status"]').first().textContent();
  const nav = (page: Page, plugin: string, path: string) =>
    page.click(`aside a[href="/admin/teams/${suite.teamId}/plugins/${plugin}/${path}"]`);

  describe.each(['en', 'zh-CN'] as const)('in %s', (locale) => {
    const words = WORDS[locale];

    test('a manager works a complaint through its four steps from the queue', async () => {
      const { context, page, dialogs } = await signedIn(locale, suite.seeded.manager);
      await nav(page, 'service', 'complaints');
      expect(await page.locator('h1').textContent()).toBe(words.queue);
      await shot(page, 'complaints', locale);
      const row = page.locator('section[data-table="queue"] tbody tr', {
        hasText: words.complaint,
      });
      await row.locator('a[href*="/plugins/service/complaint?id="]').click();
      await page.waitForURL(/\/plugins\/service\/complaint\?id=\d+$/);
      expect(await page.locator('main').textContent()).toContain(words.complaint);
      await shot(page, 'complaint', locale);

      await page.selectOption('form[data-form="record"] select[name="valid"]', 'yes');
      await page.fill('form[data-form="record"] textarea[name="note"]', words.note);
      await page.click('form[data-form="record"] button[type="submit"]');
      await page.waitForURL(/done=record/);
      expect(await notice(page)).toBe(words.steps[0]);
      await page.fill('form[data-form="propose"] textarea[name="remedy"]', words.remedy);
      await page.click('form[data-form="propose"] button[type="submit"]');
      await page.waitForURL(/done=propose/);
      expect(await notice(page)).toBe(words.steps[1]);
      await page.click('form[data-form="accept"] button[type="submit"]');
      await page.waitForURL(/done=accept/);
      expect(await notice(page)).toBe(words.steps[2]);
      await page.click('form[data-form="follow-up"] button[type="submit"]');
      await page.waitForURL(/done=follow-up/);
      expect(await notice(page)).toBe(words.steps[3]);
      await page.click('form[data-form="close"] button[type="submit"]');
      await page.waitForURL(/done=close/);
      expect(await notice(page)).toBe(words.steps[4]);
      expect(await page.locator('div[data-block="stats"]').textContent()).toContain(words.closed);
      const history = page.locator('section[data-table="steps"] tbody tr');
      expect(await history.count()).toBe(6);
      expect(await history.nth(1).textContent()).toContain(words.note);
      await shot(page, 'complaint-closed', locale);
      await nav(page, 'service', 'complaints');
      expect(await page.locator('main').textContent()).not.toContain(words.complaint);
      expect(dialogs).toEqual([]);
      await context.close();
    });

    test('a manager does a win-back step from the worklist', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.manager);
      await nav(page, 'winback', 'worklist');
      expect(await page.locator('h1').textContent()).toBe(words.worklist);
      const first = page.locator('section[data-table="churned"] tbody tr').first();
      const before = await first.locator('td').nth(4).textContent();
      const customer = await first.locator('td').first().textContent();
      await shot(page, 'worklist', locale);
      await first.locator('button[type="submit"]').click();
      await page.waitForURL(/done=done/);
      expect(await notice(page)).toBe(words.stepDone);
      const again = page.locator('section[data-table="churned"] tbody tr', {
        hasText: customer ?? '',
      });
      expect(await again.locator('td').nth(4).textContent()).not.toBe(before);
      expect(await page.locator('section[data-table="at-risk"] tbody tr').count()).toBeGreaterThan(
        0,
      );
      await context.close();
    });

    test('a manager adds a reward to the catalogue', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.manager);
      await nav(page, 'loyalty', 'rewards');
      expect(await page.locator('h1').textContent()).toBe(words.rewards);
      await page.fill('form[data-form="create"] input[name="name"]', words.reward);
      await page.fill('form[data-form="create"] input[name="cost"]', '0');
      await page.click('form[data-form="create"] button[type="submit"]');
      await page.locator('form[data-form="create"] label.invalid').waitFor();
      expect(await page.locator('form[data-form="create"] label.invalid').textContent()).toContain(
        'must be at least 1 point',
      );
      await page.fill('form[data-form="create"] input[name="cost"]', '800');
      await page.click('form[data-form="create"] button[type="submit"]');
      await page.waitForURL(/done=create/);
      expect(await notice(page)).toBe(words.rewardAdded);
      expect(await page.locator('section[data-table="rewards"]').textContent()).toContain(
        words.reward,
      );
      await shot(page, 'rewards', locale);
      for (const [plugin, path] of [
        ['loyalty', 'members'],
        ['loyalty', 'redemptions'],
        ['tiering', 'movements'],
      ] as const) {
        await nav(page, plugin, path);
        await page.locator('.blocks').waitFor();
        await shot(page, `${plugin}-${path}`, locale);
      }
      await context.close();
    });

    test('a rep’s queue holds their own customers’ complaints; the members page is not for them', async () => {
      const { context, page } = await signedIn(locale, suite.seeded.rep);
      await nav(page, 'service', 'complaints');
      const customers = await page
        .locator('section[data-table="queue"] tbody tr td:nth-child(3)')
        .allTextContents();
      const { items } = await suite.core.customers.list(suite.teamId, { limit: 200 });
      const owners = new Map(items.map((each) => [each.name, each.ownerUserId]));
      expect(customers.length).toBeGreaterThan(0);
      for (const name of customers) expect(owners.get(name), name).toBe(suite.seeded.repId);
      expect(await page.locator('main').textContent()).toContain('Leaves too bitter 茶太苦');
      expect(await page.locator('main').textContent()).not.toContain('Invoice wrong');
      await shot(page, 'rep-complaints', locale);
      expect(await page.locator('aside a[href$="/plugins/loyalty/members"]').count()).toBe(0);
      const refused = await page.goto(
        `${suite.base}/admin/teams/${suite.teamId}/plugins/loyalty/members`,
      );
      expect(refused?.status()).toBe(403);
      expect(await page.locator('h2').textContent()).toBe(words.notRole);
      await context.close();
    });
  });
});
