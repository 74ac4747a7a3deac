import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AnyPlugin, createCore, openDatabase } from '@guanxi/core';
import loyalty from '@guanxi/plugin-loyalty';
import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import winback from '@guanxi/plugin-winback';
import { log, perSecond, seededRandom, sizeFromEnv } from './support';

/**
 * `pnpm bench loyalty`: records the same 1,000,000 orders (100,000 customers) into a fresh
 * SQLite file, with loyalty, win-back and service on (and scoring and tiering, whose services
 * they use, installed and off), and with no plugins,
 * through the batch path the CSV import uses. Each is timed twice, in the order with, bare,
 * bare, with: a shared machine drifts by tens of percent over a few minutes, and the
 * symmetric order cancels a steady drift out of the comparison. Both sides first import
 * 50,000 orders untimed, so that neither pays for warming up. The rates are over both passes
 * (all orders over the summed time). `BENCH_PASSES=1` times each once.
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 1_000_000);
const BATCH = 5_000;
const WARM_UP = 50_000;
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

/**
 * Installs `plugins` and turns on those of them in `on`, creates the customers, then times
 * recording every order; returns the milliseconds.
 */
async function importOrders(
  plugins: readonly AnyPlugin[],
  on: readonly AnyPlugin[],
  orders: readonly BenchOrder[],
) {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-bench-loyalty-'));
  const core = await createCore({
    database: openDatabase({ url: join(dir, 'bench.db') }),
    plugins,
    clock: { now: () => new Date('2025-01-01T00:00:00Z') },
  });
  try {
    const team = await core.teams.create({ name: 'Bench', slug: 'bench' });
    for (const plugin of on) await core.plugins.enable(team.id, plugin.id, 'bench');
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
    return performance.now() - started;
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const orders = generateOrders();
const on = [service, winback, loyalty];
const plugins = [scoring, tiering, ...on];
const passes = sizeFromEnv('BENCH_PASSES', 2) === 1 ? 1 : 2;
const ms = { with: 0, bare: 0 };
async function pass(kind: keyof typeof ms) {
  const took =
    kind === 'with' ? await importOrders(plugins, on, orders) : await importOrders([], [], orders);
  ms[kind] += took;
  log(
    `${kind === 'with' ? 'with plugins' : 'no plugins'}: ${perSecond(orders.length, took)} orders/s`,
  );
}
log(`with ${on.map((p) => p.id).join(', ')} on; ${passes} pass(es) each`);
// Untimed, both sides: the first timed pass would otherwise also pay for compiling the code.
await importOrders(plugins, on, orders.slice(0, WARM_UP));
await importOrders([], [], orders.slice(0, WARM_UP));
await pass('with');
await pass('bare');
if (passes > 1) {
  await pass('bare');
  await pass('with');
}
const withPlugins = perSecond(orders.length * passes, ms.with);
const bare = perSecond(orders.length * passes, ms.bare);
const overhead = Math.round((ms.with / ms.bare - 1) * 1000) / 1000;
log(
  `target: plugins add ≤ ${OVERHEAD_TARGET * 100}% to import time: ${overhead <= OVERHEAD_TARGET ? 'met' : 'MISSED'}`,
);
process.stdout.write(
  `${JSON.stringify({ bench: 'loyalty', with_plugins_per_s: withPlugins, bare_per_s: bare, overhead_ratio: overhead })}\n`,
);
