import {
  ConsoleClient,
  createTestApp,
  csrfOf,
  defined,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';
import { CSRF_FIELD } from './csrf';

const CUSTOMERS = [
  'external_ref,kind,name,email',
  'C-1,person,王芳,wang.fang@example.cn',
  'C-2,robot,李雷,li.lei@example.cn',
  'C-3,company,上海贸易有限公司,',
].join('\n');

describe.each(testDialects())('CSV import from the console on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let manager: ConsoleClient;
  let page: string;

  beforeEach(async () => {
    a = await createTestApp({
      dialect,
      app: appUnderTest({ console: { uploadLimitBytes: 64 * 1024 } }),
    });
    manager = new ConsoleClient(a.app);
    await manager.signIn(a.keys.manager);
    page = `/admin/teams/${a.teamA}/import`;
  });
  afterEach(() => a.destroy());

  /** Uploads a file as the browser would, with the form token of the import page. */
  async function upload(
    browser: ConsoleClient,
    fields: { kind: string; encoding: string },
    file: { name: string; bytes: Uint8Array | string } | undefined,
  ) {
    const form = new FormData();
    form.append(CSRF_FIELD, csrfOf(await (await browser.get(`/admin/teams/${a.teamA}`)).text()));
    form.append('kind', fields.kind);
    form.append('encoding', fields.encoding);
    if (file !== undefined)
      form.append('file', new File([file.bytes], file.name, { type: 'text/csv' }));
    return browser.upload(page, form);
  }

  /** The import's record once it has ended. */
  async function settled(importId: number) {
    for (let tries = 0; tries < 400; tries++) {
      const run = await a.t.core.imports.get(a.teamA, importId);
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`import ${importId} did not end`);
  }

  const importIdOf = (res: Response) =>
    Number(/\/import\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);

  test('an upload imports in the background; its page shows what it did and the rejected rows', async () => {
    const res = await upload(
      manager,
      { kind: 'customers', encoding: 'utf-8' },
      { name: '客户.csv', bytes: CUSTOMERS },
    );
    expect(res.status).toBe(303);
    const run = await settled(importIdOf(res));
    expect(run).toMatchObject({
      status: 'done',
      fileName: '客户.csv',
      rows: 3,
      imported: 2,
      rejected: 1,
      hasRejects: true,
      actor: `user:${a.userIds.manager}`,
    });
    const names = (await a.t.core.customers.list(a.teamA)).items.map((c) => c.name);
    expect(names).toEqual(['王芳', '上海贸易有限公司']);
    const html = await (await manager.get(`${page}/${run.id}`)).text();
    expect(html).toContain('data-status="done"');
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain('Download the rejected rows');
    const rejects = await manager.get(`${page}/${run.id}/rejects`);
    expect(rejects.headers.get('content-disposition')).toContain('.rejects.csv');
    const bytes = new Uint8Array(await rejects.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text).toContain('line,field,reason');
    expect(text).toMatch(/^3,kind,/m);
    const list = await (await manager.get(page)).text();
    expect(list).toContain(`<a href="${page}/${run.id}">客户.csv</a>`);
  });

  test('a GBK file is read as GBK; the same file said to be UTF-8 is refused whole', async () => {
    const gbk = iconv.encode(CUSTOMERS.replace('robot', 'person'), 'gbk');
    const wrong = await upload(
      manager,
      { kind: 'customers', encoding: 'utf-8' },
      { name: 'gbk.csv', bytes: gbk },
    );
    const failed = await settled(importIdOf(wrong));
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('gbk.csv');
    expect(failed.error).not.toContain('guanxi-import-');
    expect(await a.t.core.customers.list(a.teamA)).toMatchObject({ items: [] });
    const failedPage = await (await manager.get(`${page}/${failed.id}`)).text();
    expect(failedPage).toContain('data-status="failed"');

    const right = await upload(
      manager,
      { kind: 'customers', encoding: 'gbk' },
      { name: 'gbk.csv', bytes: gbk },
    );
    expect(await settled(importIdOf(right))).toMatchObject({ status: 'done', imported: 3 });
    const names = (await a.t.core.customers.list(a.teamA)).items.map((c) => c.name);
    expect(names).toEqual(['王芳', '李雷', '上海贸易有限公司']);
  });

  test('an orders file creates the customers it names', async () => {
    const orders = 'customer,placed_at,amount\nC-9,2025-02-01,1280.50\nC-9,2025-03-01,abc\n';
    const res = await upload(
      manager,
      { kind: 'orders', encoding: 'utf-8' },
      { name: 'orders.csv', bytes: orders },
    );
    expect(await settled(importIdOf(res))).toMatchObject({
      status: 'done',
      imported: 1,
      rejected: 1,
      customersCreated: 1,
    });
    const [created] = (await a.t.core.customers.list(a.teamA)).items;
    expect((await a.t.core.facts.get(a.teamA, defined(created).id)).revenue).toBe(128_050);
  });

  test('a running import’s page refreshes itself, and says when it has stalled', async () => {
    const run = await a.t.core.imports.start(a.teamA, {
      kind: 'customers',
      fileName: 'big.csv',
      encoding: 'utf-8',
      totalBytes: 1_000,
      actor: 'user:1',
    });
    await a.t.core.imports.progress(run.id, { bytes: 250, rows: 40 });
    const html = await (await manager.get(`${page}/${run.id}`)).text();
    expect(html).toContain('<meta http-equiv="refresh" content="2"/>');
    expect(html).toContain('data-share="25"');
    expect(html).toContain('refreshes itself');
    a.t.clock.advance({ ms: 6 * 60_000 });
    await manager.signIn(a.keys.manager);
    expect(await (await manager.get(`${page}/${run.id}`)).text()).toContain(
      'No progress for a while',
    );
    expect((await manager.get(`${page}/${run.id}/rejects`)).status).toBe(404);
  });

  test('a form without a file, of an unknown kind, or too large is refused with why', async () => {
    const missing = await upload(manager, { kind: 'customers', encoding: 'utf-8' }, undefined);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Choose a CSV file.');
    const kind = await upload(
      manager,
      { kind: 'invoices', encoding: 'latin1' },
      { name: 'x.csv', bytes: CUSTOMERS },
    );
    expect(kind.status).toBe(400);
    const html = await kind.text();
    expect(html).toMatch(/<label for="field-kind" class="invalid">/);
    expect(html).toMatch(/<label for="field-encoding" class="invalid">/);
    const large = await upload(
      manager,
      { kind: 'customers', encoding: 'utf-8' },
      { name: 'big.csv', bytes: 'x'.repeat(70 * 1024) },
    );
    expect(large.status).toBe(413);
    expect(await a.t.core.imports.list(a.teamA)).toEqual([]);
  });

  test('a rep may not import; another team’s imports do not exist', async () => {
    const rep = new ConsoleClient(a.app);
    await rep.signIn(a.keys.rep);
    expect((await rep.get(page)).status).toBe(403);
    const theirs = await a.t.core.imports.start(a.teamB, {
      kind: 'orders',
      fileName: 'b.csv',
      encoding: 'utf-8',
      totalBytes: 1,
      actor: 'user:9',
    });
    expect((await manager.get(`${page}/${theirs.id}`)).status).toBe(404);
  });
});
