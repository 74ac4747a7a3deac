import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Core } from '@guanxi/core';
import { createTestCore, type TestCore } from '@guanxi/core/testing';
import { bundledPlugins, createApp } from '@guanxi/server';
import { type ServerType, serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * The browser extension, built as CI builds it, in real Chromium against a real server with a
 * seeded team. Fixture pages stand in for Gmail, Outlook and a company's site; each is served
 * at its real host name by route interception, and every other outside request is aborted.
 */

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXTENSION = fileURLToPath(new URL('../../packages/extension/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../artifacts/extension-gmail.png', import.meta.url));
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const REP = { email: 'lin.wei@guanxi.test', name: 'Lin Wei' };
const GMAIL = 'https://mail.google.com/mail/u/0/';
const OUTLOOK = 'https://outlook.office.com/mail/inbox';
const ACME = 'https://www.acme-trading.test/';

/**
 * Globals of the browser for code the tests run there (this file compiles without the DOM
 * library): the extension's storage on its own pages, and the page's document.
 */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};
interface PageElement {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  append(child: PageElement): void;
  cloneNode(deep: boolean): PageElement;
  querySelector(selector: string): PageElement | null;
  remove(): void;
  dataset: Record<string, string | undefined>;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
};
declare function getComputedStyle(element: unknown): { fontFamily: string };

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

async function buildExtension(target: 'build' | 'build:firefox'): Promise<void> {
  await run('pnpm', ['--filter', '@guanxi/extension', target], { cwd: EXTENSION });
}

/** The id Chromium gives an extension with this manifest key: its SHA-256, a–p for 0–f. */
function extensionIdOf(key: string): string {
  const hash = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex');
  return [...hash.slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
    .join('');
}

/** Where each seeded sender ranks by revenue among the team's 100 customers. */
const RANKED = {
  wang: { rank: 1, name: 'Wang Fang', email: 'wang.fang@jade-tea.test', tier: 'important' },
  chen: { rank: 2, name: 'Chen Jie', email: 'chen.jie@silk-road.test', tier: 'secondary' },
  acme: { rank: 3, name: 'Acme Trading', domain: 'acme-trading.test', tier: 'secondary' },
  zhao: { rank: 40, name: 'Zhao Min', email: 'zhao.min@river-mill.test', tier: 'normal' },
  hostile: { rank: 60, name: HOSTILE, email: 'hostile@evil.test', tier: 'small' },
  liu: { rank: 90, name: 'Liu Yang', email: 'liu.yang@harbour.test', tier: 'small' },
} as const;

type Seeded = Record<keyof typeof RANKED, number>;

/**
 * One team with every bundled plugin on and 100 customers whose revenue falls with their
 * rank, so the pyramid's default shares (1/19/30/50 %) give each sender a known tier. Wang
 * Fang has an open complaint; everyone earned loyalty points on their orders.
 */
async function seedTeam(core: Core, teamId: number): Promise<Seeded> {
  for (const plugin of ['scoring', 'tiering', 'service', 'winback', 'loyalty']) {
    await core.plugins.enable(teamId, plugin, 'e2e');
  }
  const byRank = new Map<number, { key: string; spec: (typeof RANKED)[keyof typeof RANKED] }>(
    Object.entries(RANKED).map(([key, spec]) => [spec.rank, { key, spec }]),
  );
  const inputs = Array.from({ length: 100 }, (_, index) => {
    const named = byRank.get(index + 1)?.spec;
    if (named === undefined) return { kind: 'company' as const, name: `Filler ${index + 1}` };
    return 'domain' in named
      ? { kind: 'company' as const, name: named.name, domains: [named.domain] }
      : { kind: 'person' as const, name: named.name, emails: [named.email] };
  });
  const customers = await core.customers.createMany(teamId, inputs);
  await core.orders.record(
    teamId,
    customers.flatMap((customer, index) =>
      [0, 1].map((n) => ({
        customerId: customer.id,
        amount: (100 - index) * 10_000,
        placedAt: `2025-0${3 + n}-1${index % 10}T10:00:00Z`,
      })),
    ),
  );
  const seeded = Object.fromEntries(
    [...byRank.values()].map(({ key, spec }) => [key, customers[spec.rank - 1]?.id as number]),
  ) as Seeded;
  const complaint = await core.plugins.serve(
    teamId,
    'service',
    new Request('http://e2e/complaints', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customerId: seeded.wang,
        cause: 'product_quality',
        summary: 'A box of oolong arrived damaged',
        channel: 'email',
      }),
    }),
    { actor: 'e2e', role: 'admin' },
  );
  expect(complaint.status).toBe(201);
  for (const job of ['scoring:fit', 'scoring:score', 'tiering:recompute', 'winback:detect']) {
    await core.jobs.run(job, { teamId });
  }
  return seeded;
}

