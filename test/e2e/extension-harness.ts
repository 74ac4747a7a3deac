import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Core } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';
import { createTestCore, type TestCore } from '@guanxi/testing';
import { type ServerType, serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, QUIET_ARGS } from './chromium';

/**
 * The browser extension, built as CI builds it, in real Chromium against a real server with a
 * seeded team: what the extension's e2e test and its benchmark share. Fixture pages stand in
 * for Gmail, Outlook and a company's site; each is served at its real host name by route
 * interception, and every other outside request is aborted.
 */

const run = promisify(execFile);
export const EXTENSION = fileURLToPath(new URL('../../packages/extension/', import.meta.url));
const BUILT = join(EXTENSION, '.output/chrome-mv3');
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const HOSTILE = '<img src=x onerror="window.__pwned=1">';
export const REP = { email: 'lin.wei@guanxi.test', name: 'Lin Wei' };
export const GMAIL = 'https://mail.google.com/mail/u/0/';
export const OUTLOOK = 'https://outlook.office.com/mail/inbox';
export const ACME = 'https://www.acme-trading.test/';

/** The extension's storage, as its own pages see it. */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

export async function buildExtension(target: 'build' | 'build:firefox'): Promise<void> {
  await run('pnpm', ['--filter', '@guanxi/extension', target], { cwd: EXTENSION });
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds the Chromium extension unless a build newer than every source is there already. */
export async function buildIfChanged(): Promise<boolean> {
  const manifest = join(BUILT, 'manifest.json');
  const sources = ['src', 'wxt.config.ts', 'package.json'].map((name) => join(EXTENSION, name));
  if (existsSync(manifest) && statSync(manifest).mtimeMs > Math.max(...sources.map(newestChange))) {
    return false;
  }
  await buildExtension('build');
  return true;
}

/** The id Chromium gives an extension with this manifest key: its SHA-256, a–p for 0–f. */
export function extensionIdOf(key: string): string {
  const hash = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex');
  return [...hash.slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
    .join('');
}

/** Where each seeded sender ranks by revenue among the team's 100 customers. */
export const RANKED = {
  wang: { rank: 1, name: 'Wang Fang', email: 'wang.fang@jade-tea.test', tier: 'important' },
  chen: { rank: 2, name: 'Chen Jie', email: 'chen.jie@silk-road.test', tier: 'secondary' },
  acme: { rank: 3, name: 'Acme Trading', domain: 'acme-trading.test', tier: 'secondary' },
  zhao: { rank: 40, name: 'Zhao Min', email: 'zhao.min@river-mill.test', tier: 'normal' },
  hostile: { rank: 60, name: HOSTILE, email: 'hostile@evil.test', tier: 'small' },
  liu: { rank: 90, name: 'Liu Yang', email: 'liu.yang@harbour.test', tier: 'small' },
} as const;

export type Seeded = Record<keyof typeof RANKED, number>;

/** The jobs that derive scores, tiers and win-back states from the orders. */
export async function runDerivations(core: Core, teamId: number): Promise<void> {
  for (const job of ['scoring:fit', 'scoring:score', 'tiering:recompute', 'winback:detect']) {
    await core.jobs.run(job, { teamId });
  }
}

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
    'openComplaint',
    {
      body: {
        customerId: seeded.wang,
        cause: 'product_quality',
        summary: 'A box of oolong arrived damaged',
        channel: 'email',
      },
    },
    { actor: 'e2e', role: 'admin', locale: 'en' },
  );
  if (complaint.status !== 201) throw new Error(`the complaint answered ${complaint.status}`);
  await runDerivations(core, teamId);
  return seeded;
}

/** The server on an ephemeral port, its team seeded, and the rep's key. */
export interface SeededServer {
  readonly t: TestCore;
  readonly base: string;
  readonly teamId: number;
  readonly repId: number;
  readonly key: string;
  readonly ids: Seeded;
  close(): Promise<void>;
}

export async function startSeededServer(): Promise<SeededServer> {
  const t = await createTestCore({ plugins: await bundledPlugins(), now: '2025-06-10T08:00:00Z' });
  const { core } = t;
  const team = await core.teams.create({
    name: 'Shanghai Tea',
    slug: 'sh-tea',
    locale: 'en',
    currency: 'CNY',
  });
  const rep = await core.users.create(REP);
  await core.users.setRole(team.id, rep.id, 'rep');
  const key = (await core.apiKeys.create(rep.id, 'e2e')).key;
  const ids = await seedTeam(core, team.id);

  const { app } = createApp(core);
  let server: ServerType | undefined;
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  return {
    t,
    base,
    teamId: team.id,
    repId: rep.id,
    key,
    ids,
    close: async () => {
      await new Promise((resolve) => server?.close(resolve));
      await t.destroy();
    },
  };
}

/** Chromium with the built extension, its profile thrown away on close. */
export interface ExtensionBrowser {
  readonly ctx: BrowserContext;
  readonly worker: Worker;
  readonly extensionId: string;
  openPage(url: string): Promise<Page>;
  /**
   * Writes the extension's local storage from one of its own pages, which works whether or
   * not the browser has put its service worker to sleep.
   */
  store(items: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function launchExtension(base: string): Promise<ExtensionBrowser> {
  const manifest = JSON.parse(readFileSync(join(BUILT, 'manifest.json'), 'utf8')) as {
    key: string;
  };
  const extensionId = extensionIdOf(manifest.key);
  const profile = mkdtempSync(join(tmpdir(), 'guanxi-extension-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      `--disable-extensions-except=${BUILT}`,
      `--load-extension=${BUILT}`,
      '--headless=new',
      ...QUIET_ARGS,
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
  const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));

  const openPage = async (url: string): Promise<Page> => {
    const page = await ctx.newPage();
    await page.goto(url);
    return page;
  };
  return {
    ctx,
    worker,
    extensionId,
    openPage,
    store: async (items) => {
      const page = await openPage(`chrome-extension://${extensionId}/popup.html`);
      await page.evaluate(async (value) => {
        await chrome.storage.local.set(value);
      }, items);
      await page.close();
    },
    close: async () => {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
