import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';

declare module '../plugins/define-plugin' {
  interface CardSlots {
    orderBadge?: { readonly count: number };
  }
}

let renders = 0;

const badge = definePlugin({
  id: 'badge',
  version: '1.0.0',
  panels: [
    {
      id: 'orders',
      render: async ({ facts, locale }) => {
        renders += 1;
        return {
          title: locale === 'zh-CN' ? '订单' : 'Orders',
          items: [{ label: 'count', value: String(facts.orderCount) }],
          actions: [],
          slots: { orderBadge: { count: facts.orderCount } },
          nextBestAction:
            facts.orderCount > 1
              ? { label: 'Offer loyalty card', reason: 'repeat buyer', priority: 50 }
              : undefined,
        };
      },
    },
  ],
});

const stuck = definePlugin({
  id: 'stuck',
  version: '1.0.0',
  panels: [{ id: 'never', render: () => new Promise(() => {}) }],
});

describe.each(testDialects())('customer card on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let aliceId: number;

  beforeEach(async () => {
    renders = 0;
    t = await createTestCore({ dialect, plugins: [badge, stuck] });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    await t.core.plugins.enable(teamId, 'badge', 'admin');
    await t.core.plugins.enable(teamId, 'stuck', 'admin');
    await t.core.customers.create(teamId, { kind: 'company', name: 'Acme', domains: ['acme.com'] });
    aliceId = (
      await t.core.customers.create(teamId, {
        kind: 'person',
        name: 'Alice',
        emails: ['alice@acme.com'],
      })
    ).id;
  });
  afterEach(() => t.destroy());

  const card = async (
    lookup: Parameters<TestCore['core']['context']['card']>[1] = { email: 'alice@acme.com' },
    locale: 'en' | 'zh-CN' = 'en',
  ) => defined(await t.core.context.card(teamId, lookup, locale), 'card').card;

  test('shows identity, company, stage, facts, history, panels and the best next action', async () => {
    await t.core.orders.record(teamId, [
      { customerId: aliceId, amount: 100, placedAt: '2024-01-01' },
      { customerId: aliceId, amount: 200, placedAt: '2024-02-01' },
    ]);
    const shown = await card();
    expect(shown.customer).toMatchObject({ id: aliceId, name: 'Alice' });
    expect(shown.company).toMatchObject({ name: 'Acme' });
    expect(shown.stage).toEqual({ value: 'active', label: 'Active customer' });
    expect(shown.facts).toMatchObject({ orderCount: 2, revenue: 300 });
    expect(shown.lastOrders.map((o) => o.amount)).toEqual([200, 100]);
    expect(shown.panels).toMatchObject([{ plugin: 'badge', id: 'orders', title: 'Orders' }]);
    expect(shown.slots).toEqual({ orderBadge: { count: 2 } });
    expect(shown.nextBestAction).toEqual({
      label: 'Offer loyalty card',
      reason: 'repeat buyer',
      priority: 50,
      plugin: 'badge',
    });
  });

  test('speaks Simplified Chinese when asked', async () => {
    const shown = await card(undefined, 'zh-CN');
    expect(shown.stage.label).toBe('潜在客户');
    expect(shown.panels[0]?.title).toBe('订单');
    expect(shown.nextBestAction).toMatchObject({ label: '资格审查：了解需求与预算', plugin: null });
  });

  test('serves a cached card until something on it changes', async () => {
    await card();
    await card();
    expect(renders).toBe(1);
    await t.core.orders.record(teamId, [
      { customerId: aliceId, amount: 1, placedAt: '2024-01-01' },
    ]);
    expect((await card()).facts.orderCount).toBe(1);
    await t.core.lifecycle.transition(teamId, aliceId, { to: 'churned', reason: 'x', actor: 'a' });
    expect((await card()).stage.value).toBe('churned');
    await t.core.customers.touch(teamId, [aliceId]);
    await card();
    expect(renders).toBe(4);
    await t.core.customers.touchAll(teamId);
    await card();
    expect(renders).toBe(5);
  });

  test('touching a customer of another team touches nothing and names the field', async () => {
    const other = await t.core.teams.create({ name: 'South', slug: 'south' });
    const stranger = await t.core.customers.create(other.id, { kind: 'person', name: 'S' });
    await card();
    await expect(t.core.customers.touch(teamId, [aliceId, stranger.id])).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'customerIds.1.customerId' }],
    });
    await card();
    expect(renders).toBe(1);
  });

  test('a plugin turned off leaves the card at once, even from another process', async () => {
    const other = await t.reopen({ plugins: [badge, stuck] });
    expect((await card()).panels).toHaveLength(1);
    await other.plugins.disable(teamId, 'badge', 'admin');
    expect((await card()).panels).toEqual([]);
  });

  test('an unknown person at a known company gets the company card', async () => {
    const result = await t.core.context.card(teamId, { email: 'bob@acme.com' }, 'en');
    expect(result).toMatchObject({ match: 'company', card: { customer: { name: 'Acme' } } });
    expect(await t.core.context.card(teamId, { email: 'bob@gmail.com' }, 'en')).toBeUndefined();
    expect(await t.core.context.card(teamId, { customerId: 999 }, 'en')).toBeUndefined();
  });
});
