import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import autocannon from 'autocannon';
import {
  emailOf,
  log,
  secondsSince,
  seededBook,
  seededRandom,
  serverWorkers,
  sizeFromEnv,
  startServer,
} from './support';

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 1_000_000);
const SECONDS = sizeFromEnv('BENCH_SECONDS', 10);
const CONNECTIONS = 50;
/** The card route against the floor server in the same run, and its p99 (two processes each). */
const TARGETS = { floorRatio: 0.8, p99: 15 };

async function load(port: number, key: string, seconds: number) {
  const random = seededRandom(99);
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${key}`, 'accept-language': 'en' },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/v1/context?email=${emailOf(Math.floor(random() * CUSTOMERS))}`,
        }),
      },
    ],
  });
}

type Result = Awaited<ReturnType<typeof load>>;

/** `result`'s throughput as a share of `baseline`'s, to three places. */
const share = (result: Result, baseline: Result) =>
  Math.round((result.requests.average / baseline.requests.average) * 1000) / 1000;

async function measure(script: string, args: string[], port: number, key: string) {
  const server = await startServer(script, [...args, String(port)]);
  try {
    await load(port, key, 2);
    return await load(port, key, SECONDS);
  } finally {
    server.kill();
  }
}

/** Builds every card ahead of the run, as `guanxi cards refresh` or a running server does. */
async function keepCardsReady(file: string): Promise<void> {
  const core = await createCore({
    database: openDatabase({ url: file }),
    plugins: await bundledPlugins(),
  });
  try {
    const started = performance.now();
    let built = 0;
    for (const team of await core.teams.list()) built += await core.context.refreshAll(team.id);
    log(`cards made ready: ${built} in ${secondsSince(started)} s`);
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-bench-context-'));
  const file = process.env.BENCH_CONTEXT_DB ?? join(dir, 'context.db');
  try {
    const reuse = existsSync(file) && process.env.BENCH_KEY !== undefined;
    const key = reuse
      ? (process.env.BENCH_KEY as string)
      : (await seededBook(file, { customers: CUSTOMERS, orders: ORDERS, seed: 7 })).key;
    await keepCardsReady(file);
    log(`each server runs ${serverWorkers()} process(es) (BENCH_WORKERS)`);
    const bare = await measure('bare-server.ts', [], 38_101, key);
    log(`bare: ${Math.round(bare.requests.average)} req/s, p99 ${bare.latency.p99} ms`);
    const floor = await measure('floor-server.ts', [file], 38_103, key);
    log(
      `floor (the card by one raw statement, nothing else): ${Math.round(floor.requests.average)} req/s, ${share(floor, bare)} of bare, p99 ${floor.latency.p99} ms, non-2xx ${floor.non2xx}`,
    );
    const ours = await measure('app-server.ts', [file], 38_102, key);
    log(
      `context: ${Math.round(ours.requests.average)} req/s, p50 ${ours.latency.p50} ms, p99 ${ours.latency.p99} ms`,
    );
    const ratio = share(ours, bare);
    const floorRatio = share(ours, floor);
    log(`context is ${ratio} of the bare route`);
    log(
      `floor_ratio ${floorRatio} ${floorRatio >= TARGETS.floorRatio ? 'meets' : 'MISSES'} target ${TARGETS.floorRatio}`,
    );
    log(
      `p99 ${ours.latency.p99} ms ${ours.latency.p99 <= TARGETS.p99 ? 'meets' : 'MISSES'} target ${TARGETS.p99} ms`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'context',
        rps: Math.round(ours.requests.average),
        bare_rps: Math.round(bare.requests.average),
        ratio,
        floor_rps: Math.round(floor.requests.average),
        floor_ratio: floorRatio,
        p50_ms: ours.latency.p50,
        p99_ms: ours.latency.p99,
        errors: ours.errors + ours.timeouts,
        non2xx: ours.non2xx,
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
