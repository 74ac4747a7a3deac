import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Core, definePlugin, type Stage } from '@guanxi/core';
import { createApp } from '@guanxi/server';
import { createTestCore, type TestCore } from '@guanxi/testing';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../artifacts/admin.png', import.meta.url));
const HOSTILE = '<img src=x onerror=alert(1)>';

const notes = definePlugin({
  id: 'notes',
  version: '1.0.0',
  description: 'Adds a notes panel to the customer card',
  panels: [
    {
      id: 'notes',
      render: async ({ customer }) => ({
        title: 'Notes',
        items: [{ label: 'Customer', value: customer.name }],
        actions: [],
      }),
    },
  ],
});

const NAMES = ['Lin', 'Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou'];

/** A book with a long tail: a few customers bring most of the revenue. */
async function seedBook(core: Core, teamId: number, size: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < size; i++) {
    const stage: Stage = i % 11 === 10 ? 'non_customer' : i % 7 === 6 ? 'target' : 'potential';
    const name = `${NAMES[i % NAMES.length]} ${String.fromCharCode(65 + (i % 26))}. Trading`;
    const customer = await core.customers.create(teamId, { kind: 'company', name, stage });
    ids.push(customer.id);
    if (i % 5 === 4 || stage === 'non_customer') continue;
    await core.orders.record(teamId, [
      { customerId: customer.id, amount: Math.round(2_000_000 / (i + 1)), placedAt: '2025-03-01' },
    ]);
    if (i % 6 === 5) {
      await core.lifecycle.transition(teamId, customer.id, {
        to: 'churned',
        reason: 'no order for a year',
        actor: 'e2e',
      });
    }
  }
  return ids;
}

describe('the admin console in Chromium', () => {
  let t: TestCore;
  let server: ServerType;
  let browser: Browser;
  let page: Page;
  let base: string;
  let key: string;
  let teams: { a: number; b: number };
  let customers: { a: number; b: number };

  beforeAll(async () => {
    t = await createTestCore({ plugins: [notes], now: '2025-06-01T08:00:00Z' });
    const { core } = t;
    const a = await core.teams.create({ name: 'Shanghai Retail', slug: 'sh-retail', locale: 'en' });
    const b = await core.teams.create({ name: 'Beijing Wholesale', slug: 'bj-wholesale' });
    teams = { a: a.id, b: b.id };
    const admin = await core.users.create({ email: 'lin.wei@guanxi.test', name: 'Lin Wei' });
    for (const team of [a, b]) {
      await core.users.setRole(team.id, admin.id, 'admin');
      await core.plugins.enable(team.id, 'notes', 'e2e');
    }
    key = (await core.apiKeys.create(admin.id, 'e2e')).key;
    const [first] = await seedBook(core, a.id, 60);
    await core.customers.create(a.id, { kind: 'person', name: HOSTILE });
    const [other] = await seedBook(core, b.id, 3);
    customers = { a: first as number, b: other as number };

    const { app } = createApp(core);
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.route('**/*', (route) =>
      route.request().url().startsWith(base) ? route.continue() : route.abort(),
    );
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.destroy();
  });

  async function card(teamId: number, customerId: number) {
    const res = await fetch(`${base}/v1/context?customerId=${customerId}&teamId=${teamId}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { card: { panels: { plugin: string }[] } };
  }

  const panelsOf = async (teamId: number, customerId: number) =>
    (await card(teamId, customerId)).card.panels.map((panel) => panel.plugin);

  test('sign in, see the charts, turn a module off for one team only', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/admin`);
    expect(page.url()).toBe(`${base}/admin/sign-in`);
    await page.fill('input[name="key"]', key);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/admin/teams/${teams.a}`);

    const session = (await page.context().cookies()).find((c) => c.name === 'gx_admin');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(await page.content()).not.toContain(key);

    const pyramid = page.locator('svg[data-chart="pyramid"]');
    await pyramid.waitFor();
    expect(await pyramid.isVisible()).toBe(true);
    expect(await pyramid.locator('title').textContent()).toBe(
      'Customer pyramid by revenue: 61 customers',
    );
    expect(await pyramid.locator('[data-tier]').count()).toBe(4);
    expect(await page.locator('svg[data-chart="funnel"]').isVisible()).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(await panelsOf(teams.a, customers.a)).toContain('notes');
    await page.click('nav.tabs a:has-text("Modules")');
    await page.click('[data-module="notes"] button:has-text("Turn off")');
    await page.waitForURL(/notice=moduleOff/);
    expect(await page.locator('[data-module="notes"] .pill').textContent()).toBe('Off');

    expect(await panelsOf(teams.a, customers.a)).not.toContain('notes');
    expect(await panelsOf(teams.b, customers.b)).toContain('notes');
  });
});
