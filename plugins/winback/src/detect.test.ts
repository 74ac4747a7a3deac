import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { daysAgo, type Kit, openKit, stageOf } from './test-kit';

const lastReason = async (kit: Kit, id: number) =>
  defined((await kit.a.t.core.lifecycle.history(kit.teamId, id)).at(-1));

describe.each(testDialects())('churn detection on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  test('without P(alive): k × the own median gap, or a fixed time after one order', async () => {
    const lapsed = await kit.customer('Lapsed', [100, 90, 80]);
    const regular = await kit.customer('Regular', [40, 30, 20]);
    const oneOld = await kit.customer('One old order', [200]);
    const oneRecent = await kit.customer('One recent order', [100]);
    await kit.customer('Never ordered');

    expect(await kit.detect()).toEqual({
      checked: 4,
      churned: 2,
      byRule: { p_alive: 0, median_gap: 1, one_order: 1 },
      atRisk: 2,
    });
    expect(await stageOf(kit, lapsed)).toBe('churned');
    expect(await stageOf(kit, regular)).toBe('active');
    expect(await stageOf(kit, oneOld)).toBe('churned');
    expect(await stageOf(kit, oneRecent)).toBe('active');
    expect(await lastReason(kit, lapsed)).toMatchObject({
      to: 'churned',
      actor: 'plugin:winback',
      reason: 'no order for 80 days, over 30 (3 × the median gap)',
    });
    expect((await lastReason(kit, oneOld)).reason).toBe(
      'no order for 200 days, over 180 after a single order',
    );

    await kit.a.t.core.plugins.change(kit.teamId, 'winback', {
      config: { oneOrderDays: 90, gapMultiple: 1.5 },
      actor: 'test',
    });
    expect(await kit.detect()).toMatchObject({ checked: 2, churned: 2 });
    expect(await stageOf(kit, regular)).toBe('churned');
    expect(await stageOf(kit, oneRecent)).toBe('churned');
  });

  test('orders from before the plugin was on count', async () => {
    await kit.a.t.core.plugins.disable(kit.teamId, 'winback', 'test');
    const early = await kit.customer('Early', [300, 290, 280, 20]);
    await kit.a.t.core.plugins.enable(kit.teamId, 'winback', 'test');
    await kit.a.t.core.orders.record(kit.teamId, [
      { customerId: early, amount: 100, placedAt: daysAgo(10) },
    ]);
    // Days 300, 290, 280, 20, 10: median gap 10, so 10 days without an order is not churn.
    expect(await kit.detect()).toMatchObject({ checked: 1, churned: 0 });
    kit.a.t.clock.advance({ days: 21 });
    expect(await kit.detect()).toMatchObject({ churned: 1, byRule: { median_gap: 1 } });
  });

  test('a bad config names the field and keeps the old one', async () => {
    await expect(
      kit.a.t.core.plugins.change(kit.teamId, 'winback', {
        config: { pAliveBelow: 2 },
        actor: 'test',
      }),
    ).rejects.toMatchObject({ code: 'GX_ERR_VALIDATION' });
    const setting = await kit.a.t.core.plugins.settings(kit.teamId, 'winback');
    expect(setting.config).toMatchObject({ pAliveBelow: 0.2, gapMultiple: 3, oneOrderDays: 180 });
  });
});

describe.each(testDialects())('churn detection by P(alive) on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
    await kit.a.t.core.plugins.enable(kit.teamId, 'scoring', 'test');
  });
  afterEach(() => kit.a.destroy());

  const every = (from: number, to: number, step: number) =>
    Array.from({ length: Math.floor((from - to) / step) + 1 }, (_, i) => from - i * step);

  test('uses P(alive) once scoring has a fitted model, the gap rule before', async () => {
    const regulars: number[] = [];
    const lapsed: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      regulars.push(await kit.customer(`Regular ${i}`, every(300 + i, 3 + (i % 5), 14)));
    }
    for (let i = 0; i < 15; i += 1) {
      lapsed.push(await kit.customer(`Lapsed ${i}`, every(700 - i, 300 - i, 14)));
    }
    const slowButAlive = await kit.customer('Slow', every(610, 10, 200));

    // No fit yet: every one is judged by gaps; the lapsed are gone for 300 days against 42.
    const before = await kit.a.t.core.context.card(kit.teamId, { customerId: slowButAlive }, 'en');
    expect(before?.card.slots.winback).toMatchObject({ rule: 'median_gap', status: 'ok' });

    await kit.a.t.core.jobs.run('scoring:fit', { teamId: kit.teamId });
    const result = await kit.detect();
    expect(result).toMatchObject({ checked: 36, byRule: { median_gap: 0, one_order: 0 } });
    expect(result.churned).toBe(15);
    for (const id of lapsed) expect(await stageOf(kit, id)).toBe('churned');
    for (const id of regulars) expect(await stageOf(kit, id)).toBe('active');
    expect((await lastReason(kit, defined(lapsed[0]))).reason).toMatch(
      /^P\(alive\) 0\.\d+ under 0\.2$/,
    );

    const card = defined(
      await kit.a.t.core.context.card(kit.teamId, { customerId: defined(regulars[0]) }, 'en'),
    );
    const slot = defined(card.card.slots.winback);
    expect(slot).toMatchObject({ rule: 'p_alive', status: 'ok' });
    expect(defined(slot.pAlive)).toBeGreaterThan(0.4);
    const panel = defined(card.card.panels.find((p) => p.plugin === 'winback'));
    expect(panel.items[0]?.value).toMatch(/^P\(alive\) \d+% \(churned under 20%\)$/);
  });
});
