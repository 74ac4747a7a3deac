import type { AddressInfo } from 'node:net';
import type { Core, Locale } from '@guanxi/core';
import { createApp } from '@guanxi/server';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, QUIET_ARGS } from './chromium';

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
