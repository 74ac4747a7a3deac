import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCore, defined, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { importCustomers } from './import-customers';

const CUSTOMERS = [
  'external_ref,kind,name,email,phone,domain,stage',
  'K1,company,"Acme, Ltd",,+86 21 5555 0000,acme.com,target',
  'P1,person,Ada Lovelace,ada@acme.com,,,',
  'P2,person,Bo,bo@gmail.com;bo.work@gmail.com,,,active',
  'P3,Person,Cy,,,,',
  'P4,person,Di,,,di.com,',
  'P5,robot,Ed,,,,',
  'P6,person,,,,,',
  'P7,person,Fa,ADA@acme.com,,,',
  'P1,person,Ada again,,,,',
  '',
].join('\n');

describe.each(testDialects())('importCustomers on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let dir: string;
  let file: string;

  beforeEach(async () => {
    t = await createTestCore({ dialect });
    teamId = (await t.core.teams.create({ name: 'West', slug: 'west', currency: 'USD' })).id;
    dir = mkdtempSync(join(tmpdir(), 'guanxi-import-'));
    file = join(dir, 'customers.csv');
    writeFileSync(file, CUSTOMERS);
  });
  afterEach(async () => {
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const byRef = async (ref: string) => {
    const id = defined(
      (await t.core.customers.idsByExternalRef(teamId, [ref])).get(ref),
      `customer ${ref}`,
    );
    return t.core.customers.get(teamId, id);
  };

  test('imports people and companies with identities, and reports the rest', async () => {
    expect(await importCustomers(t.core, file, { teamId })).toMatchObject({
      read: 9,
      imported: 4,
      duplicates: 1,
      rejected: 4,
      customersCreated: 0,
      rejectsFile: join(dir, 'customers.rejects.csv'),
    });
    const acme = await byRef('K1');
    expect(acme).toMatchObject({ kind: 'company', name: 'Acme, Ltd', stage: 'target' });
    expect(acme.identities.map((i) => i.value).sort()).toEqual(['+862155550000', 'acme.com']);
    expect(await byRef('P1')).toMatchObject({ name: 'Ada Lovelace', companyId: acme.id });
    expect((await byRef('P2')).identities).toHaveLength(2);
    expect(await byRef('P3')).toMatchObject({ kind: 'person', stage: 'potential' });
    expect(readFileSync(join(dir, 'customers.rejects.csv'), 'utf8')).toBe(
      [
        'line,field,reason',
        '6,domain,only a company has a domain',
        '7,kind,"Invalid option: expected one of ""person""|""company"""',
        '8,name,is required',
        '9,email,repeats line 3',
        '',
      ].join('\n'),
    );
  });

  test('a source column becomes the customer’s source attribute, as written', async () => {
    writeFileSync(
      file,
      [
        'external_ref,kind,name,source',
        'S1,company,Fair Co,meeting:Canton Fair',
        'S2,company,Plain,',
        '',
      ].join('\n'),
    );
    expect(await importCustomers(t.core, file, { teamId })).toMatchObject({ imported: 2 });
    expect((await byRef('S1')).attributes).toEqual({
      source: { value: 'meeting:Canton Fair', source: 'import', recordedAt: expect.any(String) },
    });
    expect((await byRef('S2')).attributes).toEqual({});
  });

  test('a re-run creates nobody twice', async () => {
    await importCustomers(t.core, file, { teamId });
    const p1 = await byRef('P1');
    expect(await importCustomers(t.core, file, { teamId })).toMatchObject({
      read: 9,
      imported: 0,
      duplicates: 5,
      rejected: 4,
    });
    expect((await t.core.customers.list(teamId)).items).toHaveLength(4);
    expect(readFileSync(join(dir, 'customers.rejects.csv'), 'utf8')).toContain(
      `9,email,already belongs to customer ${p1.id}`,
    );
  });
});
