import type { Generated, Kysely } from 'kysely';
import { z } from 'zod';
import { pageAction } from '../plugins/console';
import { definePlugin } from '../plugins/define-plugin';
import { withIdColumn } from '../storage/columns';

interface LedgerTables {
  ledger_notes: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    text: string;
    at: string;
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a plugin types its own tables
const tables = (db: Kysely<any>) => db as Kysely<LedgerTables>;

/**
 * A plugin that adds one of each thing to the console, for the console's tests: pages (one
 * for managers and admins with an admin-only action, one for every role), a widget, timeline
 * entries and a customer-list filter, all from its own table.
 */
export const ledgerPlugin = definePlugin({
  id: 'ledger',
  version: '1.0.0',
  description: 'Notes about customers, for the console tests',
  migrations: {
    '001-notes': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
      up: async (db: Kysely<any>) => {
        await db.schema
          .createTable('ledger_notes')
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
      path: 'book',
      title: { en: 'Note book', 'zh-CN': '备注簿' },
      roles: ['manager', 'admin'],
      async render(input, ctx) {
        const size = input.purpose === 'csv' ? 10_000 : 2;
        const after = Number(input.query.after ?? 0) || 0;
        const notes = await tables(ctx.db)
          .selectFrom('ledger_notes')
          .select(['id', 'customer_id', 'text'])
          .where('team_id', '=', ctx.teamId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(size + 1)
          .execute();
        const shown = notes.slice(0, size);
        const last = shown.at(-1);
        const zh = input.locale === 'zh-CN';
        return {
          blocks: [
            { kind: 'rule', text: zh ? '规则：每条备注都记下来。' : 'Rule: every note is kept.' },
            { kind: 'stats', items: [{ label: zh ? '备注' : 'Notes', value: shown.length }] },
            {
              kind: 'chart',
              chart: 'bar',
              title: zh ? '每位客户的备注' : 'Notes by customer',
              labels: shown.map((note) => `#${note.customer_id}`),
              series: [{ name: zh ? '备注' : 'Notes', values: shown.map(() => 1) }],
            },
            {
              kind: 'table',
              id: 'notes',
              title: zh ? '备注' : 'Notes',
              columns: [
                { key: 'customer', label: zh ? '客户' : 'Customer' },
                { key: 'text', label: zh ? '内容' : 'Text' },
                { key: 'remove', label: '' },
              ],
              rows: shown.map((note) => ({
                customer: { text: `#${note.customer_id}`, customerId: Number(note.customer_id) },
                text: note.text,
                remove: {
                  action: 'remove',
                  label: zh ? '删除' : 'Remove',
                  fields: { id: String(note.id) },
                },
              })),
              empty: zh ? '暂无备注。' : 'No notes yet.',
              ...(notes.length > size && last !== undefined
                ? { next: { after: String(last.id) } }
                : {}),
            },
            {
              kind: 'form',
              action: 'add',
              title: zh ? '添加备注' : 'Add a note',
              fields: [
                {
                  type: 'number',
                  name: 'customerId',
                  label: zh ? '客户编号' : 'Customer id',
                  required: true,
                },
                { type: 'text', name: 'text', label: zh ? '内容' : 'Text', required: true },
              ],
              submit: zh ? '添加' : 'Add',
            },
          ],
        };
      },
      actions: {
        add: pageAction({
          roles: ['admin'],
          input: z.strictObject({
            customerId: z.coerce.number().int().positive(),
            text: z.string().trim().min(1, 'must not be empty').max(200),
          }),
          done: { en: 'Note added.', 'zh-CN': '备注已添加。' },
          async run(input, ctx) {
            await tables(ctx.db)
              .insertInto('ledger_notes')
              .values({
                team_id: ctx.teamId,
                customer_id: input.customerId,
                text: input.text,
                at: ctx.clock.now().toISOString(),
              })
              .execute();
            // Checked after the write, so an unknown customer shows the action rolled back.
            await ctx.core.customers.get(ctx.teamId, input.customerId);
          },
        }),
        remove: pageAction({
          roles: ['admin'],
          input: z.strictObject({ id: z.coerce.number().int().positive() }),
          done: { en: 'Note removed.', 'zh-CN': '备注已删除。' },
          async run(input, ctx) {
            await tables(ctx.db)
              .deleteFrom('ledger_notes')
              .where('team_id', '=', ctx.teamId)
              .where('id', '=', input.id)
              .execute();
          },
        }),
      },
    },
    {
      path: 'mine',
      title: { en: 'My notes', 'zh-CN': '我的备注' },
      roles: ['rep', 'manager', 'admin'],
      async render(input) {
        return {
          blocks: [{ kind: 'text', text: `viewer ${input.viewer.userId} ${input.viewer.role}` }],
        };
      },
    },
  ],
  panels: [
    {
      id: 'notes',
      async render({ customer, locale }, ctx) {
        const notes = await tables(ctx.db)
          .selectFrom('ledger_notes')
          .select('text')
          .where('team_id', '=', ctx.teamId)
          .where('customer_id', '=', customer.id)
          .orderBy('id', 'desc')
          .limit(1)
          .execute();
        const [last] = notes;
        if (last === undefined) return null;
        const title = locale === 'zh-CN' ? '备注' : 'Notes';
        return { title, items: [{ label: title, value: last.text }], actions: [] };
      },
    },
  ],
  widgets: [
    {
      id: 'count',
      title: { en: 'Notes', 'zh-CN': '备注' },
      roles: ['rep', 'manager', 'admin'],
      page: 'book',
      async render(input, ctx) {
        const row = await tables(ctx.db)
          .selectFrom('ledger_notes')
          .select((eb) => eb.fn.countAll<number | string>().as('notes'))
          .where('team_id', '=', ctx.teamId)
          .executeTakeFirstOrThrow();
        return [
          {
            kind: 'chart',
            chart: 'pyramid',
            title: input.locale === 'zh-CN' ? '备注金字塔' : 'Note pyramid',
            labels: ['all'],
            series: [{ name: 'notes', values: [Number(row.notes)] }],
          },
        ];
      },
    },
  ],
  async timeline(input, ctx) {
    const notes = await tables(ctx.db)
      .selectFrom('ledger_notes')
      .select(['text', 'at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', input.customerId)
      .$if(input.from !== undefined, (q) => q.where('at', '>=', input.from as string))
      .$if(input.to !== undefined, (q) => q.where('at', '<', input.to as string))
      .orderBy('at', 'desc')
      .limit(input.limit)
      .execute();
    return notes.map((note) => ({
      at: note.at,
      kind: 'note',
      label: input.locale === 'zh-CN' ? '备注' : 'Note',
      text: note.text,
      link: { page: 'book' },
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
              .selectFrom('ledger_notes')
              .select('customer_id')
              .where('team_id', '=', ctx.teamId)
          : undefined,
    },
  ],
});

/** Writes a note straight into the plugin's table, as set-up for a test; returns its id. */
export async function addNote(
  // biome-ignore lint/suspicious/noExplicitAny: the test's database, whose tables include the plugin's
  db: Kysely<any>,
  note: { teamId: number; customerId: number; text: string; at: string },
): Promise<number> {
  const row = await tables(db)
    .insertInto('ledger_notes')
    .values({ team_id: note.teamId, customer_id: note.customerId, text: note.text, at: note.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
