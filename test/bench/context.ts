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
/** Rounds of floor and card route, alternating which goes first, so drift favours neither. */
const ROUNDS = sizeFromEnv('BENCH_ROUNDS', 2);
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

/** One server's figures over its rounds: the mean rate, and the worst of each round's tail. */
interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

function figuresOf(results: readonly Result[]): Figures {
  const worst = (of: (result: Result) => number) => Math.max(...results.map(of));
  const total = (of: (result: Result) => number) =>
    results.reduce((sum, result) => sum + of(result), 0);
  return {
    rps: total((r) => r.requests.average) / results.length,
    p50: worst((r) => r.latency.p50),
    p99: worst((r) => r.latency.p99),
    errors: total((r) => r.errors + r.timeouts),
    non2xx: total((r) => r.non2xx),
  };
}

/** A rate as a share of a baseline's, to three places. */
const share = (rps: number, baseline: number) => Math.round((rps / baseline) * 1000) / 1000;

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
    const bare = figuresOf([await measure('bare-server.ts', [], 38_101, key)]);
    log(`bare: ${Math.round(bare.rps)} req/s, p99 ${bare.p99} ms`);
    const floors: Result[] = [];
    const cards: Result[] = [];
    const servers = {
      floor: { script: 'floor-server.ts', port: 38_103, results: floors },
      context: { script: 'app-server.ts', port: 38_102, results: cards },
    };
    for (let round = 1; round <= ROUNDS; round += 1) {
      const order =
        round % 2 === 1 ? (['floor', 'context'] as const) : (['context', 'floor'] as const);
      for (const name of order) {
        const { script, port, results } = servers[name];
        const result = await measure(script, [file], port, key);
        results.push(result);
        log(
          `round ${round} ${name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
        );
      }
    }
    const floor = figuresOf(floors);
    const ours = figuresOf(cards);
    const ratio = share(ours.rps, bare.rps);
    const floorRatio = share(ours.rps, floor.rps);
    log(
      `floor (the card by one raw statement, nothing else): ${Math.round(floor.rps)} req/s, ${share(floor.rps, bare.rps)} of bare`,
    );
    log(`context: ${Math.round(ours.rps)} req/s, ${ratio} of bare`);
    log(
      `floor_ratio ${floorRatio} ${floorRatio >= TARGETS.floorRatio ? 'meets' : 'MISSES'} target ${TARGETS.floorRatio}`,
    );
    log(
      `p99 ${ours.p99} ms ${ours.p99 <= TARGETS.p99 ? 'meets' : 'MISSES'} target ${TARGETS.p99} ms`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'context',
        rps: Math.round(ours.rps),
        bare_rps: Math.round(bare.rps),
        ratio,
        floor_rps: Math.round(floor.rps),
        floor_ratio: floorRatio,
        p50_ms: ours.p50,
        p99_ms: ours.p99,
        errors: ours.errors,
        non2xx: ours.non2xx,
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
