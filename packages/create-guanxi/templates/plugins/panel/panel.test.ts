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
    // A team in Shanghai: its days begin eight hours before UTC's.
    const team = await t.core.teams.create({
      name: 'North',
      slug: 'north',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    });
    await t.core.plugins.enable(team.id, 'my-plugin', 'test');
    const { id } = await t.core.customers.create(team.id, { kind: 'person', name: 'Ada' });
    await t.core.orders.record(team.id, [
      { customerId: id, amount: 12_345, placedAt: '2024-05-01T18:00:00Z' },
    ]);
    for (const [locale, title, revenue] of [
      ['en', 'Orders at a glance', 'CN¥123.45'],
      ['zh-CN', '订单一览', '¥123.45'],
    ] as const) {
      const { card } = defined(await t.core.context.card(team.id, { customerId: id }, locale));
      expect(card.panels.find((panel) => panel.plugin === 'my-plugin')).toMatchObject({
        title,
        items: [{ value: '1' }, { value: revenue }, { value: '2024-05-02' }],
      });
    }
  });
});
