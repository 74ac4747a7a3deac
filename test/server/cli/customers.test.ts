import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CustomerExport, createCore, type ErasureSummary, openDatabase } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GUANXI, PROJECT } from '../../support/guanxi';

describe('guanxi customers export|erase on a SQLite file', () => {
  let dir: string;
  let customerId: number;
  /** The bundled plugins with a part in a customer's privacy rights. */
  let withPrivacy: string[];

  /** Runs `guanxi customers …`: its exit status, what it printed parsed, and its errors. */
  const run = <T>(...args: string[]) => {
    const child = spawnSync(process.execPath, [GUANXI, 'customers', ...args], {
      cwd: PROJECT,
      env: { ...process.env, DATABASE_URL: join(dir, 'guanxi.db') },
      encoding: 'utf8',
    });
    return {
      status: child.status,
      printed: (child.stdout === '' ? undefined : JSON.parse(child.stdout)) as T,
      stderr: child.stderr,
    };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-customers-'));
    const plugins = await bundledPlugins();
    withPrivacy = plugins.filter((p) => p.privacy !== undefined).map((p) => p.id);
    const core = await createCore({
      database: openDatabase({ url: join(dir, 'guanxi.db') }),
      plugins,
    });
    try {
      const team = await core.teams.create({ name: 'East', slug: 'east' });
      const ada = await core.customers.create(team.id, {
        kind: 'person',
        name: 'Ada Secret',
        emails: ['ada@example.com'],
      });
      await core.orders.record(team.id, [
        { customerId: ada.id, amount: 4_200, placedAt: '2024-05-01' },
      ]);
      customerId = ada.id;
    } finally {
      await core.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('export prints the customer with every bundled plugin part', () => {
    const exported = run<CustomerExport>('export', String(customerId), '--team', 'east');
    expect(exported.status).toBe(0);
    expect(exported.printed.core.customer).toMatchObject({ name: 'Ada Secret' });
    expect(withPrivacy.length).toBeGreaterThan(0);
    expect(Object.keys(exported.printed.plugins).sort()).toEqual([...withPrivacy].sort());
  });

  test('erase wants --yes; then it prints the summary and the export shows the remains', () => {
    const refused = run('erase', String(customerId), '--team', 'east');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--yes');
    const erased = run<ErasureSummary>(
      'erase',
      String(customerId),
      '--team',
      'east',
      '--yes',
      '--actor',
      'dpo@example.com',
    );
    expect(erased.status).toBe(0);
    expect(erased.printed).toMatchObject({
      customerId,
      actor: 'dpo@example.com',
      core: { identities: 1 },
    });
    const remains = run<CustomerExport>('export', String(customerId), '--team', 'east').printed;
    expect(remains.core.customer).toMatchObject({ name: `erased customer #${customerId}` });
    expect(remains.core.facts).toMatchObject({ revenue: 4_200 });
    expect(JSON.stringify(remains)).not.toMatch(/Ada Secret|ada@example\.com/);
  });
});
