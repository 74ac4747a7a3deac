import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { seedDemo } from '@guanxi/server';
import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listCases } from '../library/cases';
import { listPains } from '../library/pains';
import {
  forecast,
  lostReasons,
  pipeline,
  stageConversion,
  winRateBySource,
} from '../opportunities/reports';
import { agentFeesDue } from '../sources/agent-fees';
import { centresOfInfluence, referralTree } from '../sources/referrals';
import { sourcesReport } from '../sources/report';
import { tablesOf } from '../tables';
import { NOW, runStep, testable } from '../test-kit';

describe.each(testDialects())('the demo seed with the development plugin on %s', (dialect) => {
  let t: TestCore;
  let teams: readonly { id: number; slug: string }[];
  beforeAll(async () => {
    t = await createTestCore({
      dialect,
      plugins: [scoring, tiering, testable],
      now: NOW,
      hookTimeoutMs: 30_000,
    });
    teams = (await seedDemo(t.core, { customersPerTeam: 300 })).teams;
  }, 300_000);
  afterAll(() => t.destroy());

  test('makes every report non-empty, in both teams', async () => {
    for (const team of teams) {
      const run = <T>(fn: Parameters<typeof runStep<T>>[2]) => runStep(t.core, team.id, fn);
      const sources = await run(sourcesReport);
      expect(sources.sources.length).toBeGreaterThan(8);
      expect(sources.sources.some((row) => row.converted > 0 && row.revenue > 0)).toBe(true);
      const centres = await run(centresOfInfluence);
      expect(centres.length).toBeGreaterThan(0);
      const tree = await run((ctx) =>
        referralTree(ctx, { customerId: centres[0]?.customerId ?? 0 }),
      );
      expect(tree.size).toBeGreaterThanOrEqual(3);
      expect((await run(agentFeesDue)).length).toBeGreaterThan(0);

      const stages = (await run((ctx) => pipeline(ctx))).stages;
      expect(stages.map((stage) => stage.count)).toEqual([4, 4, 4, 4]);
      expect((await run((ctx) => pipeline(ctx))).owners.length).toBeGreaterThan(0);
      const conversion = await run(stageConversion);
      expect(conversion).toMatchObject({ won: 6, lost: 5 });
      expect(conversion.stages.every((step) => step.reached > 0)).toBe(true);
      expect((await run(winRateBySource)).length).toBeGreaterThan(0);
      expect((await run(lostReasons)).map((row) => row.count)).toEqual([1, 1, 1, 1, 1]);
      expect((await run(forecast)).total.count).toBe(16);
      expect((await run(listCases)).length).toBeGreaterThan(0);
      expect((await run(listPains)).length).toBeGreaterThan(0);
    }
  });

  test('the profile job found top customers, and cards ask for the order where signals were seen', async () => {
    const [east] = teams;
    const summary = await t.core.jobs.run('development:profile', { teamId: east?.id ?? 0 });
    expect(summary.topCustomers).toBeGreaterThan(0);
    const tagged = await runStep(t.core, east?.id ?? 0, (ctx) =>
      tablesOf(ctx)
        .selectFrom('development_signals')
        .select('customer_id')
        .where('team_id', '=', ctx.teamId)
        .executeTakeFirstOrThrow(),
    );
    const card = await t.core.context.card(
      east?.id ?? 0,
      { customerId: Number(tagged.customer_id) },
      'zh-CN',
    );
    expect(card?.card.nextBestAction).toMatchObject({
      plugin: 'development',
      label: '提出成交请求',
    });
    expect(card?.card.slots.development?.customerType).not.toBeNull();
  });

  test('refuses to fill a pipeline twice', async () => {
    await expect(
      t.core.jobs.run('development:demo', { teamId: teams[0]?.id ?? 0 }),
    ).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
    });
  });
});
