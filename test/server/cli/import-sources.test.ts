import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CustomerExport, createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runGuanxi } from '../../support/guanxi';

/** The CSV import knows no plugin: the development plugin reads the `source` column it passes on. */
describe('guanxi import customers with a source column', () => {
  let dir: string;
  const guanxi = (...args: string[]) => runGuanxi(join(dir, 'guanxi.db'), ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-sources-'));
    const core = await createCore({
      database: openDatabase({ url: join(dir, 'guanxi.db') }),
      plugins: await bundledPlugins(),
    });
    const team = await core.teams.create({ name: 'East', slug: 'east' });
    await core.plugins.enable(team.id, 'development', 'test');
    await core.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('each customer’s source is recorded, a referral found by external reference, a bad one refused', async () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(
      file,
      [
        'external_ref,kind,name,source',
        'C1,company,Wang Trading,meeting:Canton Fair',
        'C2,company,Li Foods,referral:C1',
        'C3,company,Zhang Tools,agent:Zhao',
        'C4,company,Odd Co,carrier-pigeon',
        'C5,company,Plain Co,',
        '',
      ].join('\n'),
    );
    const imported = guanxi('import', 'customers', file, '--team', 'east', '--batch-size', '2');
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^read 5, imported 5, duplicates 0, rejected 0 /);
    const part = (ref: string) => {
      const list = JSON.parse(guanxi('export', '--team', 'east').stdout).customers as {
        id: number;
        externalRef: string;
      }[];
      const id = list.find((c) => c.externalRef === ref)?.id;
      const exported = JSON.parse(
        guanxi('customers', 'export', String(id), '--team', 'east').stdout,
      ) as CustomerExport;
      return { id, source: (exported.plugins.development as { source: unknown }).source };
    };
    const c1 = part('C1');
    expect(c1.source).toMatchObject({ status: 'recorded', kind: 'meeting', detail: 'Canton Fair' });
    expect(part('C2').source).toMatchObject({ kind: 'referral', referrerId: c1.id });
    expect(part('C3').source).toMatchObject({ kind: 'agent', agent: 'Zhao', agentFeeRate: 0.05 });
    expect(part('C4').source).toMatchObject({ status: 'refused', kind: null });
    expect(part('C5').source).toBeNull();
  }, 120_000);
});
