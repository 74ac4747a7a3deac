import { definePlugin } from '@guanxi/core';
import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createLogger } from '../logger';
import { DeferredWorker } from './deferred-worker';

/** Queues every buyer; its deferred handler records whom it ran for, and each run's size. */
function recounter(ran: number[], runs: number[]) {
  return definePlugin({
    id: 'recount',
    version: '1.0.0',
    hooks: {
      'orders:recorded': async (event, ctx) => {
        await ctx.defer(event.items.map((order) => order.customerId));
      },
    },
    deferred: {
      description: 'counts buyers again',
      async run(customerIds) {
        ran.push(...customerIds);
        runs.push(customerIds.length);
      },
    },
  });
}

describe.each(testDialects())('the deferred worker on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let ids: number[];
  const ran: number[] = [];
  const runs: number[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });

  beforeEach(async () => {
    ran.length = 0;
    runs.length = 0;
    lines.length = 0;
    t = await createTestCore({ dialect, plugins: [recounter(ran, runs)] });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    await t.core.plugins.enable(teamId, 'recount', 'test');
    const people = [0, 1, 2].map((i) => ({ kind: 'person' as const, name: `P${i}` }));
    ids = (await t.core.customers.createMany(teamId, people)).map((c) => c.id);
  });
  afterEach(() => t.destroy());

  const buy = () =>
    t.core.orders.record(
      teamId,
      ids.map((customerId) => ({ customerId, amount: 100, placedAt: '2024-05-01' })),
    );

  test('a round runs everything due and logs the backlog it leaves', async () => {
    await buy();
    const worker = new DeferredWorker({ core: t.core, logger });
    expect(await worker.runOnce()).toBe(3);
    expect(ran.sort((a, b) => a - b)).toEqual(ids);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'deferred work backlog',
        queued: 0,
        failing: 0,
        oldestAgeMs: 0,
        byPlugin: {},
      }),
    );
    expect(await worker.runOnce()).toBe(0);
  });

  test('a round runs fresh work in short runs', async () => {
    const more = Array.from({ length: 22 }, (_, i) => ({ kind: 'person' as const, name: `Q${i}` }));
    ids.push(...(await t.core.customers.createMany(teamId, more)).map((c) => c.id));
    await buy();
    const worker = new DeferredWorker({ core: t.core, logger });
    expect(await worker.runOnce()).toBe(25);
    expect(runs).toEqual([10, 10, 5]);
  });

  test('started, it runs deferred work in the background until stopped', async () => {
    const worker = new DeferredWorker({ core: t.core, logger, intervalMs: 10 });
    worker.start();
    await buy();
    await expect.poll(() => ran.length, { timeout: 5_000 }).toBe(3);
    await worker.stop();
    await buy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toHaveLength(3);
    expect(await t.core.deferred.backlog()).toMatchObject({ queued: 3, byPlugin: { recount: 3 } });
  });
});
