import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import autocannon from 'autocannon';
import { paced } from './paced';
import { log, seededBook, seededRandom, serverWorkers, sizeFromEnv, startServer } from './support';

/**
 * `pnpm bench writes`: the real server (BENCH_WORKERS processes) on 100,000 customers and
 * 1,000,000 orders, fitted, scored, tiered and checked for churn as a live team is. 50
 * connections post single orders for random customers for BENCH_SECONDS, once with every
 * bundled plugin on for the team and once with every plugin off, alternating, BENCH_ROUNDS
 * times each; the same for single interactions; then, with every plugin on, a steady 300
 * orders a second for the same time, paced (one every 1/300 s, open loop, each timed from
 * its scheduled start: see paced.ts). The floor server (raw statements writing the order and
 * its facts, nothing else) runs beside each round of orders and at the same steady rate, for
 * what the machine allows at all, and so does it with the rows every bundled plugin keeps
 * for an order written the same way: its ratio to the first (`floor_on_ratio`) is the most
 * `orders_ratio` this machine's SQLite allows for those rows, and `orders_floor_ratio` is the
 * plugins-on server's share of it. Every phase runs on its own copy of the database, so no
 * phase sees another's writes, and after each it reports how long the server took to finish
 * the deferred work the load left (polling /healthz). BENCH_WRITES_DB keeps the database
 * between runs.
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 1_000_000);
const SECONDS = sizeFromEnv('BENCH_SECONDS', 10);
const ROUNDS = sizeFromEnv('BENCH_ROUNDS', 2);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 50;
const STEADY_RATE = 300;
const PORT = 38_104;
const JOBS = ['scoring:fit', 'scoring:score', 'tiering:recompute', 'winback:detect'];
const TARGETS = { ratio: 0.5, p99AtRate: 20 };
/** How long the deferred work a phase leaves may take before the bench says it never ends. */
const DRAIN_LIMIT_MS = 120_000;

type Kind = 'orders' | 'interactions';

/** What a phase measured, from autocannon (full load) or the paced sender (a steady rate). */
interface Result {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Failed requests and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
}

/** One kind of write: where it goes and a fresh body each time. */
interface Writes {
  readonly path: string;
  readonly body: () => object;
}

/** The base database's team and customers, read once. */
interface Base {
  readonly file: string;
  readonly teamId: number;
  readonly ids: readonly number[];
}

/** External ids of the orders a run writes, unique across its phases. */
let written = 0;

function writes(kind: Kind, teamId: number, ids: readonly number[], seed: number): Writes {
  const random = seededRandom(seed);
  const customerId = () => ids[Math.floor(random() * ids.length)] as number;
  const body =
    kind === 'orders'
      ? () => {
          written += 1;
          return {
            customerId: customerId(),
            amount: 100 + Math.floor(random() * 50_000),
            placedAt: new Date().toISOString(),
            externalId: `w-${written}`,
          };
        }
      : () => ({
          customerId: customerId(),
          channel: 'phone',
          direction: random() < 0.5 ? 'inbound' : 'outbound',
          summary: 'Asked about the last order',
          occurredAt: new Date().toISOString(),
        });
  return { path: `/v1/teams/${teamId}/${kind}`, body };
}

/** The base database: built once (and kept at BENCH_WRITES_DB when given). */
async function baseDatabase(file: string): Promise<Base> {
  if (!existsSync(file)) {
    await seededBook(file, {
      customers: CUSTOMERS,
      orders: ORDERS,
      seed: 13,
      jobs: JOBS,
      until: new Date(),
    });
  }
  const core = await createCore({
    database: openDatabase({ url: file }),
    plugins: await bundledPlugins(),
  });
  try {
    const team = await core.teams.get((await core.teams.list())[0]?.id as number);
    const rows = await core.db
      .selectFrom('customers')
      .select('id')
      .where('team_id', '=', team.id)
      .orderBy('id')
      .execute();
    return { file, teamId: team.id, ids: rows.map((row) => Number(row.id)) };
  } finally {
    await core.close();
  }
}

