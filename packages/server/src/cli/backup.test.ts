import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Core, createCore, openDatabase } from '@guanxi/core';
import { snapshot } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backupSqlite } from './backup';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs the guanxi binary without blocking, so this process can keep writing meanwhile. */
function guanxi(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/guanxi.mjs', ...args], {
      cwd: packageDir,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Records orders for the customers in turn until stopped, as a busy server would. */
function writer(core: Core, teamId: number, customers: readonly number[]) {
  const state = { writing: true, written: 0 };
  const done = (async () => {
    while (state.writing) {
      const customerId = customers[state.written % customers.length] as number;
      await core.orders.record(teamId, [
        { customerId, amount: 100 + state.written, placedAt: '2024-03-01' },
      ]);
      state.written += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  return {
    state,
    stop: async () => {
      state.writing = false;
      await done;
    },
  };
}

describe('guanxi backup of a live SQLite database', () => {
  let dir: string;
  let file: string;
  let core: Core;
  let teamId: number;
  let customers: number[];
  const cores: Core[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-backup-'));
    file = join(dir, 'guanxi.db');
    core = await createCore({ database: openDatabase({ url: file }) });
    cores.push(core);
    teamId = (await core.teams.create({ name: 'Live', slug: 'live' })).id;
    customers = [];
    for (let i = 0; i < 4; i += 1) {
      customers.push((await core.customers.create(teamId, { kind: 'person', name: `C${i}` })).id);
    }
  });
  afterEach(async () => {
    for (const opened of cores.splice(0)) await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (url: string) => {
    const opened = await createCore({ database: openDatabase({ url }) });
    cores.push(opened);
    return opened;
  };

  /** Asserts the copy holds one moment of the source; returns how many orders it holds. */
  async function expectConsistent(copy: Core): Promise<number> {
    const orders = await copy.db.selectFrom('orders').selectAll().orderBy('id').execute();
    for (const customerId of customers) {
      const theirs = orders.filter((o) => o.customer_id === customerId);
      expect(await copy.facts.get(teamId, customerId)).toMatchObject({
        orderCount: theirs.length,
        revenue: theirs.reduce((sum, o) => sum + o.amount, 0),
      });
    }
    const originals = await core.db
      .selectFrom('orders')
      .selectAll()
      .where(
        'id',
        'in',
        orders.map((o) => o.id),
      )
      .orderBy('id')
      .execute();
    expect(orders).toEqual(originals);
    return orders.length;
  }

  test('the command copies while another process writes; the copy is one consistent moment', async () => {
    const orders = writer(core, teamId, customers);
    while (orders.state.written < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = orders.state.written;
    const copyFile = join(dir, 'backups', 'live.db');
    const run = await guanxi({ DATABASE_URL: file }, 'backup', copyFile);
    const during = orders.state.written;
    await orders.stop();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^backed up ${file} to ${copyFile}: 4 customers, \\d+ orders, \\d+\\.\\d MB; integrity ok\\n$`,
      ),
    );
    expect(during).toBeGreaterThan(before);

    const held = await expectConsistent(await open(copyFile));
    expect(held).toBeGreaterThanOrEqual(before);
    expect(held).toBeLessThanOrEqual(during);
    expect(run.stdout).toContain(`, ${held} orders,`);
  }, 60_000);

  test('a copy taken at rest, put back in place, opens with the same data', async () => {
    const orders = writer(core, teamId, customers);
    while (orders.state.written < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    await orders.stop();
    const report = await backupSqlite(file, join(dir, 'rest.db'));
    expect(report).toMatchObject({ customers: 4, orders: orders.state.written });
    const restoredFile = join(dir, 'restored', 'guanxi.db');
    mkdirSync(dirname(restoredFile));
    copyFileSync(report.file, restoredFile);
    const restored = await open(restoredFile);
    expect(await snapshot(restored.db)).toEqual(await snapshot(core.db));
    expect(await restored.facts.many(teamId, customers)).toEqual(
      await core.facts.many(teamId, customers),
    );
  });

  test('refuses to overwrite a file, to invent a database, and PostgreSQL', async () => {
    const taken = join(dir, 'taken.db');
    writeFileSync(taken, 'precious');
    await expect(backupSqlite(file, taken)).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'file', message: 'already exists' }],
    });
    await expect(backupSqlite(join(dir, 'nowhere.db'), join(dir, 'x.db'))).rejects.toMatchObject({
      message: `No SQLite database at ${join(dir, 'nowhere.db')}`,
    });
    expect(existsSync(join(dir, 'nowhere.db'))).toBe(false);
    const pg = spawnSync(process.execPath, ['bin/guanxi.mjs', 'backup', join(dir, 'pg.db')], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
    });
    expect(pg.status).toBe(1);
    expect(pg.stderr).toContain(
      'error GX_ERR_VALIDATION: DATABASE_URL is PostgreSQL: back it up with pg_dump',
    );
  }, 60_000);
});
