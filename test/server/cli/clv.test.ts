import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readCdnowSample } from '../../support/cdnow';
import { GUANXI, PROJECT } from '../../support/guanxi';

const guanxi = (...args: string[]) => {
  const run = spawnSync(process.execPath, [GUANXI, ...args], {
    cwd: PROJECT,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('guanxi clv: customer-base models over an orders file', () => {
  let dir: string;
  let orders: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-clv-'));
    orders = join(dir, 'cdnow.csv');
    const rows = readCdnowSample().map((p) => `${p.customer},${p.at},${p.amount}`);
    writeFileSync(orders, `customer,placed_at,amount\n${rows.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = () => ['--orders', orders, '--until', '1997-09-30'];

  test('fit prints the published BG/NBD and Pareto/NBD fits of the CDNOW sample', () => {
    const bgnbd = guanxi('clv', 'fit', ...file(), '--json');
    expect(bgnbd.status).toBe(0);
    const fit = JSON.parse(bgnbd.stdout);
    expect(fit).toMatchObject({ model: 'bgnbd', customers: 2_357, repeatBuyers: 946 });
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
    expect(fit.params.r).toBeCloseTo(0.243, 2);
    expect(fit.params.alpha).toBeCloseTo(4.414, 1);

    const pnbd = JSON.parse(guanxi('clv', 'fit', ...file(), '--model', 'pnbd', '--json').stdout);
    expect(pnbd).toMatchObject({ model: 'pnbd', customers: 2_357 });
    expect(pnbd.logLikelihood).toBeCloseTo(-9595.0, 0);
  }, 60_000);

  test('fit --model mbgnbd prints the MBG/NBD fit; auto backtests all three and says which won', () => {
    const mbg = JSON.parse(guanxi('clv', 'fit', ...file(), '--model', 'mbgnbd', '--json').stdout);
    // The lifetimes library's test suite: r 0.525, α 6.183, a 0.891, b 1.614 on this sample.
    expect(mbg).toMatchObject({ model: 'mbgnbd', selection: 'named', backtest: null });
    expect(mbg.params.r).toBeCloseTo(0.525, 3);
    expect(mbg.params.b).toBeCloseTo(1.614, 3);

    const run = guanxi('clv', 'fit', ...file(), '--model', 'auto', '--json');
    expect(run.status).toBe(0);
    const auto = JSON.parse(run.stdout);
    expect(auto).toMatchObject({ selection: 'holdout', model: auto.backtest.best });
    // The history to 30 September 1997 is split in half: calibration to 17 May.
    expect(auto.backtest).toMatchObject({ until: '1997-05-17', holdoutEnd: '1997-09-30' });
    expect(run.stderr).toBe(`model ${auto.model}, chosen by the lowest holdout error\n`);
  }, 60_000);

  test('backtest holds out to the last purchase and reports every model', () => {
    const run = guanxi('clv', 'backtest', ...file(), '--json');
    expect(run.status).toBe(0);
    const backtest = JSON.parse(run.stdout);
    const later = readCdnowSample().filter((p) => p.at > '1997-09-30');
    expect(backtest).toMatchObject({
      until: '1997-09-30',
      holdoutEnd: '1998-06-30',
      holdoutLength: 39,
      customers: 2_357,
      boughtAgain: new Set(later.map((p) => p.customer)).size,
    });
    const actual = new Set(later.map((p) => `${p.customer}|${p.at}`)).size;
    for (const model of backtest.models) {
      expect(model.actualRepeatPurchases).toBe(actual);
      expect(model.weeks).toHaveLength(39);
      expect(model.byFrequency).toHaveLength(8);
    }
    expect(backtest.models.map((m: { model: string }) => m.model)).toEqual([
      'bgnbd',
      'mbgnbd',
      'pnbd',
    ]);

    const short = JSON.parse(
      guanxi(
        'clv',
        'backtest',
        ...file(),
        '--holdout-end',
        '1997-12-30',
        '--model',
        'pnbd',
        '--json',
      ).stdout,
    );
    expect(short).toMatchObject({ holdoutEnd: '1997-12-30', holdoutLength: 13, best: 'pnbd' });
    const early = guanxi('clv', 'backtest', ...file(), '--holdout-end', '1997-09-01');
    expect(early.status).toBe(1);
    expect(early.stderr).toContain('holdoutEnd: must be after the calibration end 1997-09-30');
  }, 60_000);

  test('predict prints one object a line per customer', () => {
    const run = guanxi('clv', 'predict', ...file(), '--horizon', '39', '--json');
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2_357);
    for (const line of lines) {
      expect(line.p_alive).toBeGreaterThan(0);
      expect(line.p_alive).toBeLessThanOrEqual(1);
      expect(line.expected_purchases).toBeGreaterThanOrEqual(0);
      expect(line.clv).toBeCloseTo(line.expected_purchases * line.expected_spend, 6);
    }
    const total = lines.reduce((sum, line) => sum + line.expected_purchases, 0);
    // The same forecast of the 39-week holdout that the scoring backtest checks.
    expect(total).toBeGreaterThan(1_600);
    expect(total).toBeLessThan(1_700);
  }, 60_000);

  test('a bad row stops the run, naming its line and column', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer,placed_at,amount\nA,1997-01-01,10\nB,someday,-3\n');
    const run = guanxi('clv', 'fit', '--orders', bad, '--until', '1997-09-30');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('line 3.placed_at: expected a date or an ISO-8601 time');
    expect(run.stderr).toContain('line 3.amount: expected a number, 0 or more');
    expect(guanxi('clv', 'fit', '--orders', bad, '--until', '1997-02-30').stderr).toContain(
      'expected a date, YYYY-MM-DD',
    );
    expect(guanxi('clv', 'fit', ...file(), '--time-zone', 'Beijing').stderr).toContain(
      "option '--time-zone <zone>' argument 'Beijing' is invalid",
    );
  });

  test('--time-zone sets the days purchases fall on', () => {
    const late = join(dir, 'late.csv');
    // Customer 2's orders are a day apart in Shanghai (23:30 and 00:30), one day in UTC.
    const rows = [
      '1,1997-01-01,10',
      '1,1997-02-01,10',
      '2,1997-01-01T15:30:00Z,10',
      '2,1997-01-01T16:30:00Z,10',
      '3,1997-01-05,10',
    ];
    writeFileSync(late, `customer,placed_at,amount\n${rows.join('\n')}\n`);
    const fitOf = (...zone: string[]) =>
      JSON.parse(
        guanxi('clv', 'fit', '--orders', late, '--until', '1997-03-01', '--json', ...zone).stdout,
      );
    expect(fitOf()).toMatchObject({ customers: 3, repeatBuyers: 1 });
    expect(fitOf('--time-zone', 'Asia/Shanghai')).toMatchObject({ customers: 3, repeatBuyers: 2 });
    // Split at 1 January, customer 2's second order is in the holdout in Shanghai only.
    const backtestOf = (...zone: string[]) =>
      JSON.parse(
        guanxi('clv', 'backtest', '--orders', late, '--until', '1997-01-01', '--json', ...zone)
          .stdout,
      );
    expect(backtestOf()).toMatchObject({ customers: 2, boughtAgain: 1 });
    expect(backtestOf('--time-zone', 'Asia/Shanghai')).toMatchObject({
      customers: 2,
      boughtAgain: 2,
    });
  });
});
