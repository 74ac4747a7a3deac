import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defined } from '@guanxi/testing';
import { serve } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ACME,
  buildExtension,
  EXTENSION,
  type ExtensionBrowser,
  GMAIL,
  HOSTILE,
  launchExtension,
  OUTLOOK,
  RANKED,
  REP,
  type Seeded,
  type SeededServer,
  startSeededServer,
} from './extension-harness';

/**
 * The browser extension, built as CI builds it, in real Chromium against a real server with a
 * seeded team (see extension-harness.ts).
 */

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const artifact = (name: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
};

/**
 * Globals of the browser for code the tests run there (this file compiles without the DOM
 * library): the page's document, window and storage, and the extension's API in the world
 * of its content scripts.
 */
interface PageElement {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  append(child: PageElement): void;
  cloneNode(deep: boolean): PageElement;
  querySelector(selector: string): PageElement | null;
  remove(): void;
  dataset: Record<string, string | undefined>;
}
interface PageNode {
  readonly nodeValue: string | null;
  readonly attributes?: Iterable<{ readonly value: string }>;
  readonly value?: unknown;
  readonly shadowRoot?: PageNode | null;
  /** A template's content. */
  readonly content?: PageNode;
  readonly childNodes: Iterable<PageNode>;
}
interface PageStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}
declare const document: PageNode & {
  readonly body: PageElement;
  readonly cookie: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  createElement(name: 'iframe'): PageElement & { readonly contentWindow: object | null };
};
declare const window: Record<string, unknown>;
declare const localStorage: PageStorage;
declare const sessionStorage: PageStorage;
declare const location: { hash: string };
declare function addEventListener(
  type: 'message',
  listener: (event: { readonly origin: string; readonly data: unknown }) => void,
  capture: boolean,
): void;
declare function postMessage(message: unknown, targetOrigin: string): void;
declare function getComputedStyle(element: unknown): { fontFamily: string };
declare const chrome: {
  runtime: { id: string; sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
};

/**
 * Runs in the page's main world before the page's own scripts: records every message event
 * the window receives, as text, in a global of the page; then posts one of its own, so the
 * record shows it works.
 */
function recordMessages(): void {
  const seen: string[] = [];
  Object.defineProperty(window, '__messages', { value: seen });
  addEventListener(
    'message',
    (event) => {
      let data: string;
      try {
        data = JSON.stringify(event.data) ?? String(event.data);
      } catch {
        data = String(event.data);
      }
      seen.push(`${event.origin} ${data}`);
    },
    true,
  );
  postMessage({ probe: 'page script' }, '*');
}

/**
 * Runs in the page's main world: every string a page script can read. The document's text,
 * attributes and form values, into open shadow roots and templates; the values of the page's
 * own globals (those a fresh window does not have), a few levels deep; its storage, cookies
 * and the resources it loaded; and the messages recordMessages kept.
 */
function whatThePageSees() {
  const dom: string[] = [];
  let shadowRoots = 0;
  const visit = (node: PageNode): void => {
    if (node.nodeValue) dom.push(node.nodeValue);
    for (const attribute of node.attributes ?? []) dom.push(attribute.value);
    if (typeof node.value === 'string') dom.push(node.value);
    if (node.shadowRoot) {
      shadowRoots += 1;
      visit(node.shadowRoot);
    }
    if (node.content) visit(node.content);
    for (const child of node.childNodes) visit(child);
  };
  visit(document);

  const frame = document.createElement('iframe');
  document.body.append(frame);
  const builtIn = new Set(Object.getOwnPropertyNames(frame.contentWindow ?? {}));
  frame.remove();
  const globalNames = Object.getOwnPropertyNames(window).filter((name) => !builtIn.has(name));
  const globals: string[] = [];
  const walked = new Set<unknown>();
  const collect = (value: unknown, depth: number): void => {
    if (typeof value === 'string') globals.push(value);
    if (typeof value === 'function') globals.push(Function.prototype.toString.call(value));
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    if (depth > 4 || walked.has(value)) return;
    walked.add(value);
    for (const name of Object.getOwnPropertyNames(value)) {
      try {
        collect((value as Record<string, unknown>)[name], depth + 1);
      } catch {
        // A getter that throws for this object gives nothing to read.
      }
    }
  };
  for (const name of globalNames) collect(window[name], 0);

  const stored: string[] = [document.cookie];
  for (const area of [localStorage, sessionStorage]) {
    for (let index = 0; index < area.length; index++) {
      const name = area.key(index) ?? '';
      stored.push(name, area.getItem(name) ?? '');
    }
  }
  for (const entry of performance.getEntries()) stored.push(entry.name);

  const messages = [...((window.__messages as string[] | undefined) ?? [])];
  return { dom, shadowRoots, globalNames, globals, stored, messages };
}

/**
 * Runs in the world of the extension's content scripts: whether it can read the extension's
 * storage, and what the background tells it of the session and the settings.
 */
async function whatTheContentScriptSees() {
  let storage: string;
  try {
    storage = `read ${JSON.stringify(await chrome.storage.local.get(null))}`;
  } catch (error) {
    storage = `refused: ${error instanceof Error ? error.message : String(error)}`;
  }
  const ask = (type: string, data: unknown = null) => chrome.runtime.sendMessage({ type, data });
  return {
    id: chrome.runtime.id,
    storage,
    session: JSON.stringify(await ask('session:get')),
    settings: JSON.stringify(await ask('settings:get')),
    // Pointing the saved key at another server, or turning a site on, is for the extension's
    // own pages only.
    save: JSON.stringify(
      await ask('settings:save', {
        serverUrl: 'https://collector.example.net',
        apiKey: '',
        language: 'en',
        neverLog: [],
        cacheSeconds: 300,
      }),
    ),
    site: JSON.stringify(
      await ask('site:set', { origin: 'https://mail.google.com', enabled: true }),
    ),
  };
}

describe('the browser extension in Chromium', () => {
  let server: SeededServer;
  let browser: ExtensionBrowser;
  let base: string;
  let key: string;
  let teamId: number;
  let ids: Seeded;
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
      panels: { plugin: string }[];
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

  const store = (items: Record<string, unknown>) => browser.store(items);
  const configure = (settings: Record<string, unknown>) => store({ settings });
  const openPage = (url: string) => browser.openPage(url);

  /** Back to the thread list, and into the thread again: its card is asked for anew. */
  async function reopenThread(page: Page, thread: string): Promise<void> {
    await page.evaluate(() => {
      location.hash = '#inbox';
    });
    await page.locator('guanxi-card').waitFor({ state: 'detached' });
    await page.click(`tr[data-thread="${thread}"]`);
  }

  beforeAll(async () => {
    // Built while the server is seeded; a failed build fails the suite when awaited below.
    const building = buildExtension('build');
    building.catch(() => undefined);
    server = await startSeededServer();
    ({ base, key, teamId, ids } = server);
    await building;
    browser = await launchExtension(base);
    extensionId = browser.extensionId;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('has the id its manifest key gives it', () => {
    expect(new URL(browser.worker.url()).host).toBe(extensionId);
    expect(extensionId).toBe('pcnbkejblecjnjonfgipeeoldnjokhpk');
  });

  test('is set up on its options page, which checks the key with the server', async () => {
    const page = await openPage(`chrome-extension://${extensionId}/options.html`);
    await page.fill('input[name="serverUrl"]', base);
    await page.fill('input[name="apiKey"]', key);
    await page.selectOption('select[name="language"]', 'en');
    await page.fill('textarea[name="neverLog"]', 'private-mail.test');
    // How long cards are kept is an advanced setting: five minutes unless the rep says.
    await page.click('details.gx-advanced summary');
    expect(await page.inputValue('input[name="cacheSeconds"]')).toBe('300');
    expect(await page.locator('details.gx-advanced').textContent()).toContain(
      'How long cards are kept (seconds)',
    );
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
    await page.screenshot({ path: artifact('extension-gmail.png') });
    await card.screenshot({ path: artifact('extension-card-en.png') });

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

  test('a page script finds no API key: not in the DOM, its globals or its messages', async () => {
    await configure({ serverUrl: base, apiKey: key, language: 'en', neverLog: [] });
    const page = await browser.ctx.newPage();
    await page.addInitScript(recordMessages);
    await page.goto(`${GMAIL}#inbox/wang`);
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    // The key without its `gx_` prefix: neither it nor any longer string holding it may show.
    const secret = key.slice(3);
    const leaks = (strings: readonly string[]) => strings.filter((text) => text.includes(secret));
    const expectNoKey = async () => {
      const seen = await page.evaluate(whatThePageSees);
      // The walk reaches into the card's shadow root and finds the page's own globals.
      expect(seen.shadowRoots).toBeGreaterThan(0);
      expect(seen.dom).toContain('Open complaints');
      expect(seen.globalNames).toContain('route');
      expect(seen.messages.some((message) => message.includes('"probe":"page script"'))).toBe(true);
      expect(leaks(seen.dom)).toEqual([]);
      expect(leaks(seen.globals)).toEqual([]);
      expect(leaks(seen.stored)).toEqual([]);
      expect(leaks(seen.messages)).toEqual([]);
      return seen;
    };
    await expectNoKey();

    await card.locator('[data-action="log-email"]').click();
    await card.locator('[data-action="log-confirm"]').click();
    await card.locator('[data-field="logged"]').waitFor();
    const seen = await expectNoKey();
    // The extension's own messages were there to be seen: WXT announces its content script.
    expect(seen.messages.length).toBeGreaterThan(1);

    // Nor can the content scripts read it: local storage is for the extension's own pages
    // and its background, which tells them whether a key is saved, never the key.
    const cdp = await browser.ctx.newCDPSession(page);
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    const world = worlds.find(
      (context) =>
        context.origin === `chrome-extension://${extensionId}` &&
        context.auxData?.type === 'isolated',
    );
    expect(world, 'the content scripts’ world').toBeDefined();
    const evaluated = await cdp.send('Runtime.evaluate', {
      expression: `(${whatTheContentScriptSees})()`,
      contextId: world?.id,
      awaitPromise: true,
      returnByValue: true,
    });
    expect(evaluated.exceptionDetails).toBeUndefined();
    const view = evaluated.result.value as Awaited<ReturnType<typeof whatTheContentScriptSees>>;
    expect(view.id).toBe(extensionId);
    expect(view.storage).toBe('refused: Access to storage is not allowed from this context.');
    expect(JSON.parse(view.settings)).toMatchObject({ ok: true, value: { hasKey: true } });
    expect(JSON.parse(view.session)).toMatchObject({ ok: true, value: { configured: true } });
    for (const refused of [view.save, view.site]) {
      expect(JSON.parse(refused)).toMatchObject({
        ok: false,
        problem: { kind: 'failed', detail: 'only the extension’s own pages change its settings' },
      });
    }
    expect(JSON.parse(view.settings)).not.toMatchObject({
      value: { serverUrl: 'https://collector.example.net' },
    });
    expect(leaks([view.storage, view.session, view.settings])).toEqual([]);
    await cdp.detach();
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

  test('"open in the console" opens the customer’s own page in the console', async () => {
    // A manager signed in to the console in this browser, as the extension's user would be.
    const { core } = server.t;
    const manager = await core.users.create({ email: 'manager@guanxi.test', name: 'Manager' });
    await core.users.setRole(teamId, manager.id, 'manager');
    const managerKey = await core.apiKeys.create(manager.id, 'e2e');
    const principal = defined(await core.apiKeys.authenticate(managerKey.key));
    const { token } = await core.sessions.create(principal, { absoluteMs: 3_600_000 });
    const host = new URL(base).hostname;
    await browser.ctx.addCookies([
      { name: 'gx_session', value: token, domain: host, path: '/admin' },
    ]);
    const page = await openPage(`${GMAIL}#inbox/wang`);
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor({ state: 'attached' });
    const opened = browser.ctx.waitForEvent('page');
    await card.locator('[data-action="open-console"]').click();
    const tab = await opened;
    await tab.waitForURL(`${base}/admin/teams/${teamId}/customers/${ids.wang}`);
    expect(await tab.locator('h1').textContent()).toBe(RANKED.wang.name);
    await tab.close();
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

  test('shows each order in its currency’s own minor units: JPY, CNY and KWD', async () => {
    const { core } = server.t;
    const buyer = await core.customers.create(teamId, { kind: 'person', name: 'Noor Tanaka' });
    await core.orders.record(
      teamId,
      ['JPY', 'CNY', 'KWD'].map((currency, n) => ({
        customerId: buyer.id,
        amount: 1235,
        currency,
        placedAt: `2025-06-0${n + 1}T10:00:00Z`,
      })),
    );
    const page = await openPage(`chrome-extension://${extensionId}/popup.html`);
    await page.fill('input[name="q"]', 'Noor');
    await page.click(`[data-customer="${buyer.id}"]`);
    const orders = page.locator('.gx-card[data-state="customer"] [data-field="orders"] li');
    await orders.first().waitFor();
    const amounts = (await orders.allTextContents()).map((text) =>
      text.replace(/\u00a0/g, ' ').replace(/^.*\d{4} /, ''),
    );
    expect(amounts).toEqual(['KWD 1.235', 'CN¥12.35', '¥1,235']);
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
    await card.screenshot({ path: artifact('extension-card-zh-CN.png') });
    await page.close();
  });

  test('a key revoked on the server shows as rejected once the kept card expires', async () => {
    const { core } = server.t;
    const revocable = await core.apiKeys.create(server.repId, 'e2e, to be revoked');
    const settings = { serverUrl: base, apiKey: revocable.key, language: 'en', neverLog: [] };
    await configure(settings);
    const page = await openPage(`${GMAIL}#inbox/wang`);
    const card = page.locator('guanxi-card .gx-card');
    await page.locator('guanxi-card .gx-card[data-state="customer"]').waitFor();

    await core.apiKeys.revoke(revocable.id);
    const me = await fetch(`${base}/v1/me`, {
      headers: { authorization: `Bearer ${revocable.key}` },
    });
    expect(me.status).toBe(401);
    // The card the extension keeps (five minutes by default) is shown until it expires.
    await reopenThread(page, 'wang');
    await page.locator('guanxi-card .gx-card[data-state="customer"]').waitFor();

    // Cards are now kept for a second: once one has passed, the card is asked for again.
    await configure({ ...settings, cacheSeconds: 1 });
    await page.waitForTimeout(1_100);
    await reopenThread(page, 'wang');
    const rejected = page.locator('guanxi-card .gx-card[data-state="rejected"]');
    await rejected.waitFor();
    expect(await card.textContent()).toContain('The server rejected the API key.');
    await page.close();
  });

  test('a plugin the admin turns off for the team leaves the card once it expires', async () => {
    const { core } = server.t;
    const admin = await core.users.create({ email: 'admin@guanxi.test', name: 'Ma Li' });
    await core.users.setRole(teamId, admin.id, 'admin');
    const adminKey = (await core.apiKeys.create(admin.id, 'e2e admin')).key;
    const turnLoyalty = async (enabled: boolean) => {
      const res = await fetch(`${base}/v1/teams/${teamId}/plugins/loyalty`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled }),
      });
      expect(res.status).toBe(200);
    };
    const settings = { serverUrl: base, apiKey: key, language: 'en', neverLog: [] };
    await configure(settings);
    const page = await openPage(`${GMAIL}#inbox/wang`);
    const card = page.locator('guanxi-card .gx-card[data-state="customer"]');
    await card.waitFor();
    const loyalty = card.locator('[data-panel^="loyalty/"], [data-field="points"]');
    expect(await loyalty.count()).toBe(2);

    await turnLoyalty(false);
    try {
      const served = (await cardOf(ids.wang)).card;
      expect(served.slots.loyalty).toBeUndefined();
      expect(served.panels.map((panel) => panel.plugin)).not.toContain('loyalty');
      // Until the card the extension keeps expires, it still shows loyalty.
      await reopenThread(page, 'wang');
      await card.waitFor();
      expect(await loyalty.count()).toBe(2);

      await configure({ ...settings, cacheSeconds: 1 });
      await page.waitForTimeout(1_100);
      await reopenThread(page, 'wang');
      await card.waitFor();
      await card.locator('[data-panel^="tiering/"]').waitFor();
      expect(await loyalty.count()).toBe(0);
      expect(await card.locator('[data-field="tier"]').getAttribute('data-tier')).toBe('important');
    } finally {
      await turnLoyalty(true);
    }
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