/**
 * A copy of the base for one phase, with every bundled plugin on or off for the team; returns
 * the copy and a new rep's key.
 */
async function phaseDatabase(base: Base, dir: string, plugins: boolean) {
  const file = join(dir, `phase-${Date.now()}.db`);
  copyFileSync(base.file, file);
  const core = await createCore({
    database: openDatabase({ url: file }),
    plugins: await bundledPlugins(),
  });
  try {
    for (const plugin of core.installed) {
      if (plugins) await core.plugins.enable(base.teamId, plugin.id, 'bench');
      else await core.plugins.disable(base.teamId, plugin.id, 'bench');
    }
    const rep = await core.users.create({ email: `rep-${Date.now()}@bench.test`, name: 'Rep' });
    await core.users.setRole(base.teamId, rep.id, 'rep');
    return { file, key: (await core.apiKeys.create(rep.id, 'bench')).key };
  } finally {
    await core.close();
  }
}

/** Full load (50 connections, each sending as soon as answered), or `rate` a second paced. */
async function fire(key: string, sent: Writes, seconds: number, rate?: number): Promise<Result> {
  const url = `http://127.0.0.1:${PORT}`;
  const headers = { authorization: `Bearer ${key}`, 'accept-language': 'en' };
  if (rate !== undefined) {
    const next = () => ({ method: 'POST', path: sent.path, body: JSON.stringify(sent.body()) });
    return paced({ url, rate, seconds, connections: CONNECTIONS, headers, next });
  }
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'POST',
        path: sent.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(sent.body()) }),
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * What serves a phase: the real server with every plugin on or off, or the floor server,
 * alone or with the plugins' rows.
 */
type Setup = 'on' | 'off' | 'floor' | 'floor-on';

/** Whether a floor server (raw statements, not the server under test) serves the phase. */
const isFloor = (setup: Setup) => setup === 'floor' || setup === 'floor-on';

interface Phase {
  readonly kind: Kind;
  readonly setup: Setup;
  readonly rate?: number;
}

const SETUP_NAMES: Readonly<Record<Setup, string>> = {
  on: 'plugins on',
  off: 'plugins off',
  floor: 'floor (raw statements, nothing else)',
  'floor-on': "floor with every plugin's rows (raw statements)",
};

const phaseName = (phase: Phase) =>
  `${phase.kind}, ${SETUP_NAMES[phase.setup]}${phase.rate ? `, ${phase.rate}/s offered` : ''}`;

/** The server's deferred work still queued, as /healthz reports it. */
async function queued(): Promise<number> {
  const health = (await (await fetch(`http://127.0.0.1:${PORT}/healthz`)).json()) as {
    deferred: { queued: number };
  };
  return health.deferred.queued;
}

