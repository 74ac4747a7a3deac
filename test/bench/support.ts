import { type ChildProcess, spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createCore, openDatabase } from '@guanxi/core';
import {
  bundledPlugins,
  type Closable,
  createLogger,
  runAsWorker,
  startWorkerPool,
} from '@guanxi/server';
import { serve } from '@hono/node-server';

/** Helpers shared by the benchmark scripts. */

export function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size <= 0) throw new Error(`${name} must be a positive integer`);
  return size;
}

export function log(message: string): void {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(1)}s] ${message}\n`);
}

/** Seconds since `started` (a `performance.now()` reading), to one decimal, for a log line. */
export function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

/** How fast `ms` is relative to `baselineMs` for the same work: 1 is as fast. */
export function speedRatio(ms: number, baselineMs: number): number {
  return Math.round((baselineMs / ms) * 1000) / 1000;
}

/** mulberry32: a small seeded PRNG, so every run sees the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** How many processes each server of a server benchmark runs: BENCH_WORKERS, default one per core. */
export function serverWorkers(): number {
  return sizeFromEnv('BENCH_WORKERS', availableParallelism());
}

/**
 * Serves what `start` starts, in this process or, with more than one worker, in a pool of
 * worker processes as `guanxi serve` runs them; says `ready` on stdout once all listen.
 */
export async function serveForBench(start: () => Promise<Closable>): Promise<void> {
  const workers = serverWorkers();
  const logger = createLogger('warn');
  if (workers === 1) {
    await start();
  } else if (cluster.isWorker) {
    return runAsWorker(start, logger);
  } else {
    await startWorkerPool({ workers, logger });
  }
  process.stdout.write('ready\n');
}

/**
 * Serves `fetch` on 127.0.0.1:`port` and resolves once listening; closing stops the server,
 * then runs `release` (the database it reads, say).
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  release: () => unknown = () => undefined,
): Promise<Closable> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () =>
      resolve({
        close: async () => {
          await new Promise((closed) => server.close(closed));
          await release();
        },
      }),
    );
  });
}

/** Starts a bench server script and resolves once it says it is ready. */
export function startServer(script: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, script), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** A bench customer's e-mail, by their place in the book. */
export const emailOf = (index: number) => `c${index}@example.com`;

/** A team on a database file, for the server benchmarks: a rep's key and its customers' ids. */
export interface Book {
  readonly teamId: number;
  readonly key: string;
  readonly ids: readonly number[];
}

const BOOK_BATCH = 5_000;
const TWO_YEARS_MS = 2 * 365 * 86_400_000;
const ORDERS_UNTIL = new Date(Date.parse('2023-01-01T00:00:00Z') + TWO_YEARS_MS);

/**
 * Fills a SQLite file through the core, every bundled plugin on: a rep, `customers` people
 * (`emailOf(i)`), and `orders` orders spread over two years among them, drawn from `seed`.
 */
export async function seededBook(
  file: string,
  sizes: {
    readonly customers: number;
    readonly orders: number;
    readonly seed: number;
    /** Jobs run for the team once the orders are in (`scoring:fit`, …), as a live team has run them. */
    readonly jobs?: readonly string[];
    /** When the two years of orders end; by default they start on 2023-01-01. */
    readonly until?: Date;
  },
): Promise<Book> {
  const core = await createCore({
    database: openDatabase({ url: file }),
    plugins: await bundledPlugins(),
  });
  try {
    const team = await core.teams.create({ name: 'Bench', slug: 'bench', locale: 'en' });
    for (const plugin of core.installed) await core.plugins.enable(team.id, plugin.id, 'bench');
    const rep = await core.users.create({ email: 'rep@bench.test', name: 'Rep' });
    await core.users.setRole(team.id, rep.id, 'rep');
    const key = await core.apiKeys.create(rep.id, 'bench');
    const ids: number[] = [];
    for (let start = 0; start < sizes.customers; start += BOOK_BATCH) {
      const count = Math.min(BOOK_BATCH, sizes.customers - start);
      const inputs = Array.from({ length: count }, (_, i) => ({
        kind: 'person' as const,
        name: `Customer ${start + i}`,
        emails: [emailOf(start + i)],
      }));
      for (const customer of await core.customers.createMany(team.id, inputs)) {
        ids.push(customer.id);
      }
    }
    log(`customers: ${ids.length}`);
    const random = seededRandom(sizes.seed);
    const firstOrderAt = (sizes.until ?? ORDERS_UNTIL).getTime() - TWO_YEARS_MS;
    for (let start = 0; start < sizes.orders; start += BOOK_BATCH) {
      const count = Math.min(BOOK_BATCH, sizes.orders - start);
      const batch = Array.from({ length: count }, (_, i) => ({
        customerId: pick(ids, random),
        amount: 100 + Math.floor(random() * 99_900),
        placedAt: new Date(firstOrderAt + Math.floor(random() * TWO_YEARS_MS)).toISOString(),
        externalId: `o${start + i}`,
      }));
      await core.orders.record(team.id, batch);
      if ((start + count) % 100_000 === 0) log(`orders: ${start + count}`);
    }
    // The plugins' deferred work the orders queued, done as a server's worker would have done
    // it, so that no benchmark's server starts with a backlog of the whole book.
    const drainStarted = performance.now();
    const drained = await core.deferred.drain({ teamId: team.id });
    log(`deferred work: ${drained.customers} customers in ${secondsSince(drainStarted)} s`);
    for (const job of sizes.jobs ?? []) {
      const started = performance.now();
      await core.jobs.run(job, { teamId: team.id });
      log(`${job}: ${secondsSince(started)} s`);
    }
    return { teamId: team.id, key: key.key, ids };
  } finally {
    await core.close();
  }
}
