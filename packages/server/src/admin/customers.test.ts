import {
  addNote,
  ConsoleClient,
  createTestApp,
  ledgerPlugin,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

/** The customers' names in the order the list shows them. */
function names(html: string): string[] {
  const table = /<table data-table="customers">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr data-customer="\d+"><td><a [^>]*>([^<]*)<\/a>/g)].map((m) =>
    (m[1] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
  );
}

function nextLink(html: string): string | undefined {
  const href = /<a href="([^"]+)" rel="next">/.exec(html)?.[1];
  return href?.replaceAll('&amp;', '&');
}

/** Parses the download as a spreadsheet would: the BOM, then one record a line. */
async function csvOf(res: Response): Promise<{ bom: boolean; rows: string[][] }> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
  const rows = text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1] ?? '').slice(0, -1),
    );
  return {
    bom,
    rows: rows.map((row) => row.map((cell) => cell.replace(/^"|"$/g, '').replaceAll('""', '"'))),
  };
}

describe.each(testDialects())('the console’s customer list on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let manager: ConsoleClient;
  let rep: ConsoleClient;
  let list: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [ledgerPlugin], app: appUnderTest() });
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'ledger', 'test');
    const people: [string, number | null, string | null, number, string][] = [
      // name, owner, last order day, amount, relationship
      ['王芳', a.userIds.rep, '2025-03-01', 50_000, 'interest'],
      ['Li Lei', a.userIds.rep, '2025-01-15', 20_000, 'awareness'],
      ['Zhang Wei', a.userIds.manager, '2024-12-31', 90_000, 'emotion'],
      ['Chen Jing', null, null, 0, 'interest'],
      ['=HYPERLINK("x")', null, '2025-02-01', 10_000, 'awareness'],
    ];
    for (const [name, owner, day, amount, relationship] of people) {
      const customer = await core.customers.create(a.teamA, {
        kind: 'person',
        name,
        emails: [`${name.length}-${Object.keys(ids).length}@example.cn`],
        relationshipStage: relationship as 'interest',
        ...(owner === null ? {} : { ownerUserId: owner }),
      });
      ids[name] = customer.id;
      if (day !== null) {
        await core.orders.record(a.teamA, [{ customerId: customer.id, amount, placedAt: day }]);
      }
    }
    await core.customers.create(a.teamB, { kind: 'person', name: 'Other team' });
    await addNote(core.db, {
      teamId: a.teamA,
      customerId: ids['Zhang Wei'] as number,
      text: 'n',
      at: '2025-01-01',
    });
    manager = new ConsoleClient(a.app);
    await manager.signIn(a.keys.manager);
    rep = new ConsoleClient(a.app);
    await rep.signIn(a.keys.rep);
    list = `/admin/teams/${a.teamA}/customers`;
  });
  afterAll(() => a.destroy());

  const page = async (browser: ConsoleClient, query = '') => {
    const res = await browser.get(`${list}${query}`);
    return { status: res.status, html: await res.text() };
  };

  test('a manager sees the team’s customers by name, with their figures', async () => {
    const { status, html } = await page(manager);
    expect(status).toBe(200);
    expect(names(html)).toEqual(['=HYPERLINK("x")', 'Chen Jing', 'Li Lei', 'Zhang Wei', '王芳']);
    expect(html).toContain('data-count="5"');
    expect(html).not.toContain('Other team');
    expect(html).toMatch(
      /<a href="\/admin\/teams\/\d+\/customers\/\d+">Zhang Wei<\/a><\/td><td><\/td><td>Active customer<\/td><td>Emotion<\/td><td>manager<\/td><td class="num">1<\/td><td class="num">CN¥900\.00<\/td>/,
    );
  });

  test('search, stage, owner, relationship, last order and a plugin’s filter narrow the list', async () => {
    const cases: [string, string[]][] = [
      ['?q=%E7%8E%8B', ['王芳']],
      ['?q=li+lei', ['Li Lei']],
      ['?stage=potential', ['Chen Jing']],
      [`?owner=${a.userIds.rep}`, ['Li Lei', '王芳']],
      ['?owner=none', ['=HYPERLINK("x")', 'Chen Jing']],
      ['?relationship=awareness', ['=HYPERLINK("x")', 'Li Lei']],
      ['?from=2025-01-15&to=2025-02-01', ['=HYPERLINK("x")', 'Li Lei']],
      ['?ledger.noted=yes', ['Zhang Wei']],
      ['?stage=active&relationship=interest', ['王芳']],
    ];
    for (const [query, expected] of cases)
      expect(names((await page(manager, query)).html), query).toEqual(expected);
  });

  test('each sort orders the list, and pages follow on from one another', async () => {
    const sorts: [string, string[]][] = [
      ['revenue', ['Zhang Wei', '王芳', 'Li Lei', '=HYPERLINK("x")', 'Chen Jing']],
      ['last-order', ['王芳', '=HYPERLINK("x")', 'Li Lei', 'Zhang Wei', 'Chen Jing']],
      ['created', ['=HYPERLINK("x")', 'Chen Jing', 'Zhang Wei', 'Li Lei', '王芳']],
    ];
    for (const [sort, expected] of sorts)
      expect(names((await page(manager, `?sort=${sort}`)).html), sort).toEqual(expected);
  });

  test('paging by keyset walks every customer once, in order, for every sort', async () => {
    const { core } = a.t;
    const bulk = await core.teams.create({ name: 'Bulk', slug: 'bulk' });
    await core.users.setRole(bulk.id, a.userIds.manager, 'manager');
    const made = await core.customers.createMany(
      bulk.id,
      Array.from({ length: 125 }, (_, i) => ({ kind: 'person' as const, name: `Bulk ${i % 7}` })),
    );
    // Revenue and days repeat, so the keyset's ties are broken by id.
    await core.orders.record(
      bulk.id,
      made
        .filter((_, i) => i % 3 !== 0)
        .map((customer, i) => ({
          customerId: customer.id,
          amount: (i % 4) * 1_000 + 100,
          placedAt: `2025-01-0${(i % 5) + 1}`,
        })),
    );
    const bulkList = `/admin/teams/${bulk.id}/customers`;
    for (const sort of ['name', 'revenue', 'last-order', 'created']) {
      const seen: string[] = [];
      let next: string | undefined = `${bulkList}?sort=${sort}`;
      for (let pages = 0; next !== undefined && pages < 10; pages++) {
        const html = await (await manager.get(next)).text();
        seen.push(...[...html.matchAll(/<tr data-customer="(\d+)">/g)].map((m) => m[1] ?? ''));
        next = nextLink(html);
      }
      expect(seen, sort).toHaveLength(125);
      expect(new Set(seen).size, sort).toBe(125);
    }
    const everyone = await (await manager.get(`${bulkList}/export?sort=revenue`)).text();
    expect(everyone.trim().split('\r\n')).toHaveLength(126);
  });

  test('a rep sees only the customers they own, whatever the owner filter says', async () => {
    expect(names((await page(rep)).html)).toEqual(['Li Lei', '王芳']);
    expect(names((await page(rep, `?owner=${a.userIds.manager}`)).html)).toEqual([
      'Li Lei',
      '王芳',
    ]);
    expect((await page(rep)).html).not.toContain('name="owner"');
    const other = await rep.get(`${list}/${ids['Zhang Wei']}`);
    expect(other.status).toBe(404);
    expect((await rep.get(`${list}/${ids.王芳}`)).status).toBe(200);
  });

  test('a refused filter is marked beside its field, and nothing is listed', async () => {
    const { status, html } = await page(manager, '?stage=gone&from=2025-13-01&ledger.noted=maybe');
    expect(status).toBe(400);
    expect(names(html)).toEqual([]);
    expect(html).toContain('Some filters are not valid');
    expect(html).toMatch(/<label for="field-from" class="invalid">.*?must be a date, YYYY-MM-DD/s);
    expect(html).toMatch(
      /<label for="field-ledger-noted" class="invalid">.*?is not one of the choices/s,
    );
    expect(html).toMatch(/<label for="field-stage" class="invalid">/);
  });

  test('the CSV download holds the whole filtered list, BOM first, Chinese intact, formulas defused', async () => {
    const res = await manager.get(`${list}/export?relationship=interest&sort=revenue`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('team-a-customers.csv');
    const { bom, rows } = await csvOf(res);
    expect(bom).toBe(true);
    expect(rows[0]).toEqual([
      'id',
      'Name',
      'Kind',
      'Company',
      'Stage',
      'Relationship',
      'Owner',
      'Orders',
      'Revenue (CNY)',
      'Last order',
      'Created',
    ]);
    expect(rows.slice(1).map((row) => row[1])).toEqual(['王芳', 'Chen Jing']);
    expect(rows[1]?.slice(4)).toEqual([
      'Active customer',
      'Interest',
      'rep',
      '1',
      '500',
      '2025-03-01',
      expect.any(String),
    ]);
    const all = await csvOf(await manager.get(`${list}/export`));
    expect(all.rows.map((row) => row[1])).toContain('\'=HYPERLINK("x")');
    const zh = await csvOf(
      await manager.get(`${list}/export?stage=active`, { 'accept-language': 'zh-CN' }),
    );
    expect(zh.rows[0]?.[1]).toBe('姓名');
    expect(zh.rows.slice(1).map((row) => row[4])).toContain('现实客户');
    const mine = await csvOf(await rep.get(`${list}/export`));
    expect(mine.rows.slice(1).map((row) => row[1])).toEqual(['Li Lei', '王芳']);
  });
});