describe('the browser extension in Chromium', () => {
  let t: TestCore;
  let server: ServerType;
  let base: string;
  let key: string;
  let teamId: number;
  let ids: Seeded;
  let profile: string;
  let ctx: BrowserContext;
  let worker: Worker;
  let extensionId: string;

  /** GET on the API as the rep. */
  async function api<T>(path: string, locale = 'en'): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${key}`, 'accept-language': locale },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  interface ApiCard {
    card: {
      stage: { label: string };
      slots: {
        tier?: { value: string; label: string };
        loyalty?: { points: number };
        complaints?: { open: { causeLabel: string }[] };
      };
    };
  }

  interface ApiInteraction {
    id: number;
    channel: string;
    direction: string;
    summary: string;
    occurredAt: string;
  }

  const interactionsOf = async (customerId: number) =>
    (
      await api<{ interactions: ApiInteraction[] }>(
        `/v1/teams/${teamId}/customers/${customerId}/interactions`,
      )
    ).interactions;

  const cardOf = (customerId: number, locale = 'en') =>
    api<ApiCard>(`/v1/context?customerId=${customerId}&teamId=${teamId}`, locale);

  /**
   * Writes the extension's local storage from one of its own pages, which works whether or not
   * the browser has put its service worker to sleep.
   */
  async function store(items: Record<string, unknown>): Promise<void> {
    const page = await openPage(`chrome-extension://${extensionId}/popup.html`);
    await page.evaluate(async (value) => {
      await chrome.storage.local.set(value);
    }, items);
    await page.close();
  }

  const configure = (settings: Record<string, unknown>) => store({ settings });

  async function openPage(url: string): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    // Built while the server is seeded; a failed build fails the suite when awaited below.
    const building = buildExtension('build');
    building.catch(() => undefined);
    t = await createTestCore({ plugins: bundledPlugins, now: '2025-06-10T08:00:00Z' });
    const { core } = t;
    const team = await core.teams.create({
      name: 'Shanghai Tea',
      slug: 'sh-tea',
      locale: 'en',
      currency: 'CNY',
    });
    teamId = team.id;
    const rep = await core.users.create(REP);
    await core.users.setRole(teamId, rep.id, 'rep');
    key = (await core.apiKeys.create(rep.id, 'e2e')).key;
    ids = await seedTeam(core, teamId);

    const { app } = createApp(core);
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });

    await building;
    const built = join(EXTENSION, '.output/chrome-mv3');
    const manifest = JSON.parse(readFileSync(join(built, 'manifest.json'), 'utf8')) as {
      key: string;
    };
    extensionId = extensionIdOf(manifest.key);
    profile = mkdtempSync(join(tmpdir(), 'guanxi-extension-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 900 },
      args: [
        `--disable-extensions-except=${built}`,
        `--load-extension=${built}`,
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // The server and the extension's own pages pass; nothing else leaves the machine.
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith(base) || url.startsWith(`chrome-extension://${extensionId}/`)
        ? route.continue()
        : route.abort();
    });
    const pages: Record<string, string> = {
      'https://mail.google.com/**': 'gmail.html',
      'https://outlook.office.com/**': 'outlook.html',
      'https://www.acme-trading.test/**': 'acme.html',
    };
    for (const [pattern, file] of Object.entries(pages)) {
      await ctx.route(pattern, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixture(file) }),
      );
    }
    worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  });

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await new Promise((resolve) => server?.close(resolve));
    await t?.destroy();
  });

  test('has the id its manifest key gives it', () => {
    expect(new URL(worker.url()).host).toBe(extensionId);
    expect(extensionId).toBe('pcnbkejblecjnjonfgipeeoldnjokhpk');
  });

  test('is set up on its options page, which checks the key with the server', async () => {
    const page = await openPage(`chrome-extension://${extensionId}/options.html`);
    await page.fill('input[name="serverUrl"]', base);
    await page.fill('input[name="apiKey"]', key);
    await page.selectOption('select[name="language"]', 'en');
    await page.fill('textarea[name="neverLog"]', 'private-mail.test');
    await page.click('button[type="submit"]');
    const outcome = page.locator('[data-state="connected"]');
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe(
      `Connected as ${REP.name} (${REP.email}). Teams: Shanghai Tea.`,
    );
    expect(await page.inputValue('input[name="apiKey"]')).toBe('');
    await page.close();
  });

  test('Gmail: a badge with the tier beside each sender who is a customer', async () => {
    const page = await openPage(`${GMAIL}#inbox`);
    const badgeOf = (email: string) =>
      page.locator(`tr:has(span[email="${email}" i]) guanxi-badge .gx-badge`);
    for (const spec of [RANKED.wang, RANKED.chen, RANKED.zhao, RANKED.liu, RANKED.hostile]) {
      const badge = badgeOf(spec.email);
      await badge.waitFor({ state: 'attached' });
      expect(await badge.getAttribute('data-tier')).toBe(spec.tier);
    }
    for (const [name, spec] of Object.entries(RANKED)) {
      if (!('email' in spec)) continue;
      const tier = (await cardOf(ids[name as keyof Seeded])).card.slots.tier;
      expect(tier?.value, name).toBe(spec.tier);
      expect(await badgeOf(spec.email).textContent()).toBe(tier?.label);
    }
    expect(await badgeOf(REP.email).count()).toBe(0);
    expect(await badgeOf('new.lead@unknown-co.test').count()).toBe(0);
    expect(await badgeOf(RANKED.hostile.email).getAttribute('title')).toContain(HOSTILE);
    // The list changes: badges already shown stay as they are, a new row gets its own, and a
    // row that now shows another sender gets that sender's badge instead.
    await page.evaluate((liu) => {
      for (const badge of document.querySelectorAll('guanxi-badge')) badge.dataset.first = '1';
      const rows = document.querySelector('#threads tbody');
      const chen = document.querySelector('tr[data-thread="chen"]');
      const copy = chen?.cloneNode(true);
      copy?.querySelector('guanxi-badge')?.remove();
      if (rows && copy) rows.append(copy);
      document.querySelector('tr[data-thread="zhao"] span[email]')?.setAttribute('email', liu);
    }, RANKED.liu.email);
    await page.locator('guanxi-badge').nth(5).waitFor({ state: 'attached' });
    await expect.poll(() => badgeOf(RANKED.zhao.email).count()).toBe(0);
    expect(await page.locator('guanxi-badge').count()).toBe(6);
    expect(await page.locator('guanxi-badge[data-first]').count()).toBe(4);
    await expect
      .poll(() => page.locator('tr[data-thread="zhao"] .gx-badge').getAttribute('data-tier'))
      .toBe('small');
    await page.close();
  });

  test('Gmail: the card beside an opened message, and "log this e-mail"', async () => {
    const page = await openPage(`${GMAIL}#inbox`);
    await page.click('tr[data-thread="wang"]');
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    expect(await card.getAttribute('class')).toContain('gx-dock');

    const expected = (await cardOf(ids.wang)).card;
    const field = (name: string) => card.locator(`[data-field="${name}"]`).first();
    expect(await field('name').textContent()).toBe(RANKED.wang.name);
    expect(await field('tier').getAttribute('data-tier')).toBe('important');
    expect(await field('tier').textContent()).toBe(expected.slots.tier?.label);
    expect(await field('stage').textContent()).toBe(expected.stage.label);
    expect(expected.slots.loyalty?.points).toBeGreaterThan(0);
    expect(await field('points').textContent()).toBe(
      expected.slots.loyalty?.points.toLocaleString('en'),
    );
    const complaint = expected.slots.complaints?.open[0]?.causeLabel as string;
    expect(complaint).toBeTruthy();
    expect(await field('complaints').textContent()).toContain(complaint);
    expect(await card.locator('[data-panel^="tiering/"]').count()).toBe(1);
    // The page's loud styles stop at the shadow root.
    expect(await field('name').evaluate((el) => getComputedStyle(el).fontFamily)).not.toContain(
      'Courier',
    );
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    const before = await interactionsOf(ids.wang);
    await card.locator('[data-action="log-email"]').click();
    await card.locator('[data-action="log-confirm"]').click();
    await card.locator('[data-field="logged"]').waitFor();
    const after = await interactionsOf(ids.wang);
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((interaction) => !before.some((old) => old.id === interaction.id))).toEqual(
      expect.objectContaining({
        channel: 'email',
        direction: 'inbound',
        occurredAt: new Date('Mon, Jun 2, 2025, 9:14 AM').toISOString(),
        // Without the rep ticking "include the body", the body stays out.
        summary: `Order 1042: delivery date\nFrom: ${RANKED.wang.email}`,
      }),
    );
    // The rep's own write shows at once: the card is fetched again past the cache.
    await card
      .locator('[data-field="interactions"] li', { hasText: 'Order 1042: delivery date' })
      .waitFor();

    // Back to the list: the card goes with the message.
    await page.goBack();
    await page.locator('guanxi-card').waitFor({ state: 'detached' });
    await page.close();
  });

  test('Gmail: an unknown sender is offered "create customer"', async () => {
    const page = await openPage(`${GMAIL}#inbox/lead`);
    const card = page.locator('guanxi-card .gx-card');
    await card.locator('[data-state="unknown"]').waitFor({ state: 'attached' });
    await card.locator('[data-action="create-customer"]').click();
    expect(await card.locator('input[name="name"]').inputValue()).toBe('Sun Li');
    await card.locator('[data-action="create-confirm"]').click();
    await page.locator('guanxi-card .gx-card[data-state="customer"]').waitFor();
    expect(await card.locator('[data-field="name"]').textContent()).toBe('Sun Li');
    const created = await api<{ card: { customer: { name: string; kind: string } } }>(
      '/v1/context?email=new.lead@unknown-co.test',
    );
    expect(created.card.customer).toMatchObject({ name: 'Sun Li', kind: 'person' });
    await page.close();
  });

  test('Gmail: a customer named like HTML is shown as text', async () => {
    const page = await openPage(`${GMAIL}#inbox/hostile`);
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    expect(await card.locator('[data-field="name"]').textContent()).toBe(HOSTILE);
    expect(await page.locator('guanxi-card img, guanxi-badge img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBe(
      undefined,
    );
    await page.close();
  });

  test('Outlook: the card for the sender in the reading pane', async () => {
    const page = await openPage(OUTLOOK);
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    expect(await card.locator('[data-field="name"]').textContent()).toBe(RANKED.liu.name);
    expect(await card.locator('[data-field="tier"]').getAttribute('data-tier')).toBe('small');
    await page.close();
  });

  test('Gmail: the card floats when the view it docks to is not found', async () => {
    const page = await openPage(`${GMAIL}#inbox`);
    await page.evaluate(() => document.querySelector('#main')?.removeAttribute('role'));
    await page.click('tr[data-thread="wang"]');
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    expect(await card.getAttribute('class')).toContain('gx-float');
    expect(await card.locator('[data-field="name"]').textContent()).toBe(RANKED.wang.name);
    await page.close();
  });

  test('a site is left alone until it is turned on, then gets hover and company cards', async () => {
    const page = await openPage(ACME);
    await page.hover('#mail-link');
    await page.waitForTimeout(800);
    expect(await page.locator('guanxi-card, guanxi-hover-card').count()).toBe(0);

    await store({ sites: [new URL(ACME).origin] });
    await page.reload();

    const company = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await company.waitFor({ state: 'attached' });
    expect(await company.getAttribute('class')).toContain('gx-float');
    expect(await company.locator('[data-field="name"]').textContent()).toBe(RANKED.acme.name);
    expect(await company.locator('[data-field="tier"]').getAttribute('data-tier')).toBe(
      RANKED.acme.tier,
    );

    const hover = page.locator('guanxi-hover-card .gx-card[data-state="customer"]');
    await page.hover('#mail-link');
    await hover.waitFor({ state: 'attached' });
    expect(await hover.locator('[data-field="name"]').textContent()).toBe(RANKED.chen.name);
    expect(await hover.locator('[data-field="tier"]').getAttribute('data-tier')).toBe('secondary');

    await page.mouse.move(5, 5);
    await page.locator('guanxi-hover-card').waitFor({ state: 'detached' });
    await page.hover('#text-address');
    await hover.waitFor({ state: 'attached' });
    expect(await hover.locator('[data-field="name"]').textContent()).toBe(RANKED.zhao.name);
    await page.close();
  });

  test('the popup finds a customer and shows the card', async () => {
    const page = await openPage(`chrome-extension://${extensionId}/popup.html`);
    await page.fill('input[name="q"]', 'Zhao');
    await page.click(`[data-customer="${ids.zhao}"]`);
    const card = page.locator('.gx-card[data-state="customer"]');
    await card.waitFor();
    expect(await card.locator('[data-field="tier"]').getAttribute('data-tier')).toBe('normal');
    await page.close();
  });

  test('speaks Simplified Chinese, and asks the server in it', async () => {
    await configure({ serverUrl: base, apiKey: key, language: 'zh-CN', neverLog: [] });
    const page = await openPage(`${GMAIL}#inbox/wang`);
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    const expected = (await cardOf(ids.wang, 'zh-CN')).card;
    expect(await card.locator('[data-field="stage"]').textContent()).toBe(expected.stage.label);
    expect(await card.locator('[data-field="tier"]').textContent()).toBe(
      expected.slots.tier?.label,
    );
    expect(await card.locator('[data-action="log-email"]').textContent()).toBe('记录此邮件');
    await page.close();
  });

  test('shows an offline server and a rejected key for what they are', async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = serve({ fetch: () => new Response(), hostname: '127.0.0.1', port: 0 }, (info) =>
        probe.close(() => resolve(`http://127.0.0.1:${info.port}`)),
      );
    });
    await configure({ serverUrl: closed, apiKey: key, language: 'en', neverLog: [] });
    const page = await openPage(`${GMAIL}#inbox/wang`);
    const offline = page.locator('guanxi-card .gx-card[data-state="offline"]');
    await offline.waitFor({ state: 'attached' });
    expect(await offline.textContent()).toContain('The Guanxi server cannot be reached.');

    await configure({ serverUrl: base, apiKey: 'gx_not_a_key', language: 'en', neverLog: [] });
    await page.reload();
    const rejected = page.locator('guanxi-card .gx-card[data-state="rejected"]');
    await rejected.waitFor({ state: 'attached' });
    expect(await rejected.textContent()).toContain('The server rejected the API key.');
    await page.close();
  });

  test('never inserts HTML it did not write', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : /\.tsx?$/.test(entry.name)
            ? [join(dir, entry.name)]
            : [],
      );
    const files = sources(join(EXTENSION, 'src'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write/,
      );
    }
  });

  test('builds for Firefox too', async () => {
    await buildExtension('build:firefox');
    const out = join(EXTENSION, '.output/firefox-mv2');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      manifest_version: number;
      background: { scripts: string[] };
      content_scripts: { matches: string[]; js: string[] }[];
      optional_permissions: string[];
      browser_specific_settings: { gecko: { id: string } };
      options_ui: { page: string };
      browser_action: { default_popup: string };
    };
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.browser_specific_settings.gecko.id).toBe('extension@guanxi.local');
    expect(manifest.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.content_scripts.map((script) => script.matches[0])).toEqual([
      'https://mail.google.com/*',
      'https://outlook.live.com/*',
      'http://*/*',
    ]);
    const files = [
      ...manifest.background.scripts,
      ...manifest.content_scripts.flatMap((script) => script.js),
      manifest.options_ui.page,
      manifest.browser_action.default_popup,
    ];
    for (const file of files) expect(existsSync(join(out, file)), file).toBe(true);
  });
});
