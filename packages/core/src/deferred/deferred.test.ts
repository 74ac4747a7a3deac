import { afterEach, describe, expect, test } from 'vitest';
import type { HookHandler, PluginContext } from '../hooks/hook-types';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';
import { runSize } from './deferred';

/** Queues every buyer of the orders for the plugin's deferred pass. */
const deferBuyers: HookHandler<'orders:recorded'> = async (event, ctx) => {
  await ctx.defer(event.items.map((order) => order.customerId));
};

/**
 * A plugin that queues every buyer for a deferred pass and records each run's customers;
 * `fail` makes runs throw while it is true.
 */
function recounter(options: { batchSize?: number } = {}) {
  const runs: number[][] = [];
  const state = { fail: false };
  const plugin = definePlugin({
    id: 'recount',
    version: '1.0.0',
    hooks: {
      'orders:recorded': deferBuyers,
    },
    jobs: {
      requeue: {
        description: 'queues one customer again, with no write of the core',
        async run(ctx) {
          await ctx.defer([Number(ctx.args.customer)]);
          return {};
        },
      },
    },
    panels: [
      {
        id: 'recount',
        async render({ customer }, ctx) {
          const pending = (await ctx.pending([customer.id])).has(customer.id);
          return {
            title: 'Recount',
            items: [{ label: 'pending', value: String(pending) }],
            actions: [],
          };
        },
      },
    ],
    deferred: {
      description: 'counts buyers again',
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      async run(customerIds) {
        if (state.fail) throw new Error('the model is not ready');
        runs.push([...customerIds].sort((a, b) => a - b));
      },
    },
  });
  return { plugin, runs, state };
}

test('the size of a run sized by wait grows from 10 to the batch size', () => {
  expect([0, 200, 219, 220, 1_000, 9_999, 60_000].map((ms) => runSize(ms, 500))).toEqual([
    10, 10, 10, 11, 50, 499, 500,
  ]);
  expect(runSize(60_000, 40)).toBe(40);
});