/** Seconds until the deferred work the load left is done, polling /healthz; null if never. */
async function drained(): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < DRAIN_LIMIT_MS) {
    if ((await queued()) === 0) return Math.round(performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

async function runPhase(base: Base, dir: string, phase: Phase, seed: number): Promise<Result> {
  const { file, key } = await phaseDatabase(base, dir, phase.setup === 'on');
  const floor = isFloor(phase.setup);
  const server = floor
    ? await startServer('floor-writes-server.ts', [
        file,
        String(PORT),
        ...(phase.setup === 'floor-on' ? ['plugins'] : []),
      ])
    : await startServer('app-server.ts', [file, String(PORT)]);
  try {
    await fire(key, writes(phase.kind, base.teamId, base.ids, seed), WARMUP_SECONDS, phase.rate);
    if (!floor) await drained();
    const result = await fire(
      key,
      writes(phase.kind, base.teamId, base.ids, seed + 1),
      SECONDS,
      phase.rate,
    );
    const figures = `${phaseName(phase)}: ${Math.round(result.perSecond)} writes/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`;
    if (floor) {
      log(figures);
      return result;
    }
    const left = await queued();
    const drainSeconds = await drained();
    log(
      `${figures}; deferred work queued at the end ${left}, done ${drainSeconds === null ? `NOT within ${DRAIN_LIMIT_MS / 1000} s` : `${drainSeconds} s later`}`,
    );
    return result;
  } finally {
    server.kill();
    await new Promise((resolve) => server.once('exit', resolve));
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const ratio = (on: number, off: number) => Math.round((on / off) * 1000) / 1000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-bench-writes-'));
  try {
    const base = await baseDatabase(process.env.BENCH_WRITES_DB ?? join(dir, 'writes.db'));
    log(`each server runs ${serverWorkers()} process(es) (BENCH_WORKERS)`);
    const phases: Phase[] = [];
    for (const kind of ['orders', 'interactions'] as const) {
      for (let round = 0; round < ROUNDS; round += 1) {
        const order: Setup[] = round % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
        for (const setup of order) phases.push({ kind, setup });
        if (kind === 'orders') phases.push({ kind, setup: 'floor' }, { kind, setup: 'floor-on' });
      }
    }
    phases.push({ kind: 'orders', setup: 'on', rate: STEADY_RATE });
    phases.push({ kind: 'orders', setup: 'floor', rate: STEADY_RATE });
    const results: { phase: Phase; result: Result }[] = [];
    for (const [index, phase] of phases.entries()) {
      results.push({ phase, result: await runPhase(base, dir, phase, 100 + 2 * index) });
    }
    const of = (kind: Kind, setup: Setup, rate?: number) =>
      results.filter(
        (r) => r.phase.kind === kind && r.phase.setup === setup && r.phase.rate === rate,
      );
    const rate = (kind: Kind, setup: Setup) =>
      Math.round(median(of(kind, setup).map((r) => r.result.perSecond)));
    const p99At = (setup: Setup) =>
      (of('orders', setup, STEADY_RATE)[0] as { result: Result }).result.p99;
    const orders = rate('orders', 'on');
    const ordersBare = rate('orders', 'off');
    const interactions = rate('interactions', 'on');
    const interactionsBare = rate('interactions', 'off');
    const floor = rate('orders', 'floor');
    const floorOn = rate('orders', 'floor-on');
    const errors = results.reduce(
      (sum, { phase, result }) =>
        isFloor(phase.setup) ? sum : sum + result.errors + result.non2xx,
      0,
    );
    const summary = {
      bench: 'writes',
      orders_per_s: orders,
      orders_bare_per_s: ordersBare,
      orders_ratio: ratio(orders, ordersBare),
      orders_p99_at_300_ms: p99At('on'),
      interactions_per_s: interactions,
      interactions_ratio: ratio(interactions, interactionsBare),
      errors,
      floor_orders_per_s: floor,
      floor_p99_at_300_ms: p99At('floor'),
      floor_on_orders_per_s: floorOn,
      floor_on_ratio: ratio(floorOn, floor),
      orders_floor_ratio: ratio(orders, floorOn),
    };
    const verdict = (met: boolean) => (met ? 'meets' : 'MISSES');
    log(
      `orders ratio ${summary.orders_ratio} ${verdict(summary.orders_ratio >= TARGETS.ratio)} target ${TARGETS.ratio}`,
    );
    log(
      `interactions ratio ${summary.interactions_ratio} ${verdict(summary.interactions_ratio >= TARGETS.ratio)} target ${TARGETS.ratio}`,
    );
    log(
      `the floor's own ratio, its orders with every plugin's rows against without: ${summary.floor_on_ratio}`,
    );
    log(
      `orders with every plugin on against that floor with every plugin's rows: ${summary.orders_floor_ratio}`,
    );
    log(`the floor's p99 at ${STEADY_RATE} orders/s: ${summary.floor_p99_at_300_ms} ms`);
    log(
      `p99 at ${STEADY_RATE} orders/s ${summary.orders_p99_at_300_ms} ms ${verdict(summary.orders_p99_at_300_ms <= TARGETS.p99AtRate)} target ${TARGETS.p99AtRate} ms`,
    );
    log(`errors and non-2xx answers: ${errors}`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
