import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AnyPlugin, createCore, openDatabase } from '@guanxi/core';
import loyalty from '@guanxi/plugin-loyalty';
import service from '@guanxi/plugin-service';
import winback from '@guanxi/plugin-winback';
import { log, perSecond, seededRandom, sizeFromEnv } from './support';

/**
 * `pnpm bench loyalty`: records the same 1,000,000 orders (100,000 customers) into a fresh
 * SQLite file twice in one run, once with loyalty, win-back and service installed and on,
 * once with no plugins, through the batch path the CSV import uses.
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 1_000_000);
const BATCH = 5_000;
const OVERHEAD_TARGET = 0.3;
const FIRST_ORDER_AT = Date.parse('2023-01-01T00:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

interface BenchOrder {
  readonly customer: number;
  readonly amount: number;
  readonly placedAt: string;
  readonly externalId: string;
}

function generateOrders(): BenchOrder[] {
  const random = seededRandom(20_251_123);
  const orders: BenchOrder[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const at = FIRST_ORDER_AT + Math.floor((i / ORDERS) * TWO_YEARS_MS);
    orders.push({
      customer: Math.floor(random() * CUSTOMERS),
      amount: 500 + Math.floor(random() * 50_000),
      placedAt: new Date(at).toISOString(),
      externalId: `o-${i}`,
    });
  }
  return orders;
}

/** Creates the customers, then times recording every order; returns orders per second. */
async function importOrders(plugins: readonly AnyPlugin[], orders: readonly BenchOrder[]) {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-bench-loyalty-'));
  const core = await createCore({
    database: openDatabase({ url: join(dir, 'bench.db') }),
    plugins,
    clock: { now: () => new Date('2025-01-01T00:00:00Z') },
  });
  try {
    const team = await core.teams.create({ name: 'Bench', slug: 'bench' });
    for (const plugin of plugins) await core.plugins.enable(team.id, plugin.id, 'bench');
    const ids: number[] = [];
    for (let start = 0; start < CUSTOMERS; start += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, CUSTOMERS - start) }, (_, i) => ({
        kind: 'person' as const,
        name: `Customer ${start + i}`,
      }));
      for (const customer of await core.customers.createMany(team.id, inputs)) {
        ids.push(customer.id);
      }
    }
    const started = performance.now();
    for (let start = 0; start < orders.length; start += BATCH) {
      await core.orders.record(
        team.id,
        orders.slice(start, start + BATCH).map((order) => ({
          customerId: ids[order.customer] as number,
          amount: order.amount,
          placedAt: order.placedAt,
          externalId: order.externalId,
        })),
      );
      if ((start / BATCH) % 40 === 39) log(`  ${start + BATCH} orders`);
    }
    const ms = performance.now() - started;
    return perSecond(orders.length, ms);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const orders = generateOrders();
const plugins = [service, winback, loyalty];
log(`with ${plugins.map((p) => p.id).join(', ')}`);
const withPlugins = await importOrders(plugins, orders);
log(`with plugins: ${withPlugins} orders/s`);
const bare = await importOrders([], orders);
log(`no plugins: ${bare} orders/s`);
const overhead = Math.round((bare / withPlugins - 1) * 1000) / 1000;
log(
  `target: plugins add ≤ ${OVERHEAD_TARGET * 100}% to import time: ${overhead <= OVERHEAD_TARGET ? 'met' : 'MISSED'}`,
);
process.stdout.write(
  `${JSON.stringify({ bench: 'loyalty', with_plugins_per_s: withPlugins, bare_per_s: bare, overhead_ratio: overhead })}\n`,
);
