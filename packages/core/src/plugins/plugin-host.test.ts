import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';
import { definePlugin } from './define-plugin';
import { definePluginRoute } from './plugin-route';

const base = (id: string, version = '1.0.0', dependsOn?: Record<string, string>) =>
  definePlugin({ id, version, ...(dependsOn ? { dependsOn } : {}) });

describe('plugin routes are checked at start', () => {
  const route = definePluginRoute();
  const get = (operationId: string, path: string, params?: z.ZodObject) =>
    route({
      method: 'get',
      path,
      operationId,
      summary: 'A read',
      role: 'rep',
      ...(params === undefined ? {} : { request: { params } }),
      responses: { 204: { description: 'Nothing' } },
      handler: async () => ({ status: 204 }),
    });
  const id = z.strictObject({ noteId: z.coerce.number() });

  test.each([
    [[get('read', '/a'), get('read', '/b')], 'route read is defined twice'],
    [[get('a', '/notes'), get('b', '/notes')], 'route get /notes is defined twice'],
    [[get('read', '/notes/{noteId}')], 'path parameters noteId but params for none'],
    [[get('read', '/notes', id)], 'path parameters none but params for noteId'],
  ])('%#: %s', async (routes, message) => {
    const plugins = [definePlugin({ id: 'notes', version: '1.0.0', routes })];
    const error = await createTestCore({ plugins }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GX_ERR_PLUGIN_INVALID' });
    expect((error as Error).message).toContain(message);
  });

  test('routes whose parameters match start', async () => {
    const routes = [get('read', '/notes/{noteId}', id), get('list', '/notes')];
    const t = await createTestCore({
      plugins: [definePlugin({ id: 'notes', version: '1.0.0', routes })],
    });
    expect(t.core.installed[0]?.routes).toHaveLength(2);
    await t.destroy();
  });
});

describe('plugin dependencies are checked at start', () => {
  test.each([
    [
      [base('tiering', '1.0.0', { scoring: '^2.0.0' })],
      'needs plugin scoring (^2.0.0), which is not installed',
    ],
    [
      [base('scoring', '1.4.0'), base('tiering', '1.0.0', { scoring: '^2.0.0' })],
      'needs scoring ^2.0.0, but 1.4.0 is installed',
    ],
    [[base('a', '1.0.0', { b: '*' }), base('b', '1.0.0', { a: '*' })], 'cycle: a → b → a'],
  ])('%#: %s', async (plugins, message) => {
    const error = await createTestCore({ plugins }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GX_ERR_PLUGIN_DEPENDENCY' });
    expect((error as Error).message).toContain(message);
  });

  test('a satisfied range starts, dependencies first', async () => {
    const t = await createTestCore({
      plugins: [base('tiering', '1.0.0', { scoring: '^1.2.0' }), base('scoring', '1.4.0')],
    });
    expect(t.core.installed.map((p) => p.id)).toEqual(['scoring', 'tiering']);
    await t.destroy();
  });

  test('the same plugin twice is refused', async () => {
    await expect(createTestCore({ plugins: [base('x'), base('x')] })).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DUPLICATE',
    });
  });

  test('ids must be kebab-case and versions semver', () => {
    expect(() => base('Tiering')).toThrow(
      expect.objectContaining({ code: 'GX_ERR_PLUGIN_INVALID' }),
    );
    expect(() => base('tiering', 'v1')).toThrow(/not semver/);
  });
});