describe.each(testDialects())('deferred work on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  async function setup(plugins: ReturnType<typeof recounter>['plugin'][], customers = 3) {
    t = await createTestCore({ dialect, plugins, now: '2024-06-01T00:00:00Z' });
    const team = await t.core.teams.create({ name: 'North', slug: 'north' });
    for (const plugin of plugins) await t.core.plugins.enable(team.id, plugin.id, 'test');
    const people = Array.from({ length: customers }, (_, i) => ({
      kind: 'person' as const,
      name: `P${i}`,
    }));
    const ids = (await t.core.customers.createMany(team.id, people)).map((c) => c.id);
    const buy = (customerIds: readonly number[]) =>
      t.core.orders.record(
        team.id,
        customerIds.map((customerId) => ({ customerId, amount: 100, placedAt: '2024-05-01' })),
      );
    return { teamId: team.id, ids, buy };
  }

  const queued = async () =>
    (await t.core.db.selectFrom('deferred_work').select('customer_id').execute()).length;

  /** Whether the customer's card is stored, ready for the next read. */
  const stored = async (customerId: number) =>
    (await t.core.db
      .selectFrom('customer_cards')
      .select('customer_id')
      .where('customer_id', '=', customerId)
      .executeTakeFirst()) !== undefined;

  test('a write queues its customers; one run takes them, however many writes asked', async () => {
    const { plugin, runs } = recounter();
    const { teamId, ids, buy } = await setup([plugin]);
    const [first, second] = [defined(ids[0]), defined(ids[1])];
    await buy([first]);
    await buy([first, second]);
    await buy([first]);
    expect(runs).toEqual([]);
    expect(await queued()).toBe(4);
    expect(await shownPending(teamId, first)).toBe('true');
    expect(await shownPending(teamId, defined(ids[2]))).toBe('false');
    expect(await t.core.deferred.backlog(teamId)).toEqual({
      queued: 4,
      failing: 0,
      oldestQueuedAt: '2024-06-01T00:00:00.000Z',
      byPlugin: { recount: 4 },
    });

    // A card showing work pending is not stored: the run changes it without a new version.
    expect(await stored(first)).toBe(false);
    expect(await stored(defined(ids[2]))).toBe(true);
    // Nor built ahead of requests: of the three, only the one without work pending is ready.
    expect((await t.core.context.refresh(teamId, { locale: 'en' })).built).toBe(0);

    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 2, failed: 0 });
    expect(runs).toEqual([[first, second]]);
    expect(await queued()).toBe(0);
    expect(await shownPending(teamId, first)).toBe('false');
    expect(await stored(first)).toBe(true);
    expect((await t.core.context.refresh(teamId, { locale: 'en' })).built).toBe(1);
    expect(await stored(second)).toBe(true);
    expect(await t.core.deferred.drain()).toEqual({ runs: 0, customers: 0, failed: 0 });
  });

  test('work queued without a write of the core marks the stored card changed', async () => {
    const { plugin, runs } = recounter();
    const { teamId, ids } = await setup([plugin]);
    const customer = defined(ids[0]);
    const version = async () =>
      defined(await t.core.context.card(teamId, { customerId: customer }, 'en')).card.version;
    expect(await shownPending(teamId, customer)).toBe('false');
    expect(await stored(customer)).toBe(true);
    const before = await version();
    await t.core.jobs.run('recount:requeue', { teamId, args: { customer: String(customer) } });
    expect(await shownPending(teamId, customer)).toBe('true');
    const pending = await version();
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 1, failed: 0 });
    expect(runs).toEqual([[customer]]);
    expect(await shownPending(teamId, customer)).toBe('false');
    // The version changes whenever the card does.
    expect(new Set([before, pending, await version()]).size).toBe(3);
  });

  test('a drain up to a time leaves what was queued after it for the next', async () => {
    const { plugin, runs } = recounter();
    const { ids, buy } = await setup([plugin]);
    const [first, second] = [defined(ids[0]), defined(ids[1])];
    await buy([first]);
    const queuedBy = t.clock.now().toISOString();
    t.clock.advance({ ms: 1 });
    await buy([second]);
    expect(await t.core.deferred.drain({ queuedBy })).toEqual({ runs: 1, customers: 1, failed: 0 });
    expect(runs).toEqual([[first]]);
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 1, failed: 0 });
    expect(runs).toEqual([[first], [second]]);
  });

  test('a write that rolls back queues nothing', async () => {
    const { plugin, runs } = recounter();
    const { teamId, ids } = await setup([plugin]);
    await expect(
      t.core.transaction(async (core) => {
        await core.orders.record(teamId, [
          { customerId: defined(ids[0]), amount: 100, placedAt: '2024-05-01' },
        ]);
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await queued()).toBe(0);
    await t.core.deferred.drain();
    expect(runs).toEqual([]);
  });

  test('runs take at most the plugin’s batch size, oldest first', async () => {
    const { plugin, runs } = recounter({ batchSize: 2 });
    const { ids, buy } = await setup([plugin], 5);
    for (const id of ids) await buy([id]);
    expect(await t.core.deferred.drain()).toEqual({ runs: 3, customers: 5, failed: 0 });
    expect(runs).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
  });

  test('runs sized by wait take 10 customers of fresh work, more the longer it waited', async () => {
    const { plugin, runs } = recounter({ batchSize: 30 });
    const { ids, buy } = await setup([plugin], 45);
    await buy(ids.slice(0, 25));
    expect(await t.core.deferred.drain({ sizeRunsByWait: true })).toEqual({
      runs: 3,
      customers: 25,
      failed: 0,
    });
    expect(runs.map((run) => run.length)).toEqual([10, 10, 5]);
    runs.length = 0;
    await buy(ids.slice(25));
    // Waited 400 ms: runs of 20; a bulk drain would have taken the batch size at once.
    t.clock.advance({ ms: 400 });
    await t.core.deferred.drain({ sizeRunsByWait: true });
    expect(runs).toEqual([ids.slice(25, 45)]);
  });

  test('work of a plugin this core does not run waits for a core that does', async () => {
    const { plugin, runs } = recounter();
    const { ids, buy } = await setup([plugin]);
    await buy(ids);
    const without = await t.reopen({ plugins: [] });
    expect(await without.deferred.drain()).toEqual({ runs: 0, customers: 0, failed: 0 });
    expect(await queued()).toBe(3);
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 0 });
    expect(runs).toEqual([ids]);
  });

  test('a run takes every row of its customers, however far down the queue', async () => {
    const { plugin, runs } = recounter({ batchSize: 2 });
    const { ids, buy } = await setup([plugin]);
    const [a, b, c] = [defined(ids[0]), defined(ids[1]), defined(ids[2])];
    for (const id of [a, b, a, c, b]) await buy([id]);
    expect(await t.core.deferred.drain()).toEqual({ runs: 2, customers: 3, failed: 0 });
    expect(runs).toEqual([[a, b], [c]]);
    expect(await queued()).toBe(0);
  });

  test('a failed run keeps its work for a retry with backoff, then succeeds', async () => {
    const { plugin, runs, state } = recounter();
    const { teamId, ids, buy } = await setup([plugin]);
    await buy(ids);
    state.fail = true;
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 1 });
    expect(await t.core.deferred.backlog(teamId)).toMatchObject({ queued: 3, failing: 3 });
    const retry = await t.core.db
      .selectFrom('deferred_work')
      .select(['attempts', 'run_after'])
      .distinct()
      .execute();
    expect(retry).toEqual([{ attempts: 1, run_after: '2024-06-01T00:00:01.000Z' }]);
    // Not due yet: nothing runs, and the drain does not spin on it.
    expect(await t.core.deferred.drain()).toEqual({ runs: 0, customers: 0, failed: 0 });
    t.clock.advance({ ms: 1000 });
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 1 });
    const second = await t.core.db.selectFrom('deferred_work').select('run_after').execute();
    expect(new Set(second.map((row) => row.run_after))).toEqual(
      new Set(['2024-06-01T00:00:03.000Z']),
    );
    state.fail = false;
    t.clock.advance({ ms: 2000 });
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 0 });
    expect(runs).toEqual([ids]);
    expect(await queued()).toBe(0);
  });

  test('work of a plugin the team has turned off is dropped, not run', async () => {
    const { plugin, runs } = recounter();
    const { teamId, ids, buy } = await setup([plugin]);
    await buy(ids);
    await t.core.plugins.disable(teamId, 'recount', 'test');
    expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 0, failed: 0 });
    expect(runs).toEqual([]);
    expect(await queued()).toBe(0);
  });

  test('a plugin without a deferred handler cannot defer', async () => {
    const eager = definePlugin({
      id: 'eager',
      version: '1.0.0',
      hooks: {
        'orders:recorded': deferBuyers,
      },
    });
    const { teamId, ids, buy } = await setup([eager as never]);
    await buy([defined(ids[0])]);
    // The handler's failure is recorded like any other; the order itself is stored.
    const [failure] = await t.core.hookFailures.list(teamId);
    expect(defined(failure).error).toContain('definePlugin({ deferred })');
    expect(await queued()).toBe(0);
  });

  test('two cores on one database draining together run each customer once', async () => {
    const { plugin, runs } = recounter({ batchSize: 3 });
    const { ids, buy } = await setup([plugin], 30);
    for (const id of ids) await buy([id]);
    const other = await t.reopen({ plugins: [plugin] });
    // SQLite has one writer at a time: there the second core finds what the first left.
    const [a, b] =
      dialect === 'postgres'
        ? await Promise.all([t.core.deferred.drain(), other.deferred.drain()])
        : [await t.core.deferred.drain(), await other.deferred.drain()];
    expect(a.customers + b.customers).toBe(30);
    expect(runs.flat().sort((x, y) => x - y)).toEqual(ids);
    expect(await queued()).toBe(0);
  });

  describe('a plugin that prepares its runs', () => {
    /**
     * Queues every buyer; `prepare` gives each customer ten times its id and runs `during`
     * (once) before it returns; `run` records its customers and what `prepare` gave.
     */
    function preparer(
      during: (ctx: PluginContext) => Promise<unknown> = async () => undefined,
      batchSize = 500,
    ) {
      const runs: { customers: number[]; prepared: number[]; inTransaction: boolean }[] = [];
      const prepares: { customers: number[]; inTransaction: boolean }[] = [];
      let pending: typeof during | undefined = during;
      const plugin = definePlugin({
        id: 'prepared',
        version: '1.0.0',
        hooks: {
          'orders:recorded': deferBuyers,
        },
        deferred: {
          description: 'counts buyers again, reading first',
          batchSize,
          async prepare(customerIds, ctx) {
            prepares.push({ customers: [...customerIds], inTransaction: ctx.db.isTransaction });
            const once = pending;
            pending = undefined;
            await once?.(ctx);
            return customerIds.map((id) => id * 10);
          },
          async run(customerIds, ctx, prepared: number[]) {
            runs.push({
              customers: [...customerIds],
              prepared,
              inTransaction: ctx.db.isTransaction,
            });
          },
        },
      });
      return { plugin, runs, prepares };
    }

    test('prepare reads outside the transaction; the run writes with what it gave', async () => {
      const { plugin, runs, prepares } = preparer();
      const { ids, buy } = await setup([plugin]);
      await buy(ids);
      expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 0 });
      expect(prepares).toEqual([{ customers: ids, inTransaction: false }]);
      expect(runs).toEqual([
        { customers: ids, prepared: ids.map((id) => id * 10), inTransaction: true },
      ]);
      expect(await queued()).toBe(0);
    });

    test('work queued while a run prepares stays queued for a run of its own', async () => {
      let buyAgain: () => Promise<unknown> = async () => undefined;
      const { plugin, runs } = preparer(() => buyAgain());
      const { ids, buy } = await setup([plugin]);
      const [first, second] = [defined(ids[0]), defined(ids[1])];
      buyAgain = () => buy([first]);
      await buy([first, second]);
      expect(await t.core.deferred.drain()).toEqual({ runs: 2, customers: 3, failed: 0 });
      expect(runs.map((run) => run.customers)).toEqual([[first, second], [first]]);
      expect(await queued()).toBe(0);
    });

    test('a customer another run did while this one prepared is left out of it', async () => {
      let other: () => Promise<unknown> = async () => undefined;
      const { plugin, runs } = preparer(() => other());
      const { ids, buy } = await setup([plugin]);
      const [first, second] = [defined(ids[0]), defined(ids[1])];
      // Another process's run takes the second customer's work meanwhile.
      other = () =>
        t.core.db.deleteFrom('deferred_work').where('customer_id', '=', second).execute();
      await buy([first, second]);
      expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 1, failed: 0 });
      expect(runs).toEqual([
        { customers: [first], prepared: [first * 10, second * 10], inTransaction: true },
      ]);
      expect(await queued()).toBe(0);
    });

    test('two cores preparing together run each customer once', async () => {
      const { plugin, runs } = preparer(undefined, 3);
      const { ids, buy } = await setup([plugin], 30);
      for (const id of ids) await buy([id]);
      const other = await t.reopen({ plugins: [plugin] });
      const [a, b] = await Promise.all([t.core.deferred.drain(), other.deferred.drain()]);
      expect(a.customers + b.customers).toBe(30);
      expect(runs.flatMap((run) => run.customers).sort((x, y) => x - y)).toEqual(ids);
      expect(await queued()).toBe(0);
    });

    test('prepare may only read: a write fails the run, which is tried again', async () => {
      const { plugin, runs } = preparer(async (ctx) => {
        await ctx.db.deleteFrom('deferred_work').execute();
      });
      const { teamId, ids, buy } = await setup([plugin]);
      await buy(ids);
      expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 1 });
      expect(runs).toEqual([]);
      expect(await t.core.deferred.backlog(teamId)).toMatchObject({ queued: 3, failing: 3 });
      t.clock.advance({ ms: 1000 });
      expect(await t.core.deferred.drain()).toEqual({ runs: 1, customers: 3, failed: 0 });
      expect(runs.map((run) => run.customers)).toEqual([ids]);
    });
  });

  /** What the recount panel of the customer's card says of pending work. */
  async function shownPending(teamId: number, customerId: number) {
    const shown = defined(await t.core.context.card(teamId, { customerId }, 'en')).card;
    const panel = defined(shown.panels.find((p) => p.plugin === 'recount'));
    return defined(panel.items[0]).value;
  }
});
