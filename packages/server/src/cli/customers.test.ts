import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CustomerExport, ErasureSummary } from '@guanxi/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customersCommand } from './customers';
import { withCore } from './with-core';

describe('guanxi customers export|erase on a SQLite file', () => {
  let dir: string;
  let customerId: number;
  const previousUrl = process.env.DATABASE_URL;

  /** Runs `guanxi customers …` and returns what it printed, parsed. */
  const run = async <T>(...args: string[]): Promise<T> => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await customersCommand(out).exitOverride().parseAsync(args, { from: 'user' });
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-customers-'));
    process.env.DATABASE_URL = join(dir, 'guanxi.db');
    customerId = await withCore(async (core) => {
      const team = await core.teams.create({ name: 'East', slug: 'east' });
      const ada = await core.customers.create(team.id, {
        kind: 'person',
        name: 'Ada Secret',
        emails: ['ada@example.com'],
      });
      await core.orders.record(team.id, [
        { customerId: ada.id, amount: 4_200, placedAt: '2024-05-01' },
      ]);
      return ada.id;
    });
  });
  afterAll(() => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    rmSync(dir, { recursive: true, force: true });
  });

  test('export prints the customer with every bundled plugin part', async () => {
    const exported = await run<CustomerExport>('export', String(customerId), '--team', 'east');
    expect(exported.core.customer).toMatchObject({ name: 'Ada Secret' });
    expect(Object.keys(exported.plugins)).toHaveLength(6);
  });

  test('erase wants --yes; then it prints the summary and the export shows the remains', async () => {
    await expect(run('erase', String(customerId), '--team', 'east')).rejects.toThrow('--yes');
    const summary = await run<ErasureSummary>(
      'erase',
      String(customerId),
      '--team',
      'east',
      '--yes',
      '--actor',
      'dpo@example.com',
    );
    expect(summary).toMatchObject({
      customerId,
      actor: 'dpo@example.com',
      core: { identities: 1 },
    });
    const remains = await run<CustomerExport>('export', String(customerId), '--team', 'east');
    expect(remains.core.customer).toMatchObject({ name: `erased customer #${customerId}` });
    expect(remains.core.facts).toMatchObject({ revenue: 4_200 });
    expect(JSON.stringify(remains)).not.toMatch(/Ada Secret|ada@example\.com/);
  });
});
