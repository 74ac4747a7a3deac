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

/** A countdown that changes with time alone: it says when its card must be built again. */
const countdown = definePlugin({
  id: 'countdown',
  version: '1.0.0',
  panels: [
    {
      id: 'hours',
      render: async (_input, ctx) => {
        const now = ctx.clock.now().getTime();
        const nextHour = Math.ceil((now + 1) / 3_600_000) * 3_600_000;
        return {
          title: 'Countdown',
          items: [{ label: 'hour', value: String(new Date(now).getUTCHours()) }],
          actions: [],
          validUntil: new Date(nextHour).toISOString(),
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
    t = await createTestCore({
      dialect,
      plugins: [badge, stuck, countdown],
      now: '2025-03-01T10:30:00Z',
    });
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
    const other = await t.reopen({ plugins: [badge, stuck, countdown] });
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

  test('a card is kept ready in the database: another process serves it without building', async () => {
    await t.core.plugins.disable(teamId, 'stuck', 'admin');
    await card();
    const other = await t.reopen({ plugins: [badge, stuck, countdown] });
    const served = defined(await other.context.cardText(teamId, { email: 'alice@acme.com' }, 'en'));
    expect(renders).toBe(1);
    expect(JSON.parse(served.json)).toMatchObject({ customer: { name: 'Alice' }, locale: 'en' });
    await other.orders.record(teamId, [{ customerId: aliceId, amount: 5, placedAt: '2024-01-01' }]);
    expect((await card()).facts.orderCount).toBe(1);
    expect(renders).toBe(2);
  });

  test('a card is built again once time alone changes a panel, or after a day', async () => {
    await t.core.plugins.disable(teamId, 'stuck', 'admin');
    await t.core.plugins.disable(teamId, 'badge', 'admin');
    await t.core.plugins.enable(teamId, 'countdown', 'admin');
    expect((await card()).validUntil).toBe('2025-03-01T11:00:00.000Z');
    t.clock.advance({ ms: 29 * 60_000 });
    expect((await card()).panels[0]?.items).toEqual([{ label: 'hour', value: '10' }]);
    t.clock.advance({ ms: 60_000 });
    expect((await card()).panels[0]?.items).toEqual([{ label: 'hour', value: '11' }]);
    await t.core.plugins.disable(teamId, 'countdown', 'admin');
    await t.core.plugins.enable(teamId, 'badge', 'admin');
    expect((await card()).validUntil).toBe('2025-03-02T11:00:00.000Z');
    t.clock.advance({ hours: 23, ms: 59 * 60_000 });
    await card();
    expect(renders).toBe(1);
    t.clock.advance({ ms: 60_000 });
    await card();
    expect(renders).toBe(2);
  });

  test('a card missing a failed panel is kept for a minute only', async () => {
    const first = await card();
    expect(first.panels.map((p) => p.plugin)).toEqual(['badge']);
    expect(first.validUntil).toBe('2025-03-01T10:31:00.000Z');
    await card();
    expect(renders).toBe(1);
    t.clock.advance({ ms: 60_000 });
    await card();
    expect(renders).toBe(2);
  });

  test('refresh builds missing cards in the team language and stale ones in any', async () => {
    await t.core.plugins.disable(teamId, 'stuck', 'admin');
    const refresh = () => t.core.context.refresh(teamId);
    expect(await refresh()).toEqual({ built: 2, next: null });
    expect(await refresh()).toEqual({ built: 0, next: null });
    expect(renders).toBe(2);
    await card(undefined, 'en');
    expect(renders).toBe(3);
    await t.core.customers.touch(teamId, [aliceId]);
    // Alice's card is stale in zh-CN (the team's language) and in en; Acme's in neither.
    expect(await refresh()).toEqual({ built: 2, next: null });
    renders = 0;
    await card(undefined, 'zh-CN');
    await card(undefined, 'en');
    expect(renders).toBe(0);
    t.clock.advance({ days: 1 });
    expect(await refresh()).toEqual({ built: 3, next: null });
    expect(await t.core.context.refresh(999)).toEqual({ built: 0, next: null });
  });

  test('refresh goes through a large book a page at a time, pausing between cards', async () => {
    await t.core.plugins.disable(teamId, 'stuck', 'admin');
    const people = Array.from({ length: 600 }, (_, i) => ({
      kind: 'person' as const,
      name: `P${i}`,
    }));
    const created = await t.core.customers.createMany(teamId, people);
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    const first = await t.core.context.refresh(teamId, { locale: 'en', pause });
    expect(first).toEqual({ built: 500, next: created[497]?.id });
    const second = await t.core.context.refresh(teamId, {
      locale: 'en',
      pause,
      after: first.next ?? 0,
    });
    expect(second).toEqual({ built: 102, next: null });
    expect(pauses).toBe(602);
    expect(await t.core.context.refresh(teamId, { locale: 'en' })).toMatchObject({ built: 0 });
    await t.core.customers.touchAll(teamId);
    const stopped = new AbortController();
    stopped.abort();
    expect(await t.core.context.refreshAll(teamId, { signal: stopped.signal })).toBe(0);
    expect(await t.core.context.refreshAll(teamId, { locale: 'en' })).toBe(602);
  });

  test('a deleted customer takes their stored cards along', async () => {
    await card(undefined, 'en');
    await card(undefined, 'zh-CN');
    await t.core.privacy.erase(teamId, aliceId, 'admin');
    const rows = await t.core.db
      .selectFrom('customer_cards')
      .select('body')
      .where('customer_id', '=', aliceId)
      .execute();
    expect(rows).toEqual([]);
  });
});
