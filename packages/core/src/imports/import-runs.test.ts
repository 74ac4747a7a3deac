import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore, testDialects } from '../testing';

describe.each(testDialects())('import runs on %s', (dialect) => {
  let t: TestCore;
  let north: number;
  let south: number;

  beforeEach(async () => {
    t = await createTestCore({ dialect, now: '2025-03-01T09:00:00Z' });
    north = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    south = (await t.core.teams.create({ name: 'South', slug: 'south' })).id;
  });
  afterEach(() => t.destroy());

  const start = (teamId = north) =>
    t.core.imports.start(teamId, {
      kind: 'orders',
      fileName: '订单.csv',
      encoding: 'gbk',
      totalBytes: 1_000,
      actor: 'user:1',
    });

  test('a run records its progress, then its outcome and reject report', async () => {
    const run = await start();
    expect(run).toMatchObject({ status: 'running', bytes: 0, rows: 0, hasRejects: false });
    t.clock.advance({ ms: 1_000 });
    await t.core.imports.progress(run.id, { bytes: 400, rows: 12 });
    const other = await t.reopen();
    expect(await other.imports.get(north, run.id)).toMatchObject({
      bytes: 400,
      rows: 12,
      updatedAt: '2025-03-01T09:00:01.000Z',
    });
    const rejects = 'line,field,reason\n3,amount,must be a number\n';
    await t.core.imports.finish(run.id, {
      rows: 30,
      imported: 27,
      duplicates: 2,
      rejected: 1,
      customersCreated: 5,
      ignoredColumns: ['备注'],
      rejects,
    });
    expect(await t.core.imports.get(north, run.id)).toMatchObject({
      status: 'done',
      bytes: 1_000,
      rows: 30,
      imported: 27,
      duplicates: 2,
      rejected: 1,
      customersCreated: 5,
      ignoredColumns: ['备注'],
      hasRejects: true,
      finishedAt: '2025-03-01T09:00:01.000Z',
    });
    expect(await t.core.imports.rejects(north, run.id)).toBe(rejects);
  });

  test('a failed run keeps why; progress after the end changes nothing', async () => {
    const run = await start();
    await t.core.imports.fail(run.id, 'x'.repeat(5_000));
    await t.core.imports.progress(run.id, { bytes: 10, rows: 1 });
    const failed = await t.core.imports.get(north, run.id);
    expect(failed).toMatchObject({ status: 'failed', bytes: 0, hasRejects: false });
    expect(failed.error).toHaveLength(2_000);
  });

  test('runs are listed newest first and belong to their team', async () => {
    const first = await start();
    const second = await start();
    await start(south);
    expect((await t.core.imports.list(north)).map((run) => run.id)).toEqual([second.id, first.id]);
    await expect(t.core.imports.get(south, first.id)).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(t.core.imports.rejects(south, first.id)).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
  });

  test('a bad start names the field and stores nothing', async () => {
    await expect(
      t.core.imports.start(north, {
        kind: 'invoices' as 'orders',
        fileName: ' ',
        encoding: 'utf-8',
        totalBytes: -1,
        actor: 'user:1',
      }),
    ).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'kind' }),
        expect.objectContaining({ path: 'fileName' }),
        expect.objectContaining({ path: 'totalBytes' }),
      ]),
    });
    expect(await t.core.imports.list(north)).toEqual([]);
  });
});
