import { definePlugin } from '@guanxi/core';
import {
  addNote,
  ConsoleClient,
  createTestApp,
  ledgerPlugin,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app';

/** Markup meant to run in the admin's browser: in text, in attributes, pre-escaped. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!--<img src=x onerror=alert(1)>-->',
];

/** How the page must show the text: every markup character escaped. */
const escaped = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * Asserts the page holds the text only as text: never as it was sent, and with no tag that
 * runs script (a script or image tag, an event handler, a javascript: link). Attribute
 * values are blanked first: inside quotes, escaped markup is only a value.
 */
const expectInert = (html: string, payload: string, where: string) => {
  if (/[<>"']/.test(payload)) expect(html, where).not.toContain(payload);
  const tags = html.replace(/"[^"]*"/g, '""').match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    expect(tag, where).not.toMatch(/^<(script|img|iframe|object|embed)\b/i);
    expect(tag, where).not.toMatch(/\son[a-z]+\s*=/i);
  }
  expect(html, where).not.toMatch(/(href|src|action)="\s*javascript:/i);
};

const failures = { next: '' };

/** A plugin with a text setting, and a hook that fails with whatever text it is given. */
const echo = definePlugin({
  id: 'echo',
  version: '1.0.0',
  configSchema: z.object({
    greeting: z.string().max(200).default('hello'),
    count: z.number().int().default(1),
  }),
  hooks: {
    'orders:recorded': () => {
      throw new Error(failures.next);
    },
  },
});

describe.each(testDialects())('admin console pages render hostile text inert on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  const members: number[] = [];
  const teams: number[] = [];
  const customers: number[] = [];

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [echo, ledgerPlugin], app: createApp });
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'echo', 'test');
    await core.plugins.enable(a.teamA, 'ledger', 'test');
    for (const [i, payload] of PAYLOADS.entries()) {
      const team = await core.teams.create({ name: payload, slug: `hostile-${i}` });
      await core.users.setRole(team.id, a.userIds.admin, 'admin');
      teams.push(team.id);
      const user = await core.users.create({ email: `hostile-${i}@guanxi.test`, name: payload });
      await core.users.setRole(a.teamA, user.id, 'rep');
      await core.apiKeys.create(user.id, payload);
      members.push(user.id);
      const customer = await core.customers.create(a.teamA, { kind: 'company', name: payload });
      customers.push(customer.id);
      await addNote(core.db, {
        teamId: a.teamA,
        customerId: customer.id,
        text: payload,
        at: '2024-02-01',
      });
      await core.interactions.log(a.teamA, [
        {
          customerId: customer.id,
          channel: 'phone',
          direction: 'inbound',
          summary: payload,
          occurredAt: '2024-01-02',
          actor: payload,
        },
      ]);
      failures.next = payload;
      await core.orders.record(a.teamA, [
        { customerId: customer.id, amount: 10_000 * (i + 1), placedAt: '2024-01-01' },
      ]);
    }
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
  });
  afterAll(() => a.destroy());

  const team = () => `/admin/teams/${a.teamA}`;

  test('stored names, keys, customers and hook errors are escaped on every page', async () => {
    const pages = [
      team(),
      `${team()}/members`,
      ...members.map((id) => `${team()}/members/${id}`),
      `${team()}/modules`,
      `${team()}/webhooks`,
      `${team()}/hook-failures`,
      ...teams.map((id) => `/admin/teams/${id}`),
      `${team()}/customers`,
      ...customers.map((id) => `${team()}/customers/${id}`),
      `${team()}/plugins/ledger/book`,
    ];
    const html = new Map<string, string>();
    for (const path of pages) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      html.set(path, await res.text());
    }
    for (const payload of PAYLOADS) {
      for (const [path, page] of html) expectInert(page, payload, path);
      // Team names head every page; the rest appear where they belong.
      for (const page of html.values()) expect(page).toContain(escaped(payload));
      expect(html.get(`${team()}/hook-failures`)).toContain(escaped(payload));
      expect(html.get(`${team()}/customers`)).toContain(escaped(payload));
    }
    for (const [i, id] of customers.entries()) {
      // The name, the note in the ledger's panel and timeline, the interaction and its actor.
      const page = html.get(`${team()}/customers/${id}`) ?? '';
      expect(page.split(escaped(PAYLOADS[i] as string)).length).toBeGreaterThan(5);
    }
    for (const [i, id] of members.entries()) {
      const page = html.get(`${team()}/members/${id}`) ?? '';
      expect(page.split(escaped(PAYLOADS[i] as string)).length).toBeGreaterThan(2);
    }
  });

  test('a plugin setting holding markup stays inside its input value', async () => {
    for (const payload of PAYLOADS) {
      await a.t.core.plugins.change(a.teamA, 'echo', {
        config: { greeting: payload, count: 1 },
        actor: 'test',
      });
      const page = await (await browser.get(`${team()}/modules`)).text();
      expectInert(page, payload, 'modules');
      expect(page).toContain(`value="${escaped(payload)}"`);
    }
  });

  test('forms sent back with errors echo the values escaped', async () => {
    for (const payload of PAYLOADS) {
      const members = await browser.submit(`${team()}/members`, `${team()}/members`, {
        email: payload,
        name: payload,
        role: 'rep',
      });
      expect(members.status, members.headers.get('location') ?? '').toBe(400);
      const webhooks = await browser.submit(`${team()}/webhooks`, `${team()}/webhooks`, {
        url: `javascript:${payload}`,
        events: 'customer:created',
      });
      expect(webhooks.status, webhooks.headers.get('location') ?? '').toBe(400);
      const config = await browser.submit(`${team()}/modules`, `${team()}/modules/echo/config`, {
        'config.greeting': payload,
        'config.count': payload,
      });
      expect(config.status, config.headers.get('location') ?? '').toBe(400);
      const customer = `${team()}/customers/${customers[0]}`;
      const stage = await browser.submit(customer, `${customer}/stage`, {
        to: 'churned',
        reason: `${payload}${'x'.repeat(500)}`,
      });
      expect(stage.status).toBe(400);
      const book = `${team()}/plugins/ledger/book`;
      const note = await browser.submit(book, `${book}/actions/add`, {
        customerId: payload,
        text: payload,
      });
      expect(note.status).toBe(400);
      for (const [form, res] of [
        ['members', members],
        ['webhooks', webhooks],
        ['config', config],
        ['stage', stage],
        ['note', note],
      ] as const) {
        const page = await res.text();
        expectInert(page, payload, form);
        expect(page, form).toContain(escaped(payload));
      }
    }
  });

  test('text in the address is never echoed as markup', async () => {
    for (const payload of PAYLOADS) {
      for (const path of [
        `${team()}/${encodeURIComponent(payload)}`,
        `/admin/teams/${encodeURIComponent(payload)}/members`,
        `/admin/sign-in?notice=${encodeURIComponent(payload)}`,
        `${team()}/members?notice=${encodeURIComponent(payload)}`,
        `${team()}/customers?q=${encodeURIComponent(payload)}`,
        `${team()}/customers?stage=${encodeURIComponent(payload)}&after=${encodeURIComponent(payload)}`,
        `${team()}/customers/${customers[0]}?from=${encodeURIComponent(payload)}`,
        `${team()}/plugins/ledger/book?after=${encodeURIComponent(payload)}&done=${encodeURIComponent(payload)}`,
      ]) {
        const res = await browser.get(path);
        expect([200, 400, 404], path).toContain(res.status);
        expectInert(await res.text(), payload, path);
      }
    }
  });
});
