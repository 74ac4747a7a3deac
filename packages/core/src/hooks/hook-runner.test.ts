import type { Kysely } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';

// biome-ignore lint/suspicious/noExplicitAny: each test plugin owns one small table
type PluginDb = Kysely<any>;

/** A plugin that writes one row per recorded order into a table of its own. */
function ledgerPlugin(id: string, extra: Partial<Parameters<typeof definePlugin>[0]> = {}) {
  const table = `${id.replaceAll('-', '_')}_rows`;
  return definePlugin({
    id,
    version: '1.0.0',
    migrations: {
      '001': {
        up: (db: PluginDb) =>
          db.schema
            .createTable(table)
            .addColumn('order_id', 'bigint', (c) => c.primaryKey())
            .addColumn('team_id', 'bigint', (c) => c.notNull())
            .execute(),
      },
    },
    hooks: {
      'orders:recorded': async (event, ctx) => {
        await ctx.db
          .insertInto(table)
          .values(event.items.map((o) => ({ order_id: o.id, team_id: event.teamId })))
          .execute();
      },
    },
    ...extra,
  });
}

async function rows(t: TestCore, table: string) {
  return (t.core.db as PluginDb).selectFrom(table).selectAll().orderBy('order_id').execute();
}

/** A team "a" with the given plugins enabled and one customer. */
async function setup(t: TestCore, pluginIds: string[], slug = 'a') {
  const team = await t.core.teams.create({ name: slug, slug });
  for (const id of pluginIds) await t.core.plugins.enable(team.id, id, 'test');
  const customer = await t.core.customers.create(team.id, { kind: 'person', name: 'Ada' });
  return { teamId: team.id, customerId: customer.id };
}

