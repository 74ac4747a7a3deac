import { type AnyPlugin, definePlugin, type PanelDefinition } from '@guanxi/core';
import loyalty from '@guanxi/plugin-loyalty';
import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { createApp } from '@guanxi/server';
import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: each fault plugin owns one small table
type PluginDb = Kysely<any>;

type Fault = 'throws' | 'hangs' | 'slow';

const never = () => new Promise<never>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether each faulty plugin has been mended (its handler then applies its effect). */
const mended: Record<Fault, boolean> = { throws: false, hangs: false, slow: true };

/**
 * A plugin whose order handler and card panel misbehave as `fault` says, until mended: it
 * throws, never resolves, or is slow but within its budget. Its effect is one row per order
 * in its own table, keyed by the order, so a double application would fail.
 */
function faulty(fault: Fault): AnyPlugin {
  const table = `fault_${fault}_applied`;
  const misbehave = async () => {
    if (fault === 'throws') throw new Error('the ERP is unreachable');
    if (fault === 'hangs') await never();
    await sleep(100);
  };
  const panel: PanelDefinition<unknown> = {
    id: 'status',
    render: async () => {
      await misbehave();
      return { title: `Fault ${fault}`, items: [], actions: [] };
    },
  };
  return definePlugin({
    id: `fault-${fault}`,
    version: '1.0.0',
    migrations: {
      '001': {
        up: (db: PluginDb) =>
          db.schema
            .createTable(table)
            .addColumn('order_id', 'bigint', (c) => c.primaryKey())
            .execute(),
      },
    },
    hooks: {
      'orders:recorded': async (event, ctx) => {
        if (!mended[fault]) await misbehave();
        if (fault === 'slow') await sleep(100);
        await ctx.db
          .insertInto(table)
          .values(event.items.map((order) => ({ order_id: order.id })))
          .execute();
      },
    },
    panels: [panel],
  });
}

const FAULTS: readonly Fault[] = ['throws', 'hangs', 'slow'];

describe.each(testDialects())('plugin faults on %s', (dialect) => {
  let a: TestApp;
  let customerId: number;

  const applied = async (fault: Fault) =>
    (
      await (a.t.core.db as PluginDb)
        .selectFrom(`fault_${fault}_applied`)
        .select('order_id')
        .execute()
    ).length;

  beforeEach(async () => {
    mended.throws = false;
    mended.hangs = false;
    a = await createTestApp({
      dialect,
      plugins: [scoring, tiering, loyalty, ...FAULTS.map(faulty)],
      app: createApp,
    });
    for (const id of ['loyalty', ...FAULTS.map((fault) => `fault-${fault}`)]) {
      await a.t.core.plugins.enable(a.teamA, id, 'test');
    }
    const created = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, {
      kind: 'person',
      name: 'Zhou Min',
      emails: ['zhou.min@example.cn'],
    });
    customerId = ((await created.json()) as { id: number }).id;
    const recorded = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/orders/batch`, {
      orders: [
        { customerId, amount: 12_000, placedAt: '2025-03-01' },
        { customerId, amount: 8_000, placedAt: '2025-03-05' },
      ],
    });
    expect(recorded.status).toBe(201);
  });
  afterEach(() => a.destroy());

  test('core writes and the other plugins’ effects are stored; the failures are recorded', async () => {
    expect(await a.t.core.orders.forCustomer(a.teamA, customerId)).toHaveLength(2);
    const points = await a.call(
      'rep',
      'GET',
      `/v1/teams/${a.teamA}/plugins/loyalty/customers/${customerId}`,
    );
    expect(((await points.json()) as { balance: number }).balance).toBeGreaterThan(0);
    expect(await applied('slow')).toBe(2);
    expect(await applied('throws')).toBe(0);
    expect(await applied('hangs')).toBe(0);
    const failures = await a.t.core.hookFailures.list(a.teamA);
    expect(failures.map((f) => [f.pluginId, f.hook]).sort()).toEqual([
      ['fault-hangs', 'orders:recorded'],
      ['fault-throws', 'orders:recorded'],
    ]);
  });

  test('the card leaves out the failing panels and keeps the others', async () => {
    const started = Date.now();
    const res = await a.call('rep', 'GET', '/v1/context?email=zhou.min@example.cn');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const { card } = (await res.json()) as { card: { panels: { plugin: string }[] } };
    expect(card.panels.map((p) => p.plugin).sort()).toEqual(['fault-slow', 'loyalty']);
    // The hanging panel never resolves: the answer comes because its budget cut it off.
    expect(elapsed).toBeLessThan(5_000);
  });

  test('each failure shows in the admin console, and a replay applies it once', async () => {
    const browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    const page = `/admin/teams/${a.teamA}/hook-failures`;
    const html = await (await browser.get(page)).text();
    expect(html).toContain('<code>fault-throws</code>');
    expect(html).toContain('the ERP is unreachable');
    expect(html).toContain('<code>fault-hangs</code>');

    mended.throws = true;
    mended.hangs = true;
    for (const failure of await a.t.core.hookFailures.list(a.teamA)) {
      const replay = `${page}/${failure.id}/replay`;
      const first = await browser.submit(page, replay, {});
      expect(first.headers.get('location')).toBe(`${page}?notice=replayOk`);
      const again = await browser.submit(page, replay, {});
      expect(again.headers.get('location')).toBe(`${page}?notice=alreadyReplayed`);
    }
    expect(await applied('throws')).toBe(2);
    expect(await applied('hangs')).toBe(2);
    expect(await a.t.core.hookFailures.list(a.teamA, { pending: true })).toEqual([]);
  });
});
