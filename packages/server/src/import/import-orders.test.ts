import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCore, defined, type TestCore, testDialects } from '@guanxi/testing';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { importOrders } from './import-orders';

describe.each(testDialects())('importOrders on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let adaId: number;
  let dir: string;

  beforeEach(async () => {
    t = await createTestCore({ dialect });
    teamId = (await t.core.teams.create({ name: 'East', slug: 'east', currency: 'CNY' })).id;
    adaId = (
      await t.core.customers.create(teamId, {
        kind: 'person',
        name: 'Ada',
        externalRef: 'C1',
        emails: ['ada@example.com'],
      })
    ).id;
    dir = mkdtempSync(join(tmpdir(), 'guanxi-import-'));
  });
  afterEach(async () => {
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const csv = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const customerByRef = async (ref: string) => {
    const id = defined(
      (await t.core.customers.idsByExternalRef(teamId, [ref])).get(ref),
      `customer ${ref}`,
    );
    return t.core.customers.get(teamId, id);
  };
  const count = async (table: 'orders' | 'customers') =>
    Number(
      (
        await t.core.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const HAPPY = [
    'customer,placed_at,amount,external_id,cost,currency,email,name',
    'C1,2024-05-01,12.50,A-1,8.00,,,',
    'C1,2024-05-02T08:00:00+08:00,0.29,A-2,,,,',
    'C2,2024-06-01,100,,,,Bo@Example.com,Bo',
    'C3,2024-06-02,1000,,,JPY,,',
    '',
  ].join('\n');

  test('records orders in minor units and creates unknown customers as people', async () => {
    const summary = await importOrders(t.core, csv('orders.csv', HAPPY), { teamId });
    expect(summary).toMatchObject({
      read: 4,
      imported: 4,
      duplicates: 0,
      rejected: 0,
      customersCreated: 2,
      ignoredColumns: [],
      rejectsFile: null,
    });
    expect(await t.core.facts.get(teamId, adaId)).toMatchObject({
      orderCount: 2,
      revenue: 1279,
      margin: 450,
      // A date without a time is midnight in the team's zone (zh-CN: Asia/Shanghai).
      firstOrderAt: '2024-04-30T16:00:00.000Z',
      lastOrderAt: '2024-05-02T00:00:00.000Z',
    });
    const bo = await customerByRef('C2');
    expect(bo).toMatchObject({ kind: 'person', name: 'Bo', stage: 'active' });
    expect(bo.identities).toEqual([{ customerId: bo.id, kind: 'email', value: 'bo@example.com' }]);
    const [boOrder] = await t.core.orders.forCustomer(teamId, bo.id);
    expect(boOrder).toMatchObject({ amount: 10_000, currency: 'CNY' });
    expect(boOrder?.externalId).toMatch(/^csv:[0-9a-f]{40}$/);
    const cy = await customerByRef('C3');
    expect(cy.name).toBe('C3');
    expect(await t.core.orders.forCustomer(teamId, cy.id)).toMatchObject([
      { amount: 1000, currency: 'JPY' },
    ]);
  });

  test('a re-run imports nothing again: same orders, facts counted once', async () => {
    const file = csv('orders.csv', HAPPY);
    await importOrders(t.core, file, { teamId });
    const again = await importOrders(t.core, file, { teamId });
    expect(again).toMatchObject({
      read: 4,
      imported: 0,
      duplicates: 4,
      rejected: 0,
      customersCreated: 0,
    });
    expect(await count('orders')).toBe(4);
    expect(await count('customers')).toBe(3);
    expect(await t.core.facts.get(teamId, adaId)).toMatchObject({ orderCount: 2, revenue: 1279 });
  });

  test('rejects bad rows with their line, field and reason, and imports the rest', async () => {
    const file = csv(
      'messy.csv',
      [
        '\ufeffcustomer,placed_at,amount,notes,email,name',
        'C1,2024-05-01,12.50,"first, with a comma",,',
        'C4,2024-05-03,5.00,"two',
        'lines",,"Li, Na"',
        'C1,2024-02-30,1.00,,,',
        'C1,2024-05-04,-3.00,,,',
        'C1,2024-05-05',
        'C1,2024-05-06,1.00,,,,extra',
        'C5,2024-05-07,1.234,,,',
        'C6,2024-05-08,1.00,,not-an-email,',
        '',
      ].join('\r\n'),
    );
    const summary = await importOrders(t.core, file, { teamId });
    expect(summary).toEqual({
      file,
      read: 8,
      imported: 2,
      duplicates: 0,
      rejected: 6,
      customersCreated: 1,
      ignoredColumns: ['notes'],
      rejectsFile: join(dir, 'messy.rejects.csv'),
    });
    expect(readFileSync(join(dir, 'messy.rejects.csv'), 'utf8')).toBe(
      [
        'line,field,reason',
        '5,placed_at,must be an ISO-8601 date or time such as 2024-05-01T08:00:00Z',
        '6,amount,must not be negative',
        '7,amount,is required',
        '8,,has 7 fields where the header has 6',
        '9,amount,has more than 2 decimals for CNY',
        '10,email,must be an e-mail address',
        '',
      ].join('\n'),
    );
    expect((await customerByRef('C4')).name).toBe('Li, Na');
  });

  test('a header without a required column refuses the file before importing', async () => {
    const file = csv('short.csv', 'customer,amount\nC1,1.00\n');
    await expect(importOrders(t.core, file, { teamId })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'placed_at', message: 'required column missing from the header' }],
    });
    expect(await count('orders')).toBe(0);
    expect(existsSync(join(dir, 'short.rejects.csv'))).toBe(false);
  });

  test("a new customer's taken e-mail rejects that customer's rows, not the batch", async () => {
    const file = csv(
      'orders.csv',
      [
        'customer,placed_at,amount,email',
        'C7,2024-01-01,1.00,ada@example.com',
        'C7,2024-01-02,2.00,',
        'C8,2024-01-03,3.00,c8@example.com',
      ].join('\n'),
    );
    const summary = await importOrders(t.core, file, { teamId });
    expect(summary).toMatchObject({ imported: 1, rejected: 2, customersCreated: 1 });
    expect(readFileSync(join(dir, 'orders.rejects.csv'), 'utf8')).toBe(
      [
        'line,field,reason',
        `2,email,already belongs to customer ${adaId}`,
        '3,customer,customer C7 could not be created (line 2)',
        '',
      ].join('\n'),
    );
  });

  test('goes through the file in batches, creating a customer once', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `C9,2024-01-0${i + 1},1.00,Nine`);
    const file = csv('orders.csv', ['customer,placed_at,amount,name', ...rows].join('\n'));
    const progress: number[] = [];
    const summary = await importOrders(t.core, file, {
      teamId,
      batchSize: 2,
      onProgress: (p) => progress.push(p.rows),
    });
    expect(summary).toMatchObject({ imported: 5, customersCreated: 1 });
    expect(progress).toEqual([2, 4, 5]);
    expect(await t.core.facts.get(teamId, (await customerByRef('C9')).id)).toMatchObject({
      orderCount: 5,
    });
  });

  test('reads GBK when told the encoding', async () => {
    const text = 'customer,placed_at,amount,name\nG1,2024-01-01,12.50,王芳\n';
    const file = csv('gbk.csv', iconv.encode(text, 'gbk'));
    expect(await importOrders(t.core, file, { teamId, encoding: 'gbk' })).toMatchObject({
      imported: 1,
    });
    expect((await customerByRef('G1')).name).toBe('王芳');
    await expect(importOrders(t.core, file, { teamId, encoding: 'klingon' })).rejects.toMatchObject(
      { code: 'GX_ERR_VALIDATION', issues: [{ path: 'encoding' }] },
    );
  });
});
