import { definePlugin, definePluginRoute, GuanxiError } from '@guanxi/core';
import {
  createTestApp,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { appUnderTest } from '../app';

const route = definePluginRoute();

/** A plugin with its own table and routes, as a company would write one. */
const notes = definePlugin({
  id: 'notes',
  version: '1.0.0',
  migrations: {
    '001-notes': {
      up: async (db) => {
        await db.schema
          .createTable('notes_notes')
          .addColumn('team_id', 'bigint', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  routes: [
    route({
      method: 'get',
      path: '/notes',
      operationId: 'listNotes',
      summary: 'The team’s notes',
      role: 'rep',
      responses: {
        200: {
          description: 'The notes and the caller’s role',
          schema: z.strictObject({
            notes: z.array(z.strictObject({ text: z.string(), actor: z.string() })),
            role: z.string(),
          }),
        },
      },
      handler: async (_input, { ctx, role }) => {
        const rows = await ctx.db
          .selectFrom('notes_notes')
          .select(['text', 'actor'])
          .where('team_id', '=', ctx.teamId)
          .execute();
        return { status: 200, body: { notes: rows as { text: string; actor: string }[], role } };
      },
    }),
    route({
      method: 'post',
      path: '/notes',
      operationId: 'addNote',
      summary: 'Add a note',
      role: 'rep',
      request: { body: z.strictObject({ text: z.string() }) },
      responses: {
        201: { description: 'Saved', schema: z.strictObject({ saved: z.string() }) },
      },
      handler: async ({ body }, { ctx, actor }) => {
        const row = { team_id: ctx.teamId, text: body.text, actor };
        await ctx.db.insertInto('notes_notes').values(row).execute();
        if (body.text === 'boom') {
          throw new GuanxiError('GX_ERR_VALIDATION', 'No booms', {
            issues: [{ path: 'text', message: 'must not be boom' }],
          });
        }
        return { status: 201, body: { saved: body.text } };
      },
    }),
    route({
      method: 'post',
      path: '/unavailable',
      operationId: 'unavailable',
      summary: 'Writes, then answers 503',
      role: 'rep',
      responses: {
        503: {
          description: 'Try later',
          schema: z.strictObject({ error: z.string() }),
        },
      },
      handler: async (_input, { ctx, actor }) => {
        const row = { team_id: ctx.teamId, text: 'half-done', actor };
        await ctx.db.insertInto('notes_notes').values(row).execute();
        return { status: 503, body: { error: 'try later' } };
      },
    }),
  ],
});

describe.each(testDialects())('plugin routes mounted per team on %s', (dialect) => {
  let a: TestApp;
  const path = (teamId: number, rest = '/notes') => `/v1/teams/${teamId}/plugins/notes${rest}`;
  const count = async () =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from notes_notes`.execute(a.t.core.db)).rows[0]
        ?.n,
    );

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [notes], app: appUnderTest() });
    await a.t.core.plugins.enable(a.teamA, 'notes', 'test');
  });
  afterAll(() => a.destroy());

  test('a member reaches the routes with the team’s context, role and actor', async () => {
    const saved = await a.call('rep', 'POST', path(a.teamA), { text: 'call back Friday' });
    expect(await expectJson(saved, 201)).toEqual({ saved: 'call back Friday' });
    const listed = await expectJson(await a.call('admin', 'GET', path(a.teamA)), 200);
    expect(listed).toEqual({
      notes: [{ text: 'call back Friday', actor: expect.stringMatching(/^user:\d+$/) }],
      role: 'admin',
    });
  });

  test('what a route wrote before it threw or answered 5xx is rolled back', async () => {
    const before = await count();
    await expectProblem(
      await a.call('rep', 'POST', path(a.teamA), { text: 'boom' }),
      400,
      'GX_ERR_VALIDATION',
    );
    expect(await count()).toBe(before);
    const unavailable = await a.call('rep', 'POST', path(a.teamA, '/unavailable'), {});
    expect(unavailable.status).toBe(503);
    expect(await count()).toBe(before);
  });

  test('another team is 404; a team with the plugin off is refused; no key is 401', async () => {
    await expectProblem(await a.call('otherRep', 'GET', path(a.teamA)), 404, 'GX_ERR_NOT_FOUND');
    await expectProblem(
      await a.call('otherRep', 'GET', path(a.teamB)),
      409,
      'GX_ERR_PLUGIN_DISABLED',
    );
    await expectProblem(await a.call('none', 'GET', path(a.teamA)), 401);
    await expectProblem(
      await a.call('rep', 'GET', path(a.teamA, '/nope')),
      404,
      'GX_ERR_NOT_FOUND',
    );
  });
});
