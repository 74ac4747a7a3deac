import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit, stageOf } from './test-kit';

describe.each(testDialects())('win-back counts the team’s days on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  const zone = (timeZone: string) => kit.a.t.core.teams.update(kit.teamId, { timeZone }, 'test');
  const order = async (customerId: number, placedAt: string) => {
    await kit.a.t.core.orders.record(kit.teamId, [{ customerId, amount: 100, placedAt }]);
  };
  const winbackOf = async (customerId: number) => {
    const { card } = defined(await kit.a.t.core.context.card(kit.teamId, { customerId }, 'en'));
    return { slot: card.slots.winback, validUntil: card.validUntil, panels: card.panels };
  };

  test('in Shanghai an order at 23:30 is a day old at 00:30, and detection agrees', async () => {
    await kit.a.t.core.plugins.change(kit.teamId, 'winback', {
      config: { oneOrderDays: 1 },
      actor: 'test',
    });
    const id = await kit.customer('Late buyer');
    kit.a.t.clock.set('2024-05-01T16:30:00.000Z'); // 00:30 on 2 May in Shanghai
    await order(id, '2024-05-01T23:30:00+08:00');

    expect((await winbackOf(id)).slot?.daysSinceLastOrder).toBe(0);
    await zone('Asia/Shanghai');
    const shanghai = await winbackOf(id);
    expect(shanghai.slot?.daysSinceLastOrder).toBe(1);
    // The count moves on at the next midnight in Shanghai, so the card is good until then.
    expect(shanghai.validUntil).toBe('2024-05-02T16:00:00.000Z');

    // 00:30 on 3 May in Shanghai, 16:30 on 2 May in UTC: over one day only in Shanghai.
    kit.a.t.clock.set('2024-05-02T16:30:00.000Z');
    await zone('UTC');
    expect(await kit.detect()).toMatchObject({ churned: 0 });
    await zone('Asia/Shanghai');
    expect(await kit.detect()).toMatchObject({ churned: 1, byRule: { one_order: 1 } });
    expect(await stageOf(kit, id)).toBe('churned');
    const [last] = (await kit.a.t.core.lifecycle.history(kit.teamId, id)).slice(-1);
    expect(last?.reason).toBe('no order for 2 days, over 1 after a single order');
  });

  test('in New York a day is a day across the change to daylight time', async () => {
    await zone('America/New_York');
    const id = await kit.customer('Spring buyer');
    await order(id, '2024-03-09T12:00'); // noon EST, 17:00Z
    kit.a.t.clock.set('2024-03-10T16:00:00.000Z'); // noon EDT, only 23 hours later
    const spring = await winbackOf(id);
    expect(spring.slot?.daysSinceLastOrder).toBe(1);
    expect(spring.validUntil).toBe('2024-03-11T04:00:00.000Z'); // midnight EDT
    kit.a.t.clock.set('2024-03-11T03:59:00.000Z');
    expect((await winbackOf(id)).slot?.daysSinceLastOrder).toBe(1);
    kit.a.t.clock.set('2024-03-11T04:00:00.000Z');
    expect((await winbackOf(id)).slot?.daysSinceLastOrder).toBe(2);
  });

  test('playbook steps fall due on the team’s days, and the card names the local day', async () => {
    await zone('Asia/Shanghai');
    const id = await kit.customer('Lapsed', [100]);
    kit.a.t.clock.set('2024-05-01T16:30:00.000Z'); // 2 May in Shanghai, 1 May in UTC
    await kit.churn(id);
    const [playbook] = await kit.playbooks(id);
    // Normal customers (tiering off) are tried hard: a step every 3 days from 2 May.
    expect(defined(playbook).steps.map((s) => s.dueAt)).toEqual([
      '2024-05-04T16:00:00.000Z',
      '2024-05-07T16:00:00.000Z',
      '2024-05-10T16:00:00.000Z',
      '2024-05-13T16:00:00.000Z',
    ]);
    const panel = (await winbackOf(id)).panels.find((p) => p.plugin === 'winback');
    const nextStep = panel?.items.find((item) => item.label === 'Next step');
    expect(nextStep?.value).toMatch(/, due 2024-05-05$/);
  });
});
