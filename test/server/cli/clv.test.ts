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
  });
});
