import type { AddressInfo } from 'node:net';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import { createTestApp, type TestApp } from '@guanxi/testing';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the API docs page in Chromium', () => {
  let a: TestApp<GuanxiApp>;
  let server: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    a = await createTestApp({
      dialect: 'sqlite',
      plugins: await bundledPlugins(),
      app: appUnderTest(),
    });
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: a.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await a?.destroy();
  });

  test('renders every operation from the server’s own files, with nothing blocked', async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(base)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${base}/v1/docs`);
    await page.locator('.opblock').first().waitFor({ state: 'visible', timeout: 30_000 });
    const operations = await page.locator('.opblock').count();
    const documented = Object.values(a.document().paths ?? {}).flatMap((item) =>
      Object.keys(item as object),
    ).length;
    expect(operations).toBe(documented);
    await expect(
      page.locator('.opblock-summary-path', { hasText: '/v1/context' }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('.opblock-tag', { hasText: 'loyalty' }).count()).resolves.toBe(1);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
