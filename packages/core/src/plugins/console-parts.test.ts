import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { withIdColumn } from '../storage/columns';
import { createTestCore, type TestCore, testDialects } from '../testing';
import { type PageInput, pageAction, type Viewer } from './console';
import { definePlugin } from './define-plugin';

interface NotebookTables {
  notebook_notes: { id?: number; team_id: number; customer_id: number; text: string; at: string };
}

// biome-ignore lint/suspicious/noExplicitAny: a plugin types its own tables
const tables = (db: Kysely<any>) => db as Kysely<NotebookTables>;

/** A plugin that adds everything the console takes: a page with an action, a widget, a timeline, a filter. */
const notebook = definePlugin({
  id: 'notebook',
  version: '1.0.0',
  configSchema: z.strictObject({ heading: z.string().default('Notes') }),
  migrations: {
    '001-notes': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
      up: async (db: Kysely<any>) => {
        await db.schema
          .createTable('notebook_notes')
          .$call(withIdColumn(db))
          .addColumn('team_id', 'bigint', (c) => c.notNull())
          .addColumn('customer_id', 'bigint', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  pages: [
    {
      path: 'notes',
      title: { en: 'Notes', 'zh-CN': '备注' },
      roles: ['manager', 'admin'],
      async render(input, ctx) {
        const notes = await tables(ctx.db)
          .selectFrom('notebook_notes')
          .select(['customer_id', 'text'])
          .where('team_id', '=', ctx.teamId)
          .orderBy('id')
          .execute();
        return {
          blocks: [
            {
              kind: 'heading',
              text: `${ctx.config.heading} (${input.locale}, ${input.viewer.actor})`,
            },
            {
              kind: 'table',
              id: 'notes',
              columns: [
                { key: 'customer', label: 'Customer' },
                { key: 'text', label: 'Text' },
              ],
              rows: notes.map((note) => ({
                customer: { text: `#${note.customer_id}`, customerId: Number(note.customer_id) },
                text: note.text,
              })),
            },
          ],
        };
      },
      actions: {
        add: pageAction({
          roles: ['admin'],
          input: z.strictObject({
            customerId: z.coerce.number().int().positive(),
            text: z.string().trim().min(1, 'must not be empty'),
          }),
          done: { en: 'Note added', 'zh-CN': '已添加备注' },
          async run(input, ctx) {
            await ctx.core.customers.get(ctx.teamId, input.customerId);
            await tables(ctx.db)
              .insertInto('notebook_notes')
              .values({
                team_id: ctx.teamId,
                customer_id: input.customerId,
                text: input.text,
                at: ctx.clock.now().toISOString(),
              })
              .execute();
            if (input.text === 'fail after writing') throw new Error('failed after writing');
          },
        }),
      },
    },
    {
      path: 'hidden',
      title: () => 'Hidden',
      roles: ['rep'],
      nav: false,
      render: async () => ({ blocks: [] }),
    },
  ],
  widgets: [
    {
      id: 'count',
      title: { en: 'Notes', 'zh-CN': '备注' },
      roles: ['manager', 'admin'],
      page: 'notes',
      async render(_input, ctx) {
        const row = await tables(ctx.db)
          .selectFrom('notebook_notes')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('team_id', '=', ctx.teamId)
          .executeTakeFirstOrThrow();
        return [{ kind: 'stats', items: [{ label: 'Notes', value: Number(row.n) }] }];
      },
    },
    {
      id: 'broken',
      title: { en: 'Broken', 'zh-CN': '坏' },
      roles: ['manager'],
      render: async () => {
        throw new Error('widget broke');
      },
    },
  ],
  async timeline(input, ctx) {
    let query = tables(ctx.db)
      .selectFrom('notebook_notes')
      .select(['text', 'at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', input.customerId)
      .orderBy('at', 'desc')
      .limit(input.limit);
    if (input.from !== undefined) query = query.where('at', '>=', input.from);
    return (await query.execute()).map((note) => ({
      at: note.at,
      kind: 'note',
      label: input.locale === 'zh-CN' ? '备注' : 'Note',
      text: note.text,
    }));
  },
  customerFilters: [
    {
      id: 'noted',
      label: { en: 'Has notes', 'zh-CN': '有备注' },
      options: (locale) => [{ value: 'yes', label: locale === 'en' ? 'Yes' : '是' }],
      query: (value, ctx) =>
        value === 'yes'
          ? tables(ctx.db)
              .selectFrom('notebook_notes')
              .select('customer_id')
              .where('team_id', '=', ctx.teamId)
          : undefined,
    },
  ],
});

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
    t = await createTestCore({ dialect, plugins: [notebook], now: '2025-03-01T09:00:00Z' });
    north = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    south = (await t.core.teams.create({ name: 'South', slug: 'south' })).id;
    await t.core.plugins.enable(north, 'notebook', 'test');
    customers = (
      await t.core.customers.createMany(north, [
        { kind: 'person', name: 'Lin' },
        { kind: 'person', name: 'Wang' },
      ])
    ).map((c) => c.id);
  });
  afterEach(() => t.destroy());

  const add = (role: Viewer['role'], fields: Record<string, unknown>, teamId = north) =>
    t.core.console.run(teamId, 'notebook', 'notes', 'add', fields, {
      locale: 'zh-CN',
      viewer: viewer(role),
    });

  test('pages are listed only for a team with the plugin on', async () => {
    expect(await t.core.console.pages(north)).toEqual([
      expect.objectContaining({
        pluginId: 'notebook',
        path: 'notes',
        nav: true,
        roles: ['manager', 'admin'],
      }),
      expect.objectContaining({ path: 'hidden', nav: false }),
    ]);
    expect(await t.core.console.pages(south)).toEqual([]);
  });

  test('a page renders with the plugin’s config for the roles it names', async () => {
    const content = await t.core.console.render(
      north,
      'notebook',
      'notes',
      input('manager', 'zh-CN'),
    );
    expect(content.blocks[0]).toEqual({ kind: 'heading', text: 'Notes (zh-CN, user:1)' });
    await expect(
      t.core.console.render(north, 'notebook', 'notes', input('rep')),
    ).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
    await expect(
      t.core.console.render(south, 'notebook', 'notes', input('admin')),
    ).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DISABLED',
    });
    await expect(
      t.core.console.render(north, 'notebook', 'nope', input('admin')),
    ).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(
      t.core.console.render(north, 'nobody', 'notes', input('admin')),
    ).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_UNKNOWN',
    });
  });

  test('an action validates its fields, runs in one transaction and says it is done', async () => {
    expect(await add('admin', { customerId: String(customers[0]), text: ' first ' })).toBe(
      '已添加备注',
    );
    await expect(add('admin', { customerId: 'x', text: '' })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [
        expect.objectContaining({ path: 'customerId' }),
        { path: 'text', message: 'must not be empty' },
      ],
    });
    await expect(
      add('admin', { customerId: String(customers[0]), text: 'fail after writing' }),
    ).rejects.toThrow('failed after writing');
    await expect(
      add('manager', { customerId: String(customers[0]), text: 'no' }),
    ).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
    await expect(
      t.core.console.run(
        north,
        'notebook',
        'notes',
        'toString',
        {},
        { locale: 'en', viewer: viewer('admin') },
      ),
    ).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND' });
    const notes = await tables(t.core.db).selectFrom('notebook_notes').select('text').execute();
    expect(notes).toEqual([{ text: 'first' }]);
  });

  test('widgets render for their roles; one that fails is left out', async () => {
    await add('admin', { customerId: String(customers[0]), text: 'one' });
    expect(await t.core.console.widgets(north, input('manager'))).toEqual([
      {
        pluginId: 'notebook',
        id: 'count',
        title: 'Notes',
        page: 'notes',
        blocks: [{ kind: 'stats', items: [{ label: 'Notes', value: 1 }] }],
      },
    ]);
    expect(await t.core.console.widgets(north, input('rep'))).toEqual([]);
    expect(await t.core.console.widgets(south, input('admin'))).toEqual([]);
  });

  test('the timeline merges the plugins’ entries newest first, up to the limit', async () => {
    for (const text of ['one', 'two', 'three']) {
      t.clock.advance({ days: 1 });
      await add('admin', { customerId: String(customers[0]), text });
    }
    const entries = await t.core.console.timeline(north, {
      customerId: customers[0] as number,
      limit: 2,
      locale: 'zh-CN',
    });
    expect(entries).toEqual([
      {
        at: '2025-03-04T09:00:00.000Z',
        kind: 'note',
        label: '备注',
        text: 'three',
        plugin: 'notebook',
      },
      {
        at: '2025-03-03T09:00:00.000Z',
        kind: 'note',
        label: '备注',
        text: 'two',
        plugin: 'notebook',
      },
    ]);
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
      key: 'notebook.noted',
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

  test('page paths and filter ids must be kebab-case and unique', () => {
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