describe.each(testDialects())('hook runner on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  test('runs handlers pre → normal → post whatever the install order', async () => {
    const calls: string[] = [];
    const track = (id: string, order?: 'pre' | 'post') =>
      definePlugin({
        id,
        version: '1.0.0',
        hooks: {
          'orders:recorded':
            order === undefined
              ? () => void calls.push(id)
              : { order, handler: () => void calls.push(id) },
        },
      });
    t = await createTestCore({
      dialect,
      plugins: [track('late', 'post'), track('middle'), track('early', 'pre'), track('middle-2')],
    });
    const a = await setup(t, ['late', 'middle', 'early', 'middle-2']);
    await t.core.orders.record(a.teamId, [
      { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' },
    ]);
    expect(calls).toEqual(['early', 'middle', 'middle-2', 'late']);
  });

  test('a batch reaches a handler as one event', async () => {
    const sizes: number[] = [];
    t = await createTestCore({
      dialect,
      plugins: [
        definePlugin({
          id: 'sizes',
          version: '1.0.0',
          hooks: { 'orders:recorded': (event) => void sizes.push(event.items.length) },
        }),
      ],
    });
    const a = await setup(t, ['sizes']);
    const order = { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' };
    await t.core.orders.record(
      a.teamId,
      Array.from({ length: 1200 }, () => order),
    );
    expect(sizes).toEqual([1200]);
  });

  test('runs only for teams that enabled the plugin', async () => {
    t = await createTestCore({ dialect, plugins: [ledgerPlugin('ledger')] });
    const a = await setup(t, []);
    const b = await setup(t, [], 'b');
    await t.core.plugins.enable(a.teamId, 'ledger', 'admin');
    const order = { amount: 1, placedAt: '2024-01-01' };
    const inA = await t.core.orders.record(a.teamId, [{ ...order, customerId: a.customerId }]);
    await t.core.orders.record(b.teamId, [{ ...order, customerId: b.customerId }]);
    expect(await rows(t, 'ledger_rows')).toEqual([
      { order_id: inA.recorded[0]?.id, team_id: a.teamId },
    ]);
  });

  test('a failing and a hanging handler are rolled back alone, recorded, and replayable', async () => {
    let healthy = false;
    const thrower = ledgerPlugin('thrower', {
      hooks: {
        'orders:recorded': async (event, ctx) => {
          await ctx.db
            .insertInto('thrower_rows')
            .values(event.items.map((o) => ({ order_id: o.id, team_id: event.teamId })))
            .execute();
          if (!healthy) throw new Error('scoring service unreachable');
        },
      },
    });
    const hanger = ledgerPlugin('hanger', {
      hooks: {
        'orders:recorded': async (event, ctx) => {
          await ctx.db
            .insertInto('hanger_rows')
            .values(event.items.map((o) => ({ order_id: o.id, team_id: event.teamId })))
            .execute();
          if (!healthy) await new Promise(() => {});
        },
      },
    });
    t = await createTestCore({
      dialect,
      hookTimeoutMs: 200,
      plugins: [thrower, ledgerPlugin('steady'), hanger],
    });
    const a = await setup(t, ['thrower', 'steady', 'hanger']);
    const teamId = a.teamId;
    const result = await t.core.orders.record(teamId, [
      { customerId: a.customerId, amount: 42, placedAt: '2024-01-01', externalId: 'X1' },
    ]);
    const orderId = result.recorded[0]?.id;

    expect(result.recorded).toHaveLength(1);
    expect((await t.core.facts.get(teamId, a.customerId)).orderCount).toBe(1);
    expect(await rows(t, 'steady_rows')).toEqual([{ order_id: orderId, team_id: teamId }]);
    expect(await rows(t, 'thrower_rows')).toEqual([]);
    expect(await rows(t, 'hanger_rows')).toEqual([]);

    const failures = await t.core.hookFailures.list(teamId);
    expect(failures.map((f) => [f.pluginId, f.hook, f.kind]).sort()).toEqual([
      ['hanger', 'orders:recorded', 'timeout'],
      ['thrower', 'orders:recorded', 'error'],
    ]);
    expect(failures.find((f) => f.pluginId === 'thrower')?.error).toContain(
      'scoring service unreachable',
    );
    expect(failures[0]?.items).toMatchObject([{ id: orderId, amount: 42, externalId: 'X1' }]);

    healthy = true;
    for (const failure of failures) {
      expect(await t.core.hookFailures.replay(teamId, failure.id)).toEqual({ ok: true });
    }
    expect(await rows(t, 'thrower_rows')).toEqual([{ order_id: orderId, team_id: teamId }]);
    expect(await rows(t, 'hanger_rows')).toEqual([{ order_id: orderId, team_id: teamId }]);
    expect(await t.core.hookFailures.list(teamId, { pending: true })).toEqual([]);
    await expect(t.core.hookFailures.replay(teamId, defined(failures[0]).id)).rejects.toMatchObject(
      {
        code: 'GX_ERR_CONFLICT',
      },
    );
  });

  test('a replay that fails again stays pending with one more attempt', async () => {
    t = await createTestCore({
      dialect,
      plugins: [
        definePlugin({
          id: 'broken',
          version: '1.0.0',
          hooks: {
            'orders:recorded': () => {
              throw new Error('still broken');
            },
          },
        }),
      ],
    });
    const a = await setup(t, ['broken']);
    await t.core.orders.record(a.teamId, [
      { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' },
    ]);
    const [failure] = await t.core.hookFailures.list(a.teamId);
    expect(await t.core.hookFailures.replay(a.teamId, defined(failure).id)).toMatchObject({
      ok: false,
    });
    expect(await t.core.hookFailures.list(a.teamId, { pending: true })).toMatchObject([
      { id: defined(failure).id, attempts: 2 },
    ]);
  });

  test('a handler cannot use its database handle after its budget ran out', async () => {
    let late: Promise<unknown> | undefined;
    t = await createTestCore({
      dialect,
      hookTimeoutMs: 100,
      plugins: [
        ledgerPlugin('sleepy', {
          hooks: {
            'orders:recorded': async (event, ctx) => {
              await new Promise((resolve) => setTimeout(resolve, 300));
              late = ctx.db
                .insertInto('sleepy_rows')
                .values({ order_id: event.items[0]?.id, team_id: event.teamId })
                .execute()
                .catch((error: unknown) => error);
            },
          },
        }),
      ],
    });
    const a = await setup(t, ['sleepy']);
    await t.core.orders.record(a.teamId, [
      { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await late).toMatchObject({ code: 'GX_ERR_HOOK_EXPIRED' });
    expect(await rows(t, 'sleepy_rows')).toEqual([]);
  });

  test('plugins declare their own hooks and other plugins subscribe to them', async () => {
    const heard: unknown[] = [];
    const emitter = definePlugin({
      id: 'emitter',
      version: '1.0.0',
      events: ['tier:changed'],
      hooks: {
        'orders:recorded': (event, ctx) =>
          ctx.emit(
            'tier:changed' as never,
            event.items.map((o) => ({ customerId: o.customerId })) as never,
          ),
      },
    });
    const listener = definePlugin({
      id: 'listener',
      version: '1.0.0',
      hooks: { ['tier:changed' as 'orders:recorded']: (event) => void heard.push(...event.items) },
    });
    t = await createTestCore({ dialect, plugins: [emitter, listener] });
    const a = await setup(t, ['emitter', 'listener']);
    await t.core.orders.record(a.teamId, [
      { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' },
    ]);
    expect(heard).toEqual([{ customerId: a.customerId }]);
  });

  test('a handler failing inside another handler run rolls back only its own writes, order after order', async () => {
    const outer = ledgerPlugin('outer', {
      events: ['outer:wrote'],
      hooks: {
        'orders:recorded': async (event, ctx) => {
          await ctx.db
            .insertInto('outer_rows')
            .values(event.items.map((o) => ({ order_id: o.id, team_id: event.teamId })))
            .execute();
          await ctx.emit('outer:wrote' as never, event.items as never);
        },
      },
    });
    const inner = ledgerPlugin('inner', {
      hooks: {
        ['outer:wrote' as 'orders:recorded']: async (event, ctx) => {
          await ctx.db
            .insertInto('inner_rows')
            .values(event.items.map((o) => ({ order_id: o.id, team_id: event.teamId })))
            .execute();
          throw new Error('inner failed');
        },
      },
    });
    t = await createTestCore({ dialect, plugins: [outer, inner] });
    const a = await setup(t, ['outer', 'inner']);
    const ids: number[] = [];
    for (const externalId of ['N1', 'N2', 'N3']) {
      const result = await t.core.orders.record(a.teamId, [
        { customerId: a.customerId, amount: 1, placedAt: '2024-01-01', externalId },
      ]);
      ids.push(defined(result.recorded[0]).id);
    }
    expect(await rows(t, 'outer_rows')).toEqual(
      ids.map((id) => ({ order_id: id, team_id: a.teamId })),
    );
    expect(await rows(t, 'inner_rows')).toEqual([]);
    const failures = await t.core.hookFailures.list(a.teamId);
    expect(failures.map((f) => f.pluginId)).toEqual(['inner', 'inner', 'inner']);
  });

  test('an emitter can tell whether its event reaches an enabled handler or a webhook', async () => {
    const answers: boolean[] = [];
    const emitter = definePlugin({
      id: 'emitter',
      version: '1.0.0',
      events: ['tier:changed'],
      hooks: {
        'orders:recorded': async (_event, ctx) =>
          void answers.push(await ctx.listened('tier:changed' as never)),
      },
    });
    const listener = definePlugin({
      id: 'listener',
      version: '1.0.0',
      hooks: { ['tier:changed' as 'orders:recorded']: () => undefined },
    });
    t = await createTestCore({ dialect, plugins: [emitter, listener] });
    const a = await setup(t, ['emitter']);
    const order = async () =>
      t.core.orders.record(a.teamId, [
        { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' },
      ]);
    await order();
    await t.core.plugins.enable(a.teamId, 'listener', 'test');
    await order();
    await t.core.plugins.disable(a.teamId, 'listener', 'test');
    const hook = await t.core.webhooks.create(
      a.teamId,
      { url: 'https://hooks.example.com/crm', events: ['tier:changed'] },
      'test',
    );
    await order();
    await t.core.webhooks.deactivate(a.teamId, hook.id, 'test');
    await order();
    expect(answers).toEqual([false, true, true, false]);
  });
});

describe('hook names', () => {
  test('subscribing to an unknown hook fails at start with a code', async () => {
    const typo = definePlugin({
      id: 'typo',
      version: '1.0.0',
      hooks: { ['order:recorded' as 'orders:recorded']: () => {} },
    });
    await expect(createTestCore({ plugins: [typo] })).rejects.toMatchObject({
      code: 'GX_ERR_HOOK_UNKNOWN',
      details: { plugin: 'typo', hook: 'order:recorded' },
    });
  });

  test('emitting a hook the plugin did not declare is refused and recorded', async () => {
    const sneaky = definePlugin({
      id: 'sneaky',
      version: '1.0.0',
      hooks: { 'orders:recorded': (event, ctx) => ctx.emit('orders:recorded', event.items) },
    });
    const t = await createTestCore({ plugins: [sneaky] });
    const a = await setup(t, ['sneaky']);
    await t.core.orders.record(a.teamId, [
      { customerId: a.customerId, amount: 1, placedAt: '2024-01-01' },
    ]);
    const [failure] = await t.core.hookFailures.list(a.teamId);
    expect(failure?.error).toContain('without declaring it');
    await t.destroy();
  });
});
