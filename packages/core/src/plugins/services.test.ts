import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import type { PluginContext } from '../hooks/hook-types';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';
import { definePlugin } from './define-plugin';
import { defineService, provide } from './services';

/** What the notes plugin offers: its notes of the caller's team, and what it can see. */
interface NoteBook {
  add(text: string): Promise<void>;
  texts(): Promise<string[]>;
  /** The names of the team's customers, read through the provider's own core API. */
  customerNames(): Promise<string[]>;
  /** Whose context the book was built from. */
  builtBy(): { readonly plugin: string; readonly team: number; readonly label: string };
}

const noteBook = defineService<NoteBook>('notes.book');
const noteCount = defineService<{ count(): Promise<number> }>('notes.count');

interface NotesTables {
  notes_entries: { team_id: number; text: string };
}

const notesConfig = z.strictObject({ label: z.string().default('notes') });
type NotesContext = PluginContext<z.output<typeof notesConfig>>;

function bookOf(ctx: NotesContext): NoteBook {
  const db = ctx.db as Kysely<NotesTables>;
  const texts = async () =>
    (
      await db
        .selectFrom('notes_entries')
        .select('text')
        .where('team_id', '=', ctx.teamId)
        .orderBy('text')
        .execute()
    ).map((row) => row.text);
  return {
    async add(text) {
      await db.insertInto('notes_entries').values({ team_id: ctx.teamId, text }).execute();
    },
    texts,
    async customerNames() {
      const page = await ctx.core.customers.list(ctx.teamId, { limit: 100 });
      return page.items.map((customer) => customer.name);
    },
    builtBy: () => ({ plugin: ctx.pluginId, team: ctx.teamId, label: ctx.config.label }),
  };
}

