import { defined, testDialects } from '@guanxi/core/testing';
import type { TestApp } from '@guanxi/server/test-app';
import { expectJson, expectProblem, openTestApp } from '@guanxi/server/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import scoring from './index';
import type { ModelReport } from './model-report';
import { CDNOW_CALIBRATION_END, readCdnowSample } from './models/cdnow.test-support';
import { recordPurchases } from './purchases.test-support';

// The first 400 customers of the CDNOW sample: enough for every model to fit.
const sample = readCdnowSample().filter((p) => Number(p.customer) <= 400);

describe.each(testDialects())('the scoring route through the API on %s', (dialect) => {
  let a: TestApp;
  let base: string;

  beforeAll(async () => {
    a = await openTestApp(dialect, [scoring]);
    a.t.clock.set('1998-07-01T00:00:00Z');
    await a.t.core.plugins.enable(a.teamA, 'scoring', 'test');
    base = `/v1/teams/${a.teamA}/plugins/scoring`;
    await recordPurchases(a.t.core, a.teamA, sample);
  });
  afterAll(() => a.destroy());

  test('before a fit: the setting and nothing else', async () => {
    const report = await expectJson<ModelReport>(
      await a.call('rep', 'GET', `${base}/backtest`),
      200,
    );
    expect(report).toEqual({ setting: 'auto', fit: null, backtest: null });
  });

  test('after an automatic fit: the choice and every model’s holdout, week by week', async () => {
    const fit = await a.t.core.jobs.run('scoring:fit', {
      teamId: a.teamA,
      args: { until: CDNOW_CALIBRATION_END },
    });
    const report = await expectJson<ModelReport>(
      await a.call('rep', 'GET', `${base}/backtest`),
      200,
    );
    expect(report.fit).toEqual({
      model: fit.model,
      selection: 'holdout',
      unit: 'week',
      until: CDNOW_CALIBRATION_END,
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

  test('is for members of a team that has scoring on', async () => {
    await expectProblem(
      await a.call('otherRep', 'GET', `/v1/teams/${a.teamB}/plugins/scoring/backtest`),
      409,
      'GX_ERR_PLUGIN_DISABLED',
    );
    const res = await a.call('otherRep', 'GET', `${base}/backtest`);
    expect(res.status).toBe(404);
  });
});
