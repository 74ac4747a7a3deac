import {
  callPluginRoute,
  createTestCore,
  defined,
  expectJson,
  recordPurchases,
  type TestCore,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import scoring from './index';
import type { ModelReport } from './model-report';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './models/cdnow.test-support';

// The first 400 customers of the CDNOW sample: enough for every model to fit.
const sample = readCdnowSample().filter((p) => Number(p.customer) <= 400);

/**
 * The scoring route as the core serves it to the API, in one transaction per request; who may
 * call it (any member, 404 for anyone else) is the server's, checked by its authorization
 * matrix with every bundled plugin.
 */
describe.each(testDialects())('the scoring route on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let otherTeamId: number;

  const caller = { actor: 'user:1', role: 'rep', locale: 'en' } as const;
  const get = (team: number, path: string) =>
    callPluginRoute(t.core, team, 'scoring', 'GET', path, undefined, caller);

  beforeAll(async () => {
    t = await createTestCore({ dialect, plugins: [scoring], now: '1998-07-01T00:00:00Z' });
    teamId = (await t.core.teams.create({ name: 'CDNOW', slug: 'cdnow' })).id;
    otherTeamId = (await t.core.teams.create({ name: 'Other', slug: 'other' })).id;
    await t.core.plugins.enable(teamId, 'scoring', 'test');
    await recordPurchases(t.core, teamId, sample);
  });
  afterAll(() => t.destroy());

  test('before a fit: the setting and nothing else', async () => {
    const report = await expectJson<ModelReport>(await get(teamId, '/backtest'), 200);
    expect(report).toEqual({ setting: 'auto', fit: null, backtest: null });
  });

  test('after an automatic fit: the choice and every model’s holdout, week by week', async () => {
    const fit = await t.core.jobs.run('scoring:fit', {
      teamId,
      args: { until: CDNOW_CALIBRATION_END },
    });
    const report = await expectJson<ModelReport>(await get(teamId, '/backtest'), 200);
    expect(report.fit).toEqual({
      model: fit.model,
      selection: 'holdout',
      unit: 'week',
      until: CDNOW_CALIBRATION_END,
      logLikelihood: fit.logLikelihood,
      fittedAt: '1998-07-01T00:00:00.000Z',
    });
    const backtest = defined(report.backtest);
    expect(backtest).toMatchObject({
      until: '1997-05-17',
      holdoutEnd: CDNOW_CALIBRATION_END,
      best: fit.model,
      customers: 400,
      ranAt: '1998-07-01T00:00:00.000Z',
    });
    expect(backtest).toEqual(
      JSON.parse(JSON.stringify({ ...(fit.backtest as object), ranAt: backtest.ranAt })),
    );
    for (const model of backtest.models) {
      expect(model.weeks).toHaveLength(20);
      expect(model.weeks[0]).toEqual({
        week: 1,
        from: '1997-05-18',
        to: '1997-05-24',
        forecast: expect.any(Number),
        actual: expect.any(Number),
      });
      expect(model.byFrequency.map((r) => r.frequency)).toEqual([
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7+',
      ]);
    }
  });

  test('is for a team that has scoring on', async () => {
    await expect(get(otherTeamId, '/backtest')).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DISABLED',
    });
    await expect(
      t.core.plugins.serve(teamId, 'scoring', 'nothing', {}, caller),
    ).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND' });
  });
});
