import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addNote, createTestCore, ledgerPlugin, type TestCore, testDialects } from '../testing';
import type { PageInput, Viewer } from './console';
import { definePlugin } from './define-plugin';

/** A plugin whose widget and timeline fail: the console leaves them out. */
const broken = definePlugin({
  id: 'broken',
  version: '1.0.0',
  widgets: [
    {
      id: 'boom',
      title: { en: 'Boom', 'zh-CN': '坏' },
      roles: ['admin', 'manager', 'rep'],
      render: async () => {
        throw new Error('widget broke');
      },
    },
  ],
  timeline: async () => {
    throw new Error('timeline broke');
  },
});

// biome-ignore lint/suspicious/noExplicitAny: the ledger's table, read back by the test
const notesOf = (db: Kysely<any>) =>
  db.selectFrom('ledger_notes').select(['customer_id', 'text']).orderBy('id').execute();

describe.each(testDialects())('what plugins add to the console, on %s', (dialect) => {
  let t: TestCore;
  let north: number;
  let south: number;
  let customers: number[];
  const viewer = (role: Viewer['role']): Viewer => ({ userId: 1, role, actor: 'user:1' });
  const input = (role: Viewer['role'], locale: PageInput['locale'] = 'en'): PageInput => ({
    locale,
    viewer: viewer(role),
    query: {},
    purpose: 'page',
  });

  beforeEach(async () => {
    t = await createTestCore({
      dialect,
      plugins: [ledgerPlugin, broken],
      now: '2025-03-01T09:00:00Z',
    });
    north = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    south = (await t.core.teams.create({ name: 'South', slug: 'south' })).id;
    await t.core.plugins.enable(north, 'ledger', 'test');
    await t.core.plugins.enable(north, 'broken', 'test');
    customers = (
      await t.core.customers.createMany(north, [
        { kind: 'person', name: 'Lin' },
        { kind: 'person', name: 'Wang' },
      ])
    ).map((c) => c.id);
  });
  afterEach(() => t.destroy());

  const add = (role: Viewer['role'], fields: Record<string, unknown>, teamId = north) =>
    t.core.console.run(teamId, 'ledger', 'book', 'add', fields, {
      locale: 'zh-CN',
      viewer: viewer(role),
    });

  test('pages are listed, with their roles and actions, only for a team with the plugin on', async () => {
    expect(await t.core.console.pages(north)).toEqual([
      expect.objectContaining({
        pluginId: 'ledger',
        path: 'book',
        nav: true,
        roles: ['manager', 'admin'],
        actions: {
          add: { roles: ['admin'], done: { en: 'Note added.', 'zh-CN': '备注已添加。' } },
          remove: { roles: ['admin'], done: { en: 'Note removed.', 'zh-CN': '备注已删除。' } },
        },
      }),
      expect.objectContaining({ path: 'mine', roles: ['rep', 'manager', 'admin'] }),
    ]);
    expect(await t.core.console.pages(south)).toEqual([]);
  });

  test('a page renders in the reader’s language for the roles it names, and no other', async () => {
    const content = await t.core.console.render(north, 'ledger', 'book', input('manager', 'zh-CN'));
    expect(content.blocks[0]).toEqual({ kind: 'rule', text: '规则：每条备注都记下来。' });
    const mine = await t.core.console.render(north, 'ledger', 'mine', input('rep'));
    expect(mine.blocks).toEqual([{ kind: 'text', text: 'viewer 1 rep' }]);
    const refusals: [number, string, string, Viewer['role'], string][] = [
      [north, 'ledger', 'book', 'rep', 'GX_ERR_FORBIDDEN'],
      [south, 'ledger', 'book', 'admin', 'GX_ERR_PLUGIN_DISABLED'],
      [north, 'ledger', 'nope', 'admin', 'GX_ERR_NOT_FOUND'],
      [north, 'nobody', 'book', 'admin', 'GX_ERR_PLUGIN_UNKNOWN'],
    ];
    for (const [teamId, pluginId, path, role, code] of refusals) {
      await expect(
        t.core.console.render(teamId, pluginId, path, input(role)),
      ).rejects.toMatchObject({
        code,
      });
    }
  });

  test('an action validates its fields and runs in one transaction, for its roles only', async () => {
    await add('admin', { customerId: String(customers[0]), text: ' first ' });
    await expect(add('admin', { customerId: 'x', text: '' })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [
        expect.objectContaining({ path: 'customerId' }),
        { path: 'text', message: 'must not be empty' },
      ],
    });
    // The note is written, then the unknown customer fails the action: nothing stays.
    await expect(add('admin', { customerId: '999999', text: 'orphan' })).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(
      add('manager', { customerId: String(customers[0]), text: 'no' }),
    ).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
    await expect(
      t.core.console.run(
        north,
        'ledger',
        'book',
        'toString',
        {},
        { locale: 'en', viewer: viewer('admin') },
      ),
    ).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND' });
    expect(await notesOf(t.core.db)).toEqual([{ customer_id: customers[0], text: 'first' }]);
  });

  test('widgets render for their roles; one that fails is left out', async () => {
    await add('admin', { customerId: String(customers[0]), text: 'one' });
    const [widget, ...more] = await t.core.console.widgets(north, input('rep'));
    expect(more).toEqual([]);
    expect(widget).toMatchObject({ pluginId: 'ledger', id: 'count', title: 'Notes', page: 'book' });
    expect(widget?.blocks).toEqual([
      expect.objectContaining({
        kind: 'chart',
        chart: 'pyramid',
        series: [{ name: 'notes', values: [1] }],
      }),
    ]);
    expect(await t.core.console.widgets(south, input('admin'))).toEqual([]);
  });

  test('the timeline merges the plugins’ entries newest first, within the range, up to the limit', async () => {
    for (const [day, text] of [
      ['02', 'one'],
      ['03', 'two'],
      ['04', 'three'],
    ] as const) {
      await addNote(t.core.db, {
        teamId: north,
        customerId: customers[0] as number,
        text,
        at: `2025-03-${day}T09:00:00.000Z`,
      });
    }
    const timeline = (range: { from?: string; to?: string }, limit: number) =>
      t.core.console.timeline(north, {
        customerId: customers[0] as number,
        limit,
        locale: 'zh-CN',
        ...range,
      });
    expect(await timeline({}, 2)).toEqual([
      {
        at: '2025-03-04T09:00:00.000Z',
        kind: 'note',
        label: '备注',
        text: 'three',
        link: { page: 'book' },
        plugin: 'ledger',
      },
      {
        at: '2025-03-03T09:00:00.000Z',
        kind: 'note',
        label: '备注',
        text: 'two',
        link: { page: 'book' },
        plugin: 'ledger',
      },
    ]);
    const within = await timeline(
      { from: '2025-03-02T12:00:00.000Z', to: '2025-03-04T00:00:00.000Z' },
      10,
    );
    expect(within.map((entry) => entry.text)).toEqual(['two']);
    expect(
      await t.core.console.timeline(south, {
        customerId: customers[0] as number,
        limit: 5,
        locale: 'en',
      }),
    ).toEqual([]);
  });

  test('a filter is a subquery of customer ids the caller composes', async () => {
    await add('admin', { customerId: String(customers[1]), text: 'one' });
    const [filter] = await t.core.console.customerFilters(north, 'zh-CN');
    expect(filter).toMatchObject({
      key: 'ledger.noted',
      label: '有备注',
      options: [{ value: 'yes', label: '是' }],
    });
    const ids = filter?.ids('yes');
    if (ids === undefined) throw new Error('expected a query');
    const matched = await t.core.db
      .selectFrom('customers')
      .select('id')
      .where(sql<boolean>`id in (${ids})`)
      .execute();
    expect(matched.map((row) => row.id)).toEqual([customers[1]]);
    expect(filter?.ids('no')).toBeUndefined();
    expect(await t.core.console.customerFilters(south, 'en')).toEqual([]);
  });

  test('page paths, widget and filter ids must be kebab-case and unique', () => {
    const render = async () => ({ blocks: [] });
    expect(() =>
      definePlugin({
        id: 'bad',
        version: '1.0.0',
        pages: [{ path: 'Not Kebab', title: () => 'x', roles: ['admin'], render }],
      }),
    ).toThrow(expect.objectContaining({ code: 'GX_ERR_PLUGIN_INVALID' }));
    expect(() =>
      definePlugin({
        id: 'bad',
        version: '1.0.0',
        pages: [
          { path: 'same', title: () => 'x', roles: ['admin'], render },
          { path: 'same', title: () => 'y', roles: ['admin'], render },
        ],
      }),
    ).toThrow(/"same" is used twice/);
  });
});
