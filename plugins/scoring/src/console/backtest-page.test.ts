import type {
  Block,
  ChartBlock,
  PageInput,
  StatsBlock,
  TableBlock,
  TextBlock,
  Viewer,
} from '@guanxi/core';
import {
  createTestCore,
  defined,
  recordPurchases,
  type TestCore,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import scoring from '../index';
import type { Backtest } from '../models';
import { CDNOW_CALIBRATION_END, readCdnowSample } from '../models/cdnow.test-support';

// The first 400 customers of the CDNOW sample: enough for every model to fit.
const sample = readCdnowSample().filter((p) => Number(p.customer) <= 400);

const input = (role: Viewer['role'], locale: PageInput['locale'] = 'en'): PageInput => ({
  locale,
  viewer: { userId: 1, role, actor: 'user:1' },
  query: {},
  purpose: 'page',
});

const texts = (blocks: readonly Block[]) =>
  blocks.filter((b): b is TextBlock => b.kind === 'text').map((b) => b.text);
const stats = (blocks: readonly Block[], index = 0) =>
  Object.fromEntries(
    (blocks.filter((b): b is StatsBlock => b.kind === 'stats')[index]?.items ?? []).map((i) => [
      i.label,
      i.value,
    ]),
  );
const table = (blocks: readonly Block[], id: string) =>
  defined(
    blocks.find((b): b is TableBlock => b.kind === 'table' && b.id === id),
    `table ${id}`,
  );
const charts = (blocks: readonly Block[]) =>
  blocks.filter((b): b is ChartBlock => b.kind === 'chart');

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

describe.each(testDialects())('the scoring model page on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;

  const render = async (role: Viewer['role'] = 'manager', locale: PageInput['locale'] = 'en') =>
    (await t.core.console.render(teamId, 'scoring', 'backtest', input(role, locale))).blocks;

  beforeAll(async () => {
    t = await createTestCore({ dialect, plugins: [scoring], now: '1998-07-01T00:00:00Z' });
    teamId = (
      await t.core.teams.create({ name: 'CDNOW', slug: 'cdnow', timeZone: 'Asia/Shanghai' })
    ).id;
    await t.core.plugins.enable(teamId, 'scoring', 'test');
    await recordPurchases(t.core, teamId, sample);
  });
  afterAll(() => t.destroy());

  test('before a fit: the rule, the setting, and what to run', async () => {
    const blocks = await render();
    expect(blocks[0]).toMatchObject({ kind: 'rule' });
    expect((blocks[0] as TextBlock).text).toContain('Fader, Hardie & Lee, 2005');
    expect(stats(blocks)).toEqual({ Setting: 'auto', 'Model in use': 'not fitted yet' });
    expect(texts(blocks)).toEqual([
      'No model has been fitted yet: run scoring:fit for the team.',
      'No backtest yet: scoring:fit with the setting auto, or scoring:backtest --until DATE, makes one.',
    ]);
    expect(charts(blocks)).toEqual([]);
  });

  test('after an automatic fit: the model kept, why, and every model’s holdout', async () => {
    const fit = await t.core.jobs.run('scoring:fit', {
      teamId,
      args: { until: CDNOW_CALIBRATION_END },
    });
    const backtest = fit.backtest as Backtest;
    const blocks = await render();
    const kept = defined(backtest.models.find((m) => m.model === fit.model));
    const label = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD' } as const;
    expect(stats(blocks)).toEqual({
      Setting: 'auto',
      'Model in use': label[fit.model as keyof typeof label],
      'Chosen by': 'holdout error',
      'Calibration end': CDNOW_CALIBRATION_END,
      Fitted: '1998-07-01',
    });
    const first = blocks.find((b): b is StatsBlock => b.kind === 'stats');
    expect(first?.items.map((item) => item.hint)).toEqual([
      'chosen by backtest',
      undefined,
      undefined,
      undefined,
      '1998-07-01 08:00 Asia/Shanghai',
    ]);
    const others = backtest.models
      .filter((m) => m !== kept)
      .map((m) => `${label[m.model]} ${m.meanAbsoluteError.toFixed(3)}`)
      .join(', ');
    expect(texts(blocks)[0]).toBe(
      `auto kept ${label[kept.model]}: over the holdout from 1997-05-18 to ${CDNOW_CALIBRATION_END} its mean absolute error per customer, ${kept.meanAbsoluteError.toFixed(3)}, was the lowest (${others}).`,
    );
    for (const other of backtest.models) {
      expect(kept.meanAbsoluteError).toBeLessThanOrEqual(other.meanAbsoluteError);
    }

    expect(stats(blocks, 1)).toMatchObject({
      'Calibration end': '1997-05-17',
      'Holdout ends': CDNOW_CALIBRATION_END,
      Holdout: '136 days',
      Customers: 400,
      'Bought in the holdout': backtest.boughtAgain,
    });
    const models = table(blocks, 'models');
    expect(models.rows.map((row) => row.model)).toEqual(backtest.models.map((m) => label[m.model]));
    for (const [i, model] of backtest.models.entries()) {
      expect(models.rows[i]).toMatchObject({
        mae: round(model.meanAbsoluteError, 3),
        forecast: round(model.forecastRepeatPurchases, 1),
        actual: model.actualRepeatPurchases,
        aucPAlive: model.aucPAlive === null ? '—' : round(model.aucPAlive, 3),
        aucExpected:
          model.aucExpectedPurchases === null ? '—' : round(model.aucExpectedPurchases, 3),
      });
    }
    expect(models.rows.find((row) => row.model === label[kept.model])?.note).toBe(
      'lowest error · in use',
    );

    // Each model: a line chart of the weeks, the same numbers in a table, the frequency table.
    expect(charts(blocks)).toHaveLength(backtest.models.length);
    for (const model of backtest.models) {
      const chart = defined(charts(blocks).find((c) => c.title.startsWith(label[model.model])));
      expect(chart).toMatchObject({ chart: 'line' });
      expect(chart.labels).toEqual(model.weeks.map((w) => String(w.week)));
      expect(chart.series).toEqual([
        { name: 'Forecast', values: model.weeks.map((w) => round(w.forecast, 2)) },
        { name: 'Actual', values: model.weeks.map((w) => w.actual) },
      ]);
      const weeks = table(blocks, `weeks-${model.model}`);
      expect(weeks.rows.map((row) => [row.forecast, row.actual])).toEqual(
        chart.labels.map((_, i) => [chart.series[0]?.values[i], chart.series[1]?.values[i]]),
      );
      expect(weeks.rows[0]).toMatchObject({ week: 1, from: '1997-05-18', to: '1997-05-24' });
      const frequency = table(blocks, `frequency-${model.model}`);
      expect(frequency.rows.map((row) => [row.frequency, row.customers])).toEqual(
        model.byFrequency.map((row) => [row.frequency, row.customers]),
      );
      expect(frequency.rows.at(-1)?.frequency).toBe('7+');
      expect(frequency.rows.reduce((sum, row) => sum + Number(row.customers), 0)).toBe(400);
    }
  });

  test('speaks Chinese', async () => {
    const blocks = await render('admin', 'zh-CN');
    expect(blocks[0]).toMatchObject({ kind: 'rule' });
    expect(stats(blocks)).toMatchObject({ 设置: 'auto', 选择依据: '留出期误差' });
    expect(texts(blocks)[0]).toMatch(/^auto 保留了 .+：在 1997-05-18 至 1997-09-30 的留出期内/);
    expect(table(blocks, 'models').columns.map((c) => c.label)).toContain('平均绝对误差');
    expect(charts(blocks)[0]?.series.map((s) => s.name)).toEqual(['预测', '实际']);
  });

  test('a later backtest is shown as not the one the model was chosen on', async () => {
    t.clock.set('1998-07-02T00:00:00Z');
    await t.core.jobs.run('scoring:backtest', { teamId, args: { until: '1997-06-30' } });
    const [why] = texts(await render());
    expect(why).toMatch(
      /^auto kept .+ by the lowest holdout error when it was fitted \(1998-07-01 08:00 Asia\/Shanghai\); the backtest below ran later \(1998-07-02 08:00 Asia\/Shanghai\)/,
    );
  });

  test('a model the team names is fitted without a comparison', async () => {
    await t.core.plugins.configure(teamId, 'scoring', { model: 'pnbd' }, 'test');
    await t.core.jobs.run('scoring:fit', { teamId, args: { until: CDNOW_CALIBRATION_END } });
    const blocks = await render();
    expect(stats(blocks)).toMatchObject({
      Setting: 'Pareto/NBD',
      'Model in use': 'Pareto/NBD',
      'Chosen by': "the team's setting",
    });
    expect(texts(blocks)[0]).toBe(
      "The team's setting names Pareto/NBD: it is fitted without a comparison. Set the model to auto to choose by backtest.",
    );
    await t.core.plugins.configure(teamId, 'scoring', { model: 'auto' }, 'test');
  });

  test('a history too short to hold out: kept by likelihood, with its figure', async () => {
    const short = (await t.core.teams.create({ name: 'New', slug: 'new' })).id;
    await t.core.plugins.enable(short, 'scoring', 'test');
    await recordPurchases(
      t.core,
      short,
      sample.filter((p) => p.at < '1997-01-20'),
    );
    const fit = await t.core.jobs.run('scoring:fit', {
      teamId: short,
      args: { until: '1997-01-19' },
    });
    const { blocks } = await t.core.console.render(short, 'scoring', 'backtest', input('admin'));
    expect(stats(blocks)).toMatchObject({ 'Chosen by': 'likelihood' });
    expect(texts(blocks)[0]).toBe(
      `auto kept ${{ bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD' }[fit.model as 'bgnbd']} by the highest log-likelihood, ${round(fit.logLikelihood as number, 1).toFixed(1)}: the history up to 1997-01-19 was under four weeks long, too short to hold part of it out.`,
    );
  });

  test('is for managers and admins of a team that has scoring on', async () => {
    await expect(render('rep')).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
    const off = (await t.core.teams.create({ name: 'Off', slug: 'off' })).id;
    await expect(
      t.core.console.render(off, 'scoring', 'backtest', input('admin')),
    ).rejects.toMatchObject({ code: 'GX_ERR_PLUGIN_DISABLED' });
    expect((await t.core.console.pages(teamId)).map((p) => `${p.pluginId}/${p.path}`)).toEqual([
      'scoring/backtest',
    ]);
  });
});