/** The provider: a table of notes per team, offered as two services. */
const notes = definePlugin({
  id: 'notes',
  version: '1.2.0',
  configSchema: notesConfig,
  migrations: {
    '001-notes': {
      up: async (db) => {
        await db.schema
          .createTable('notes_entries')
          .addColumn('team_id', 'bigint', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  provides: [
    provide(noteBook, bookOf),
    provide(noteCount, (ctx: NotesContext) => ({
      count: async () => (await bookOf(ctx).texts()).length,
    })),
  ],
});

/** Throws from a job, after its writes, so the job's transaction rolls back. */
class Undo extends Error {}

/** The user: reads and writes notes only through the book it declares in `uses`. */
const reader = definePlugin({
  id: 'reader',
  version: '1.0.0',
  dependsOn: { notes: '^1.0.0' },
  uses: [noteBook],
  hooks: {
    'customer:created': async (event, ctx) => {
      const book = await ctx.use(noteBook);
      for (const customer of event.items) await book?.add(`met ${customer.name}`);
      if (event.items.some((customer) => customer.name === 'Fails')) throw new Error('refused');
    },
  },
  jobs: {
    read: {
      description: 'What the book says, or that the team has notes off',
      run: async (ctx) => {
        const book = await ctx.use(noteBook);
        if (book === undefined) return { book: 'off' };
        return { texts: await book.texts(), builtBy: book.builtBy() };
      },
    },
    'write-then-read': {
      description: 'Adds a customer and a note in its transaction, and reads both back',
      run: async (ctx) => {
        await ctx.core.customers.create(ctx.teamId, { kind: 'person', name: 'Uncommitted' });
        const book = defined(await ctx.use(noteBook), 'book');
        await book.add(ctx.args.text ?? 'kept');
        const seen = { names: await book.customerNames(), texts: await book.texts() };
        if (ctx.args.undo === 'yes') throw new Undo(JSON.stringify(seen));
        return seen;
      },
    },
    typed: {
      description: 'Calls what a note book does not have',
      run: async (ctx) => {
        const book = await ctx.use(noteBook);
        expectTypeOf(book).toEqualTypeOf<NoteBook | undefined>();
        // @ts-expect-error the provider may be off for the team: check for undefined first
        await expect(book.texts()).resolves.toEqual([]);
        const known = book as NoteBook;
        // @ts-expect-error a note book has no erase
        expect(() => known.erase()).toThrow(TypeError);
        return { checked: true };
      },
    },
    sneak: {
      description: 'Uses a service it did not declare',
      run: async (ctx) => ({ count: await (await ctx.use(noteCount))?.count() }),
    },
  },
});

describe('services are checked at start', () => {
  test('a used service no installed plugin provides names the user, the service and its plugin', async () => {
    const error = await createTestCore({ plugins: [reader] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'GX_ERR_PLUGIN_DEPENDENCY',
      message:
        'Plugin reader uses service notes.book, which no installed plugin provides: install notes',
      details: { plugin: 'reader', service: 'notes.book', provider: 'notes' },
    });
  });

  test('a user must list the provider in dependsOn', async () => {
    const careless = definePlugin({ id: 'careless', version: '1.0.0', uses: [noteBook] });
    const error = await createTestCore({ plugins: [notes, careless] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'GX_ERR_PLUGIN_DEPENDENCY',
      details: { plugin: 'careless', service: 'notes.book', provider: 'notes' },
    });
    expect((error as Error).message).toContain('does not list notes in dependsOn');
  });

  test('the provider must be in the range the user asks for', async () => {
    const demanding = definePlugin({
      id: 'demanding',
      version: '1.0.0',
      dependsOn: { notes: '^2.0.0' },
      uses: [noteBook],
    });
    await expect(createTestCore({ plugins: [notes, demanding] })).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DEPENDENCY',
      message: 'Plugin demanding needs notes ^2.0.0, but 1.2.0 is installed',
    });
  });

  test('two providers of one service are refused', async () => {
    const rival = definePlugin({
      id: 'rival',
      version: '1.0.0',
      provides: [provide(noteCount, () => ({ count: async () => 0 }))],
    });
    const error = await createTestCore({ plugins: [notes, rival] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'GX_ERR_PLUGIN_DUPLICATE',
      details: { service: 'notes.count', providers: ['notes', 'rival'] },
    });
  });

  test('service ids are <plugin>.<name>, and a factory builds the service’s type', () => {
    expect(() => defineService('tiers')).toThrow(
      expect.objectContaining({ code: 'GX_ERR_PLUGIN_INVALID' }),
    );
    expect(() => defineService('Tiering.tiers')).toThrow(/<plugin>.<name>/);
    expect(defineService('tiering.tier-reader')).toMatchObject({
      id: 'tiering.tier-reader',
      plugin: 'tiering',
    });
    // @ts-expect-error a count service must have count()
    provide(noteCount, () => ({ total: async () => 0 }));
  });
});

describe.each(testDialects())('services on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  beforeEach(async () => {
    t = await createTestCore({ dialect, plugins: [reader, notes] });
    teamId = (await t.core.teams.create({ name: 'A', slug: 'a' })).id;
    await t.core.plugins.enable(teamId, 'reader', 'admin');
    await t.core.plugins.enable(teamId, 'notes', 'admin');
  });
  afterEach(() => t.destroy());

  const read = () => t.core.jobs.run('reader:read', { teamId });

  test('the provider builds the service from its own context: its config, the same team', async () => {
    await t.core.plugins.configure(teamId, 'notes', { label: 'North notes' }, 'admin');
    const other = (await t.core.teams.create({ name: 'B', slug: 'b' })).id;
    await t.core.plugins.enable(other, 'notes', 'admin');
    await t.core.plugins.enable(other, 'reader', 'admin');
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ann' });
    await t.core.customers.create(other, { kind: 'person', name: 'Bo' });
    expect(await read()).toEqual({
      texts: ['met Ann'],
      builtBy: { plugin: 'notes', team: teamId, label: 'North notes' },
    });
    expect(await t.core.jobs.run('reader:read', { teamId: other })).toEqual({
      texts: ['met Bo'],
      builtBy: { plugin: 'notes', team: other, label: 'notes' },
    });
  });

  test('with the provider off for the team, use answers undefined', async () => {
    await t.core.plugins.disable(teamId, 'notes', 'admin');
    expect(await read()).toEqual({ book: 'off' });
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ann' });
    await t.core.plugins.enable(teamId, 'notes', 'admin');
    expect(await read()).toMatchObject({ texts: [] });
  });

  test('the service works in the caller’s transaction: it sees uncommitted writes, and a rollback undoes its own', async () => {
    // The customer's own note comes from the reader's hook, in the same transaction.
    expect(await t.core.jobs.run('reader:write-then-read', { teamId })).toEqual({
      names: ['Uncommitted'],
      texts: ['kept', 'met Uncommitted'],
    });
    const undone = await t.core.jobs
      .run('reader:write-then-read', { teamId, args: { text: 'lost', undo: 'yes' } })
      .catch((error: unknown) => error);
    expect(undone).toBeInstanceOf(Undo);
    expect(JSON.parse((undone as Undo).message)).toEqual({
      names: ['Uncommitted', 'Uncommitted'],
      texts: ['kept', 'lost', 'met Uncommitted', 'met Uncommitted'],
    });
    expect(await read()).toMatchObject({ texts: ['kept', 'met Uncommitted'] });
    expect((await t.core.customers.list(teamId)).items).toHaveLength(1);
  });

  test('a failed hook handler rolls back what it wrote through the service', async () => {
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ann' });
    await t.core.customers.create(teamId, { kind: 'person', name: 'Fails' });
    expect(await read()).toMatchObject({ texts: ['met Ann'] });
    expect((await t.core.customers.list(teamId)).items).toHaveLength(2);
  });

  test('a used service has its type', async () => {
    expect(await t.core.jobs.run('reader:typed', { teamId })).toEqual({ checked: true });
  });

  test('a service the plugin did not list in uses is refused', async () => {
    await expect(t.core.jobs.run('reader:sneak', { teamId })).rejects.toMatchObject({
      code: 'GX_ERR_SERVICE_UNKNOWN',
      details: { plugin: 'reader', service: 'notes.count' },
    });
  });
});
