import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import winback, { type WinbackReport } from '@guanxi/plugin-winback';
import {
  createTestCore,
  defined,
  recordPurchases,
  type TestCore,
  testDialects,
} from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readCdnowSample } from '../support/cdnow';

/**
 * A real base of mostly one-time buyers, long after they stopped: scoring chooses its model on
 * the base's own history and win-back churns everyone, each by the rule that applies to them.
 */
describe.each(testDialects())('the CDNOW sample 26 years on, on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  beforeEach(async () => {
    t = await createTestCore({
      dialect,
      plugins: [scoring, tiering, service, winback],
      now: '2024-06-01T00:00:00Z',
      hookTimeoutMs: 10_000,
    });
    teamId = (await t.core.teams.create({ name: 'CDNOW', slug: 'cdnow' })).id;
    for (const id of ['scoring', 'service', 'winback']) {
      await t.core.plugins.enable(teamId, id, 'test');
    }
  });
  afterEach(() => t.destroy());

  test('scoring:fit (auto), scoring:score and winback:detect churn every customer', async () => {
    // The first 300 customers of the sample, who bought from 1997 to mid-1998; the clock is at 2024.
    const purchases = readCdnowSample().filter((p) => Number(p.customer) <= 300);
    const idOf = await recordPurchases(t.core, teamId, purchases);
    const days = new Map<string, Set<string>>();
    for (const p of purchases) days.set(p.customer, (days.get(p.customer) ?? new Set()).add(p.at));
    const onceOnly = [...days].filter(([, d]) => d.size === 1).map(([c]) => c);
    // Most of them bought on one day only.
    expect(onceOnly.length).toBeGreaterThan(150);

    const fit = await t.core.jobs.run('scoring:fit', { teamId });
    expect(fit).toMatchObject({ selection: 'holdout' });
    await t.core.jobs.run('scoring:score', { teamId });
    const result = await t.core.jobs.run('winback:detect', { teamId });
    expect(result).toMatchObject({ checked: 300, churned: 300 });
    for (const customer of onceOnly) {
      const found = await t.core.customers.find(teamId, defined(idOf.get(customer)));
      expect(found?.stage).toBe('churned');
    }
    const report = (await t.core.jobs.run('winback:report', {
      teamId,
    })) as unknown as WinbackReport;
    expect(report.byRule.reduce((sum, row) => sum + row.churns, 0)).toBe(300);
    // Under BG/NBD the one-time buyers go by the one-order rule, else everyone by P(alive).
    const byRule = Object.fromEntries(report.byRule.map((row) => [row.rule, row.churns]));
    expect(byRule).toEqual(
      fit.model === 'bgnbd'
        ? { p_alive: 300 - onceOnly.length, one_order: onceOnly.length }
        : { p_alive: 300 },
    );
  });
});
