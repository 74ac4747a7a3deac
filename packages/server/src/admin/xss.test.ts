import { definePlugin } from '@guanxi/core';
import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app';

const PAYLOAD = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

const hostile = definePlugin({
  id: 'hostile',
  version: '1.0.0',
  configSchema: z.object({ greeting: z.string().default(PAYLOAD) }),
  hooks: {
    'orders:recorded': () => {
      throw new Error(PAYLOAD);
    },
  },
});

describe.each(testDialects())('admin console escaping on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  beforeEach(async () => {
    a = await createTestApp({ dialect, plugins: [hostile], app: createApp });
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'hostile', 'test');
    const customer = await core.customers.create(a.teamA, { kind: 'person', name: PAYLOAD });
    await core.orders.record(a.teamA, [
      { customerId: customer.id, amount: 500, placedAt: '2025-01-01' },
    ]);
    const user = await core.users.create({ email: 'x@guanxi.test', name: PAYLOAD });
    await core.users.setRole(a.teamA, user.id, 'rep');
    await core.apiKeys.create(user.id, PAYLOAD);
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
  });
  afterEach(() => a.destroy());

  test('a customer, member, key, config or error named like markup renders as text', async () => {
    const [member] = (await a.t.core.users.members(a.teamA)).filter((m) => m.name === PAYLOAD);
    const team = `/admin/teams/${a.teamA}`;
    const added = await browser.submit(`${team}/members`, `${team}/members`, {
      email: 'not-an-email',
      name: PAYLOAD,
      role: 'rep',
    });
    const pages = [
      await added.text(),
      ...(await Promise.all(
        [team, `${team}/members`, `${team}/members/${member?.id}`, `${team}/modules`].map(
          async (path) => (await browser.get(path)).text(),
        ),
      )),
      await (await browser.get(`${team}/hook-failures`)).text(),
    ];
    for (const html of pages) {
      expect(html).not.toContain(PAYLOAD);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain(ESCAPED);
    }
  });
});
