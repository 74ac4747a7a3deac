import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Core, Locale } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';
import { createTestCore, type TestCore } from '@guanxi/testing';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM, QUIET_ARGS } from './chromium';

/** Where the console suites leave their screenshots and downloads. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** A page of its own browser context; the script dialogs it opened (each dismissed). */
export interface ConsolePage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly dialogs: string[];
}

/** The core's app served on a free port, and a Chromium to open the console in. */
export interface ConsoleBrowser {
  readonly base: string;
  /** A browser context in this language that reaches only the server. */
  open(locale: Locale): Promise<ConsolePage>;
  /** The sign-in form of this page sent with this key: the team's overview. */
  signIn(page: Page, key: string, teamId: number): Promise<void>;
  /** `open`, then signed in with this key on the sign-in page. */
  signedIn(locale: Locale, key: string, teamId: number): Promise<ConsolePage>;
  close(): Promise<void>;
}

export async function openConsoleBrowser(core: Core): Promise<ConsoleBrowser> {
  const { app } = createApp(core);
  let server: ServerType | undefined;
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...QUIET_ARGS],
  });

  async function open(locale: Locale): Promise<ConsolePage> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale,
      acceptDownloads: true,
    });
    await context.route('**/*', (route) =>
      route.request().url().startsWith(base) ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { context, page, dialogs };
  }

  async function signIn(page: Page, key: string, teamId: number): Promise<void> {
    await page.fill('input[name="key"]', key);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/admin/teams/${teamId}`);
  }

  return {
    base,
    open,
    signIn,
    async signedIn(locale, key, teamId) {
      const opened = await open(locale);
      await opened.page.goto(`${base}/admin/sign-in`);
      await signIn(opened.page, key, teamId);
      return opened;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server?.close(resolve));
    },
  };
}

/** What a console suite's tests read: the seeded core and a browser on its console. */
export interface ConsoleSuite<Seeded extends { readonly teamId: number }> {
  readonly core: Core;
  /** What `seed` returned. */
  readonly seeded: Seeded;
  /** The team `seed` made. */
  readonly teamId: number;
  readonly browser: ConsoleBrowser;
  /** The console server's origin. */
  readonly base: string;
}

/**
 * The fixture of a suite of console tests in Chromium: a test core with every bundled plugin,
 * its clock at `now`, filled by `seed`, and a browser on its console, made before the suite's
 * tests and closed after them. Its fields are there inside the tests.
 */
export function consoleSuite<Seeded extends { readonly teamId: number }>(
  now: string,
  seed: (core: Core) => Promise<Seeded>,
): ConsoleSuite<Seeded> {
  let made: { t: TestCore; seeded: Seeded; browser: ConsoleBrowser } | undefined;
  let t: TestCore | undefined;
  let browser: ConsoleBrowser | undefined;
  beforeAll(async () => {
    t = await createTestCore({ plugins: await bundledPlugins(), now, hookTimeoutMs: 10_000 });
    const seeded = await seed(t.core);
    browser = await openConsoleBrowser(t.core);
    mkdirSync(ARTIFACTS, { recursive: true });
    made = { t, seeded, browser };
  });
  afterAll(async () => {
    await browser?.close();
    await t?.destroy();
  });
  const ready = () => {
    if (made === undefined) throw new Error('the console suite is made before its tests run');
    return made;
  };
  return {
    get core() {
      return ready().t.core;
    },
    get seeded() {
      return ready().seeded;
    },
    get teamId() {
      return ready().seeded.teamId;
    },
    get browser() {
      return ready().browser;
    },
    get base() {
      return ready().browser.base;
    },
  };
}
