import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { WinbackReport } from './report';
import { type Kit, openKit, stageOf } from './test-kit';

const lastReason = async (kit: Kit, id: number) =>
  defined((await kit.a.t.core.lifecycle.history(kit.teamId, id)).at(-1)).reason;

/** A base where most customers bought once, long ago, and a few keep buying every fortnight. */
async function onceLongAgo(kit: Kit) {
  const once: number[] = [];
  const regulars: number[] = [];
  for (let i = 0; i < 40; i += 1) once.push(await kit.customer(`Once ${i}`, [400 + 25 * i]));
  for (let i = 0; i < 12; i += 1) {
    const days = Array.from({ length: 30 }, (_, k) => 3 + (i % 4) + 14 * k);
    regulars.push(await kit.customer(`Regular ${i}`, days));
  }
  return { once, regulars };
}

const winbackItems = async (kit: Kit, customerId: number, locale: 'en' | 'zh-CN') =>
  defined(
    defined(await kit.a.t.core.context.card(kit.teamId, { customerId }, locale)).card.panels.find(
      (p) => p.plugin === 'winback',
    ),
  ).items;

describe.each(testDialects())('one-time buyers on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
    await kit.a.t.core.plugins.enable(kit.teamId, 'scoring', 'test');
  });
  afterEach(() => kit.a.destroy());

  const fitScoreDetect = async (model: string) => {
    await kit.a.t.core.jobs.run('scoring:fit', { teamId: kit.teamId, args: { model } });
    await kit.a.t.core.jobs.run('scoring:score', { teamId: kit.teamId });
    return kit.detect();
  };

  test('under BG/NBD the one-order rule churns them, and the card and report say so', async () => {
    const { once, regulars } = await onceLongAgo(kit);
    await kit.a.t.core.jobs.run('scoring:fit', { teamId: kit.teamId, args: { model: 'bgnbd' } });
    await kit.a.t.core.jobs.run('scoring:score', { teamId: kit.teamId });
    const first = defined(once[0]);
    const before = defined(
      await kit.a.t.core.context.card(kit.teamId, { customerId: first }, 'en'),
    );
    expect(before.card.slots.winback).toMatchObject({ rule: 'one_order', pAlive: null });
    expect(await winbackItems(kit, first, 'en')).toContainEqual({
      label: 'Decided by',
      value: 'One order only: days since it',
    });
    expect(await winbackItems(kit, first, 'zh-CN')).toContainEqual({
      label: '判定依据',
      value: '仅下单一次：距今天数',
    });
    // A regular is judged on P(alive), which BG/NBD gives every repeat buyer.
    expect(
      defined(
        await kit.a.t.core.context.card(kit.teamId, { customerId: defined(regulars[0]) }, 'en'),
      ).card.slots.winback,
    ).toMatchObject({ rule: 'p_alive', status: 'ok' });

    const result = await kit.detect();
    expect(result).toEqual({
      checked: 52,
      churned: 40,
      byRule: { p_alive: 0, median_gap: 0, one_order: 40 },
      atRisk: 0,
    });
    for (const id of once) expect(await stageOf(kit, id)).toBe('churned');
    for (const id of regulars) expect(await stageOf(kit, id)).toBe('active');
    expect(await lastReason(kit, first)).toBe(
      'no order for 400 days, over 180 after a single order',
    );
    expect(await winbackItems(kit, first, 'en')).toContainEqual({
      label: 'Decided by',
      value: 'One order only: days since it',
    });
    const report = (await kit.a.t.core.jobs.run('winback:report', {
      teamId: kit.teamId,
    })) as unknown as WinbackReport;
    expect(report.byRule).toEqual([
      {
        rule: 'one_order',
        label: { en: 'One order only: days since it', 'zh-CN': '仅下单一次：距今天数' },
        churns: 40,
        wonBack: 0,
      },
    ]);
  });

  test('under MBG/NBD and Pareto/NBD, P(alive) churns them', async () => {
    const { once, regulars } = await onceLongAgo(kit);
    const mbg = await fitScoreDetect('mbgnbd');
    expect(mbg).toMatchObject({ checked: 52, churned: 40, byRule: { p_alive: 40, one_order: 0 } });
    for (const id of regulars) expect(await stageOf(kit, id)).toBe('active');
    expect(await lastReason(kit, defined(once[0]))).toMatch(/^P\(alive\) 0\.\d+ under 0\.2$/);
    expect(await winbackItems(kit, defined(once[0]), 'en')).toContainEqual({
      label: 'Decided by',
      value: 'P(alive) from the purchase model',
    });

    // Back to active with one more order each, long ago again by the time of the next check.
    kit.a.t.clock.advance({ days: 1 });
    for (const id of once) {
      await kit.a.t.core.orders.record(kit.teamId, [
        { customerId: id, amount: 10_000, placedAt: kit.a.t.clock.now().toISOString() },
      ]);
    }
    kit.a.t.clock.advance({ days: 2_000 });
    const pareto = await fitScoreDetect('pnbd');
    expect(pareto).toMatchObject({ byRule: { one_order: 0, median_gap: 0 } });
    for (const id of once) expect(await stageOf(kit, id)).toBe('churned');
  });
});
