import scoring from '@guanxi/plugin-scoring';
import { createTestCore, defined, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import myPlugin from './index';

describe.each(testDialects())('my-plugin on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  beforeEach(async () => {
    t = await createTestCore({ dialect, plugins: [scoring, myPlugin], now: '2024-06-01' });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    await t.core.plugins.enable(teamId, 'my-plugin', 'test');
  });
  afterEach(() => t.destroy());

  /** A customer with orders of these amounts, a day apart. */
  async function customerWith(email: string, amounts: number[]): Promise<number> {
    const { id } = await t.core.customers.create(teamId, {
      kind: 'person',
      name: email,
      emails: [email],
    });
    await t.core.orders.record(
      teamId,
      amounts.map((amount, day) => ({ customerId: id, amount, placedAt: `2024-05-${day + 10}` })),
    );
    return id;
  }

  test('scores half for revenue and half for orders, up to the thresholds', async () => {
    const small = await customerWith('small@example.com', [10_000, 10_000]);
    const big = await customerWith('big@example.com', Array(12).fill(20_000));
    const scorer = defined(
      (await t.core.plugins.scorers(teamId)).find((s) => s.key === 'my-plugin/score'),
    );
    const facts = await t.core.facts.many(teamId, [small, big]);
    const scores = await scorer.score(facts.map((f) => ({ customerId: f.customerId, facts: f })));
    expect(scores.map((s) => [s.customerId, s.value])).toEqual([
      [small, 20],
      [big, 100],
    ]);
  });

  test('shows the score on the card, in its slot and its panel', async () => {
    await t.core.plugins.configure(teamId, 'my-plugin', { goodOrders: 2 }, 'test');
    await customerWith('ada@example.com', [50_000, 50_000]);
    const { card } = defined(await t.core.context.card(teamId, { email: 'ada@example.com' }, 'en'));
    expect(card.slots.myPlugin).toEqual({ score: 100 });
    expect(card.panels.find((panel) => panel.plugin === 'my-plugin')).toMatchObject({
      title: 'My score',
      items: [{ label: 'Score', value: '100' }],
    });
  });
});
