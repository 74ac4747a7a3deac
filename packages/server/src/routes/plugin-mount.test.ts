import { definePlugin, GuanxiError, type PluginRouteEnv } from '@guanxi/core';
import {
  createTestApp,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest } from '../app';

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
  routes: new Hono<{ Bindings: PluginRouteEnv }>()
    .get('/notes', async (c) => {
      const rows = await c.env.ctx.db
        .selectFrom('notes_notes')
        .select(['text', 'actor'])
        .where('team_id', '=', c.env.ctx.teamId)
        .execute();
      return c.json({ notes: rows, role: c.env.role });
    })
    .post('/notes', async (c) => {
      const { text } = await c.req.json<{ text: string }>();
      const row = { team_id: c.env.ctx.teamId, text, actor: c.env.actor };
      await c.env.ctx.db.insertInto('notes_notes').values(row).execute();
      if (text === 'boom') {
        throw new GuanxiError('GX_ERR_VALIDATION', 'No booms', {
          issues: [{ path: 'text', message: 'must not be boom' }],
        });
      }
      return c.json({ saved: text }, 201);
    })
    .post('/unavailable', async (c) => {
      const row = { team_id: c.env.ctx.teamId, text: 'half-done', actor: c.env.actor };
      await c.env.ctx.db.insertInto('notes_notes').values(row).execute();
      return c.json({ error: 'try later' }, 503);
    })
    .onError((error) => {
      throw error;
    }),
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
