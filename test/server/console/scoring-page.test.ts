import type { Backtest } from '@guanxi/plugin-scoring/models';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import {
  type Caller,
  ConsoleClient,
  createTestApp,
  defined,
  recordPurchases,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readCdnowSample } from '../../support/cdnow';

const bundled = await bundledPlugins();
// The first 300 customers of the CDNOW sample: enough for every model to fit.
const sample = readCdnowSample().filter((p) => Number(p.customer) <= 300);

/** The numbers a table shows, row by row, as its cells' text. */
function tableRows(html: string, id: string): string[][] {
  const body = /<tbody>(.*?)<\/tbody>/s.exec(
    defined(new RegExp(`data-table="${id}">(.*?)</section>`, 's').exec(html), id)[1] ?? '',
  )?.[1];
  return [...(body ?? '').matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => cell[1] ?? ''),
  );
}

/**
 * The scoring plugin's model page as the console serves it with every bundled plugin: the line
 * chart drawn on the server, the table of the same numbers under it, the CSV of each table,
 * for each kind of caller and in both languages.
 */
describe.each(testDialects())('the scoring model page in the console on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let backtest: Backtest;
  let path: string;
  const browsers = new Map<Caller, ConsoleClient>();

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
    a.t.clock.set('1998-07-01T00:00:00Z');
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'scoring', 'test');
    await recordPurchases(core, a.teamA, sample);
    const fit = await core.jobs.run('scoring:fit', {
      teamId: a.teamA,
      args: { until: '1997-09-30' },
    });
    backtest = fit.backtest as Backtest;
    for (const caller of ['admin', 'manager', 'rep', 'otherRep', 'none'] as const) {
      const browser = new ConsoleClient(a.app);
      if (caller !== 'none') await browser.signIn(a.keys[caller]);
      browsers.set(caller, browser);
    }
    path = `/admin/teams/${a.teamA}/plugins/scoring/backtest`;
  });
  afterAll(() => a.destroy());

  const get = (caller: Caller, locale = 'en') =>
    defined(browsers.get(caller)).get(path, { 'accept-language': locale });

  test('managers and admins open it; a rep may not, another team finds nothing', async () => {
    const statuses: Record<string, number> = {};
    for (const caller of ['admin', 'manager', 'rep', 'otherRep', 'none'] as const) {
      for (const locale of ['en', 'zh-CN']) {
        statuses[`${caller} ${locale}`] = (await get(caller, locale)).status;
      }
    }
    expect(statuses).toEqual({
      'admin en': 200,
      'admin zh-CN': 200,
      'manager en': 200,
      'manager zh-CN': 200,
      'rep en': 403,
      'rep zh-CN': 403,
      'otherRep en': 404,
      'otherRep zh-CN': 404,
      'none en': 303,
      'none zh-CN': 303,
    });
    const nav = await (
      await defined(browsers.get('manager')).get(`/admin/teams/${a.teamA}`)
    ).text();
    expect(nav).toContain(`<a href="${path}">Model and backtest</a>`);
    const repNav = await (await defined(browsers.get('rep')).get(`/admin/teams/${a.teamA}`)).text();
    expect(repNav).not.toContain(path);
  });

  test('each model’s weeks as a line chart drawn on the server, with the same numbers under it', async () => {
    const html = await (await get('manager')).text();
    expect(html).toContain('<h1>Model and backtest</h1>');
    expect(html).toContain('Fader, Hardie &amp; Lee, 2005');
    expect(html).not.toContain('<script');
    const lines = [...html.matchAll(/<svg class="chart" data-chart="line"(.*?)<\/svg>/gs)];
    expect(lines).toHaveLength(backtest.models.length);
    for (const [index, model] of backtest.models.entries()) {
      const svg = lines[index]?.[1] ?? '';
      expect(svg).toMatch(/role="img" aria-labelledby="[^"]+"><title id="[^"]+">[^<]+: repeat/);
      const values = (series: string) =>
        [
          ...(
            new RegExp(`<g data-series="${series}">(.*?)</g>`, 's').exec(svg)?.[1] ?? ''
          ).matchAll(/data-value="([^"]+)"/g),
        ].map((m) => Number(m[1]));
      const forecast = values('Forecast');
      const actual = values('Actual');
      expect(actual).toEqual(model.weeks.map((w) => w.actual));
      expect(forecast).toHaveLength(model.weeks.length);
      // 20 weeks along the axis: every other one is written, so none run into each other.
      expect([...svg.matchAll(/text-anchor="middle">(\d+)<\/text>/g)].map((m) => m[1])).toEqual(
        model.weeks.filter((_, i) => i % 2 === 0).map((w) => String(w.week)),
      );
      const rows = tableRows(html, `weeks-${model.model}`);
      expect(rows.map((row) => [Number(row[3]), Number(row[4])])).toEqual(
        forecast.map((value, i) => [value, actual[i]]),
      );
      expect(tableRows(html, `frequency-${model.model}`).map((row) => row[0])).toEqual(
        model.byFrequency.map((row) => row.frequency),
      );
    }
    expect(tableRows(html, 'models')).toHaveLength(backtest.models.length);
  });

  test('speaks Chinese', async () => {
    const html = await (await get('admin', 'zh-CN')).text();
    expect(html).toContain('<h1>模型与回测</h1>');
    expect(html).toContain('选择依据');
    expect(html).toContain('<g data-series="预测">');
    expect(html).toContain('<g data-series="实际">');
    expect(html).toContain('条件期望');
  });

  test('each table downloads as CSV with its numbers', async () => {
    const model = defined(backtest.models[0]);
    const res = await defined(browsers.get('manager')).get(`${path}/tables/weeks-${model.model}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).trim().split('\r\n');
    expect(lines[0]).toBe('Week,From,To,Forecast,Actual');
    expect(lines).toHaveLength(model.weeks.length + 1);
    expect(lines[1]).toBe(
      `1,1997-05-18,1997-05-24,${Math.round((model.weeks[0]?.forecast ?? 0) * 100) / 100},${model.weeks[0]?.actual}`,
    );
  });
});