const configured = definePlugin({
  id: 'pyramid',
  version: '1.0.0',
  configSchema: z.strictObject({
    shares: z
      .strictObject({
        key: z.number().min(0).max(1).default(0.2),
        normal: z.number().min(0).max(1).default(0.3),
      })
      .default({ key: 0.2, normal: 0.3 }),
    measure: z.enum(['revenue', 'margin']).default('revenue'),
  }),
  migrations: {
    '001-tiers': {
      up: async (db) => {
        await db.schema
          .createTable('pyramid_tiers')
          .addColumn('customer_id', 'bigint', (c) => c.primaryKey())
          .addColumn('tier', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  hooks: {
    'customer:created': async (event, ctx) => {
      const tier = ctx.config.measure === 'margin' ? 'by-margin' : 'by-revenue';
      await ctx.db
        .insertInto('pyramid_tiers')
        .values(event.items.map((c) => ({ customer_id: c.id, tier })))
        .execute();
    },
  },
});

describe.each(testDialects())('plugin settings on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  const tierOf = async (customerId: number) =>
    (
      await sql<{
        tier: string;
      }>`select tier from pyramid_tiers where customer_id = ${customerId}`.execute(t.core.db)
    ).rows[0]?.tier;

  test('migrates every installed plugin, even one no team enables, with its own history', async () => {
    t = await createTestCore({ dialect, plugins: [configured] });
    const history = await sql<{
      name: string;
    }>`select name from gx_migrations_plugin_pyramid`.execute(t.core.db);
    expect(history.rows.map((r) => r.name)).toEqual(['001-tiers']);
    const core = await sql<{ name: string }>`select name from gx_migrations_core`.execute(
      t.core.db,
    );
    expect(core.rows.map((r) => r.name)).toEqual([
      '0001-core-tables',
      '0002-customer-search',
      '0003-customer-cards',
      '0004-team-time-zone',
      '0005-standard-webhooks',
      '0006-console-sessions',
      '0007-import-runs',
      '0008-customer-list-indexes',
      '0009-report-indexes',
      '0010-deferred-work',
    ]);
    expect(await t.core.migrate()).toEqual([
      { owner: 'core', applied: [] },
      { owner: 'plugin_pyramid', applied: [] },
    ]);
  });

  test('config is validated by the plugin schema with field paths, nothing stored', async () => {
    t = await createTestCore({ dialect, plugins: [configured] });
    const team = await t.core.teams.create({ name: 'A', slug: 'a' });
    const attempt = t.core.plugins.configure(
      team.id,
      'pyramid',
      { shares: { key: 2 }, measure: 'vibes', colour: 'red' },
      'admin:1',
    );
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GX_ERR_VALIDATION' });
    expect((error as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual([
      'config.colour',
      'config.measure',
      'config.shares.key',
    ]);
    expect(await t.core.plugins.settings(team.id, 'pyramid')).toEqual({
      enabled: false,
      config: { shares: { key: 0.2, normal: 0.3 }, measure: 'revenue' },
    });
  });

  test('enable, configure and disable take effect at once, in every process', async () => {
    t = await createTestCore({ dialect, plugins: [configured] });
    const other = await t.reopen({ plugins: [configured] });
    const team = await t.core.teams.create({ name: 'A', slug: 'a' });
    const create = (core = other) =>
      core.customers.create(team.id, { kind: 'person', name: 'P' }).then((c) => c.id);

    // Warm the second process's settings cache while the plugin is off.
    expect(await tierOf(await create())).toBeUndefined();
    await t.core.plugins.enable(team.id, 'pyramid', 'admin:1');
    expect(await tierOf(await create())).toBe('by-revenue');
    await t.core.plugins.configure(team.id, 'pyramid', { measure: 'margin' }, 'admin:1');
    expect(await tierOf(await create())).toBe('by-margin');
    await t.core.plugins.disable(team.id, 'pyramid', 'admin:1');
    expect(await tierOf(await create())).toBeUndefined();

    const audit = await t.core.audit.list(team.id);
    expect(audit.map((a) => a.after)).toEqual([
      { enabled: false, config: { shares: { key: 0.2, normal: 0.3 }, measure: 'margin' } },
      { enabled: true, config: { shares: { key: 0.2, normal: 0.3 }, measure: 'margin' } },
      { enabled: true, config: { shares: { key: 0.2, normal: 0.3 }, measure: 'revenue' } },
    ]);
    expect(audit[0]).toMatchObject({
      actor: 'admin:1',
      action: 'plugin.settings.changed',
      entityId: 'pyramid',
    });
  });

  test('unknown plugins and teams are coded errors', async () => {
    t = await createTestCore({ dialect, plugins: [configured] });
    const team = await t.core.teams.create({ name: 'A', slug: 'a' });
    await expect(t.core.plugins.enable(team.id, 'nope', 'a')).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_UNKNOWN',
    });
    await expect(t.core.plugins.enable(999, 'pyramid', 'a')).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
  });
});

describe('jobs', () => {
  test('run per team, refused when the team has the plugin off', async () => {
    const counter = definePlugin({
      id: 'counter',
      version: '1.0.0',
      jobs: {
        count: {
          description: 'Counts the team customers',
          run: async (ctx) => {
            const rows = await ctx.db
              .selectFrom('customers')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('team_id', '=', ctx.teamId)
              .executeTakeFirstOrThrow();
            return { customers: Number(rows.n), now: ctx.clock.now().toISOString() };
          },
        },
      },
    });
    const t = await createTestCore({ plugins: [counter], now: '2030-01-01T00:00:00Z' });
    const team = await t.core.teams.create({ name: 'A', slug: 'a' });
    await t.core.customers.createMany(team.id, [
      { kind: 'person', name: 'A' },
      { kind: 'person', name: 'B' },
    ]);
    await expect(t.core.jobs.run('counter:count', { teamId: team.id })).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DISABLED',
    });
    await t.core.plugins.enable(team.id, 'counter', 'admin');
    expect(await t.core.jobs.run('counter:count', { teamId: team.id })).toEqual({
      customers: 2,
      now: '2030-01-01T00:00:00.000Z',
    });
    await expect(t.core.jobs.run('counter:nope', { teamId: team.id })).rejects.toMatchObject({
      code: 'GX_ERR_JOB_UNKNOWN',
    });
    expect(t.core.jobs.list()).toEqual([
      { name: 'counter:count', description: 'Counts the team customers' },
    ]);
    await t.destroy();
  });
});

describe.each(testDialects())('scorers on %s', (dialect) => {
  const weighted = definePlugin({
    id: 'weighted',
    version: '1.0.0',
    configSchema: z.strictObject({ weight: z.number().default(2) }),
    scorers: [
      {
        id: 'orders',
        version: '3',
        score: async (batch, ctx) =>
          batch.map((input) => ({
            customerId: input.customerId,
            value: input.facts.orderCount * ctx.config.weight,
            reasons: [`${input.facts.orderCount} orders × ${ctx.config.weight}`],
          })),
      },
    ],
  });

  test('a team runs the scorers of the plugins it enabled, with its own config', async () => {
    const t = await createTestCore({ dialect, plugins: [weighted] });
    const [a, b] = [
      await t.core.teams.create({ name: 'A', slug: 'a' }),
      await t.core.teams.create({ name: 'B', slug: 'b' }),
    ];
    const [customer] = await t.core.customers.createMany(a.id, [{ kind: 'person', name: 'P' }]);
    const id = defined(customer).id;
    await t.core.orders.record(a.id, [
      { customerId: id, amount: 100, placedAt: '2030-01-01T00:00:00Z' },
      { customerId: id, amount: 100, placedAt: '2030-01-02T00:00:00Z' },
    ]);
    expect(await t.core.plugins.scorers(a.id)).toEqual([]);
    await t.core.plugins.enable(a.id, 'weighted', 'admin');
    await t.core.plugins.configure(a.id, 'weighted', { weight: 5 }, 'admin');
    const [scorer] = await t.core.plugins.scorers(a.id);
    expect(scorer).toMatchObject({
      key: 'weighted/orders',
      pluginId: 'weighted',
      version: '3',
    });
    const facts = await t.core.facts.many(a.id, [id]);
    expect(await defined(scorer).score(facts.map((f) => ({ customerId: id, facts: f })))).toEqual([
      { customerId: id, value: 10, reasons: ['2 orders × 5'] },
    ]);
    expect(await t.core.plugins.scorers(b.id)).toEqual([]);
    await t.destroy();
  });
});
