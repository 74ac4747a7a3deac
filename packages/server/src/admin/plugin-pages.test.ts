import {
  addNote,
  ConsoleClient,
  createTestApp,
  ledgerPlugin,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

// biome-ignore lint/suspicious/noExplicitAny: the ledger plugin's table, read back by the test
const notes = (db: Kysely<any>) =>
  db.selectFrom('ledger_notes').select(['customer_id', 'text']).orderBy('id').execute();

describe.each(testDialects())('plugin pages in the console on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let admin: ConsoleClient;
  let manager: ConsoleClient;
  let rep: ConsoleClient;
  let book: string;
  let customer: number;

  beforeEach(async () => {
    a = await createTestApp({ dialect, plugins: [ledgerPlugin], app: appUnderTest() });
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'ledger', 'test');
    customer = (await core.customers.create(a.teamA, { kind: 'person', name: '李雷' })).id;
    for (const text of ['首次拜访', 'second', 'third']) {
      await addNote(core.db, { teamId: a.teamA, customerId: customer, text, at: '2025-01-01' });
    }
    admin = new ConsoleClient(a.app);
    await admin.signIn(a.keys.admin);
    manager = new ConsoleClient(a.app);
    await manager.signIn(a.keys.manager);
    rep = new ConsoleClient(a.app);
    await rep.signIn(a.keys.rep);
    book = `/admin/teams/${a.teamA}/plugins/ledger/book`;
  });
  afterEach(() => a.destroy());

  test('a page is drawn by the console from the plugin’s blocks, in its navigation', async () => {
    const res = await manager.get(book);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Note book</h1>');
    expect(html).toContain(`<a href="${book}" aria-current="page">Note book</a>`);
    expect(html).toContain('<p class="rule" data-block="rule">Rule: every note is kept.</p>');
    expect(html).toMatch(/<svg class="chart" data-chart="bar"/);
    expect(html).toContain(
      `<a href="/admin/teams/${a.teamA}/customers/${customer}">#${customer}</a>`,
    );
    expect(html).toContain('首次拜访');
    expect(html).not.toContain('>third<');
    expect(html).toContain(`action="${book}/actions/remove"`);
    expect(html).toContain(`action="${book}/actions/add"`);
    expect(html).toContain(`href="${book}/tables/notes"`);
    const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(new RegExp(`^${book}\\?after=\\d+$`));
    const second = await (await manager.get(next as string)).text();
    expect(second).toContain('>third<');
    expect(second).not.toContain('首次拜访');
  });

  test('titles and blocks come in the reader’s language', async () => {
    const html = await (await manager.get(book, { 'accept-language': 'zh-CN' })).text();
    expect(html).toContain('<h1>备注簿</h1>');
    expect(html).toContain('规则：每条备注都记下来。');
    expect(html).toContain('我的备注');
  });

  test('a role the page does not name gets a 403 and no link; its own page shows the viewer', async () => {
    const refused = await rep.get(book);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Not for your role');
    const mine = await (await rep.get(`/admin/teams/${a.teamA}/plugins/ledger/mine`)).text();
    expect(mine).toContain(`viewer ${a.userIds.rep} rep`);
    expect(mine).not.toContain(`href="${book}"`);
  });

  test('a team without the plugin, another team, or an unknown page: 404', async () => {
    await a.t.core.plugins.disable(a.teamA, 'ledger', 'test');
    expect((await manager.get(book)).status).toBe(404);
    expect((await manager.get(`/admin/teams/${a.teamA}`)).status).toBe(200);
    await a.t.core.plugins.enable(a.teamA, 'ledger', 'test');
    expect((await manager.get(`/admin/teams/${a.teamA}/plugins/ledger/nope`)).status).toBe(404);
    expect((await manager.get(`/admin/teams/${a.teamA}/plugins/nobody/book`)).status).toBe(404);
    await a.t.core.plugins.enable(a.teamB, 'ledger', 'test');
    expect((await manager.get(`/admin/teams/${a.teamB}/plugins/ledger/book`)).status).toBe(404);
  });

  test('every table downloads as CSV with all its rows, BOM first', async () => {
    const res = await manager.get(`${book}/tables/notes`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('team-a-ledger-notes.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')).toEqual([
      'Customer,Text,',
      `#${customer},首次拜访,`,
      `#${customer},second,`,
      `#${customer},third,`,
      '',
    ]);
    expect((await manager.get(`${book}/tables/nope`)).status).toBe(404);
  });

  test('a form runs the page’s action, then the page says it is done', async () => {
    const res = await admin.submit(book, `${book}/actions/add`, {
      customerId: String(customer),
      text: '  续约意向强  ',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${book}?done=add`);
    expect((await notes(a.t.core.db)).at(-1)).toEqual({
      customer_id: customer,
      text: '续约意向强',
    });
    const html = await (await admin.get(`${book}?done=add`, { 'accept-language': 'zh-CN' })).text();
    expect(html).toContain('备注已添加。');
    expect(await (await admin.get(`${book}?done=toString`)).text()).not.toContain('class="notice"');
  });

  test('a refused form comes back with each field’s error and the values kept', async () => {
    const res = await admin.submit(book, `${book}/actions/add`, {
      customerId: 'abc',
      text: '保留',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Some fields are not valid');
    expect(html).toMatch(/<label for="field-customerId" class="invalid">/);
    expect(html).toContain('value="保留"');
    expect(await notes(a.t.core.db)).toHaveLength(3);
  });

  test('a row’s button runs its action; an action the role lacks is refused', async () => {
    const refused = await manager.submit(book, `${book}/actions/remove`, { id: '1' });
    expect(refused.status).toBe(403);
    expect(await notes(a.t.core.db)).toHaveLength(3);
    const html = await (await admin.get(book)).text();
    const id = /name="id" value="(\d+)"/.exec(html)?.[1] as string;
    const removed = await admin.submit(book, `${book}/actions/remove`, { id });
    expect(removed.headers.get('location')).toBe(`${book}?done=remove`);
    expect(await notes(a.t.core.db)).toHaveLength(2);
    expect((await admin.submit(book, `${book}/actions/fly`, {})).status).toBe(404);
  });
});
