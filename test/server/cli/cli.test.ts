import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GUANXI, PROJECT } from '../../support/guanxi';

describe('the guanxi binary, end to end on a SQLite file', () => {
  let dir: string;
  const guanxi = (...args: string[]) => {
    const run = spawnSync(process.execPath, [GUANXI, ...args], {
      cwd: PROJECT,
      env: { ...process.env, DATABASE_URL: join(dir, 'guanxi.db') },
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('migrate, create a team, import orders, export them', { timeout: 60_000 }, () => {
    expect(guanxi('migrate')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^core: 0001-/),
    });
    expect(guanxi('migrate')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^core: up to date\n(plugin_[a-z_-]+: up to date\n)+$/),
    });
    expect(guanxi('teams', 'create', '--name', 'East', '--slug', 'east')).toMatchObject({
      status: 0,
    });

    const orders = join(dir, 'orders.csv');
    writeFileSync(
      orders,
      'customer,placed_at,amount,name\nC1,2024-05-01,12.50,Ada\nC1,2024-05-02,1.00,\nC2,yesterday,3.00,\n',
    );
    const imported = guanxi('import', 'orders', orders, '--team', 'east');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(
      /^read 3, imported 2, duplicates 0, rejected 1, customers created 1 \(\d+\.\d s\)\n/,
    );
    expect(imported.stdout).toContain(`rejected rows and why: ${join(dir, 'orders.rejects.csv')}`);
    expect(existsSync(join(dir, 'orders.rejects.csv'))).toBe(true);
    expect(guanxi('import', 'orders', orders, '--team', 'east').stdout).toMatch(
      /^read 3, imported 0, duplicates 2, rejected 1 /,
    );

    expect(guanxi('cards', 'refresh', '--team', 'east')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^east: 1 card built \(\d+\.\d s\)\n$/),
    });
    expect(guanxi('cards', 'refresh').stdout).toMatch(/^east: 0 cards built /);

    const exported = guanxi('export', '--team', 'east');
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      team: { slug: 'east' },
      customers: [{ externalRef: 'C1', name: 'Ada', facts: { orderCount: 2, revenue: 1350 } }],
    });
  });

  test('jobs read --until as a day of the team’s time zone', { timeout: 60_000 }, () => {
    const orders = join(dir, 'late-orders.csv');
    // Bo's and Cy's last orders are at 00:30 on 2 May in Shanghai, 16:30 on 1 May in UTC.
    writeFileSync(
      orders,
      [
        'customer,placed_at,amount',
        'Ann,2024-04-01T02:00:00Z,10',
        'Ann,2024-05-01T15:30:00Z,10',
        'Bo,2024-04-10T03:00:00Z,10',
        'Bo,2024-05-01T16:30:00Z,10',
        'Cy,2024-05-01T16:30:00Z,10',
        'Di,2024-03-05T05:00:00Z,10',
        'Di,2024-04-15T05:00:00Z,10',
        '',
      ].join('\n'),
    );
    const fits: Record<string, unknown> = {};
    for (const [slug, zone] of [
      ['shanghai', 'Asia/Shanghai'],
      ['london', 'UTC'],
    ] as const) {
      const team = guanxi('teams', 'create', '--name', slug, '--slug', slug, '--time-zone', zone);
      expect(JSON.parse(team.stdout)).toMatchObject({ slug, timeZone: zone });
      expect(guanxi('plugins', 'enable', 'scoring', '--team', slug).status).toBe(0);
      const imported = guanxi('import', 'orders', orders, '--team', slug);
      expect(imported.status).toBe(0);
      // The buyers' re-scores scoring queued are done before the command ends.
      expect(imported.stdout).toMatch(/\ndeferred work done for 4 customers \(\d+\.\d s\)\n$/);
      const fit = guanxi('jobs', 'run', 'scoring:fit', '--team', slug, '--until', '2024-05-01');
      expect(fit.status).toBe(0);
      fits[slug] = JSON.parse(fit.stdout);
    }
    expect(fits.shanghai).toMatchObject({ until: '2024-05-01', customers: 3, repeatBuyers: 2 });
    expect(fits.london).toMatchObject({ until: '2024-05-01', customers: 4, repeatBuyers: 3 });
    expect(
      guanxi('teams', 'create', '--name', 'M', '--slug', 'm', '--time-zone', 'Mars/Base'),
    ).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(
        "option '--time-zone <zone>' argument 'Mars/Base' is invalid. expected an IANA time zone",
      ),
    });
  });

  test('a GuanxiError prints its code and field issues on stderr and exits 1', () => {
    expect(guanxi('export', '--team', 'nowhere')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'error GX_ERR_NOT_FOUND: No team with team nowhere\n  team: no team with this team\n',
    });
  });
});
