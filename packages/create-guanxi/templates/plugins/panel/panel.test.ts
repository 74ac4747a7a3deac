import { createTestCore, defined, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import myPlugin from './index';

describe.each(testDialects())('my-plugin on %s', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore({ dialect, plugins: [myPlugin], now: '2024-06-01' });
  });
  afterEach(() => t.destroy());

  test("shows a buyer's orders on the card, in English and Chinese", async () => {
    const team = await t.core.teams.create({ name: 'North', slug: 'north' });
    await t.core.plugins.enable(team.id, 'my-plugin', 'test');
    const { id } = await t.core.customers.create(team.id, { kind: 'person', name: 'Ada' });
    await t.core.orders.record(team.id, [
      { customerId: id, amount: 12_345, placedAt: '2024-05-01' },
    ]);
    for (const [locale, title] of [
      ['en', 'Orders at a glance'],
      ['zh-CN', '订单一览'],
    ] as const) {
      const { card } = defined(await t.core.context.card(team.id, { customerId: id }, locale));
      expect(card.panels.find((panel) => panel.plugin === 'my-plugin')).toMatchObject({
        title,
        items: [{ value: '1' }, { value: '123.45' }],
      });
    }
  });
});
