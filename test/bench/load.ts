import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import {
  type Book,
  emailOf,
  log,
  seededBook,
  seededRandom,
  serverWorkers,
  sizeFromEnv,
  startServer,
} from './support';

/**
 * `pnpm bench load`: the real server (BENCH_WORKERS processes) on a SQLite file with every
 * bundled plugin on, under 50 connections of mixed reads and writes (context cards, customer
 * reads and searches, orders, interactions) for 60 s, after every customer's card has been
 * asked for once and a 30 s warm-up. Reports requests a second and p99 against their targets,
 * errors, unexpected statuses, the server's resident memory (all its processes) at the start
 * and end of the measured run, and how long it took to finish the deferred work the load left.
 * Before the warm-up it sends each kind of request alone for a few seconds, for where the
 * mix's time goes.
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 20_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 200_000);
const SECONDS = sizeFromEnv('BENCH_SECONDS', 60);
const WARMUP_SECONDS = 30;
const ALONE_SECONDS = sizeFromEnv('BENCH_ALONE_SECONDS', 6);
const CONNECTIONS = 50;
const PORT = 38_103;
const TARGETS = { rps: 2_500, p99: 50, rssGrowth: 0.1 };

/** External ids of the orders the load writes, unique across the warm-up and the run. */
let written = 0;
const nextOrder = () => {
  written += 1;
  return `load-${written}`;
};

/** A request of the mix, named for the log. */
interface Kind {
  readonly name: string;
  readonly request: Request;
}

/** One round of each connection: two card lookups, a read, a search and two writes. */
function mix(book: Book): Kind[] {
  const random = seededRandom(23);
  const index = () => Math.floor(random() * book.ids.length);
  const id = () => book.ids[index()] as number;
  const json = (path: string, body: () => object): Request => ({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
  });
  const get = (path: () => string): Request => ({
    method: 'GET',
    setupRequest: (request) => ({ ...request, path: path() }),
  });
  const base = `/v1/teams/${book.teamId}`;
  const card = () => get(() => `/v1/context?email=${emailOf(index())}`);
  return [
    { name: 'card', request: card() },
    {
      name: 'order',
      request: json(`${base}/orders`, () => ({
        customerId: id(),
        amount: 100 + Math.floor(random() * 50_000),
        placedAt: new Date().toISOString(),
        externalId: nextOrder(),
      })),
    },
    { name: 'customer', request: get(() => `${base}/customers/${id()}`) },
    { name: 'card', request: card() },
    {
      name: 'interaction',
      request: json(`${base}/interactions`, () => ({
        customerId: id(),
        channel: 'phone',
        direction: 'outbound',
        summary: 'Followed up on the last order',
        occurredAt: new Date().toISOString(),
      })),
    },
    {
      name: 'search',
      request: get(() => `${base}/customers?q=Customer%20${Math.floor(random() * 1_000)}`),
    },
  ];
}

function ownRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
}

/** The resident memory of the server: its own and, with several processes, its workers'. */
function rssMb(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter((child) => child !== '')
    .map(Number);
  const kb = [pid, ...children].reduce((sum, id) => sum + ownRssKb(id), 0);
  return Math.round(kb / 1024);
}

/** The server's deferred work still queued, as /healthz reports it. */
async function queued(): Promise<number> {
  const health = (await (await fetch(`http://127.0.0.1:${PORT}/healthz`)).json()) as {
    deferred: { queued: number };
  };
  return health.deferred.queued;
}

/** Seconds until the server has done the deferred work the load left, polling /healthz. */
async function drainSeconds(): Promise<number> {
  const started = performance.now();
  while ((await queued()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  return Math.round(performance.now() - started) / 1000;
}

/**
 * Asks for every customer's card once, so the server's card cache is as full as it gets
 * before memory is measured: its growth during the run is then the server's, not the cache's.
 */
function fillCardCache(book: Book) {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    amount: book.ids.length,
    headers: { authorization: `Bearer ${book.key}`, 'accept-language': 'en' },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          next += 1;
          return { ...request, path: `/v1/context?email=${emailOf(next - 1)}` };
        },
      },
    ],
  });
}

function run(book: Book, seconds: number, requests = mix(book).map((kind) => kind.request)) {
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${book.key}`, 'accept-language': 'en' },
    requests,
  });
}

/**
 * Each kind of request of the mix alone, ALONE_SECONDS each, on the same server: what it
 * serves of that kind, and the share of the mix's time each kind takes if the kinds cost in
 * the mix what they cost alone (a round sends the card twice).
 */
async function eachAlone(book: Book): Promise<Record<string, number>> {
  const kinds = mix(book);
  const perSecond: Record<string, number> = {};
  for (const kind of kinds) {
    if (kind.name in perSecond) continue;
    const result = await run(book, ALONE_SECONDS, [kind.request]);
    perSecond[kind.name] = Math.round(result.requests.average);
    log(
      `${kind.name} alone: ${perSecond[kind.name]} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
    );
  }
  const cost = (name: string) => 1 / (perSecond[name] as number);
  const round = kinds.reduce((sum, kind) => sum + cost(kind.name), 0);
  const shares = Object.keys(perSecond).map(
    (name) =>
      `${name} ${Math.round((100 * kinds.filter((kind) => kind.name === name).length * cost(name)) / round)}%`,
  );
  log(
    `the mix at each kind's own pace: ${Math.round(kinds.length / round)} req/s; its time by kind: ${shares.join(', ')}`,
  );
  return perSecond;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-bench-load-'));
  try {
    const file = join(dir, 'load.db');
    const book = await seededBook(file, { customers: CUSTOMERS, orders: ORDERS, seed: 11 });
    log(`the server runs ${serverWorkers()} process(es) (BENCH_WORKERS)`);
    const server = await startServer('app-server.ts', [file, String(PORT)]);
    const pid = server.pid as number;
    try {
      const filled = await fillCardCache(book);
      log(`card cache filled: ${filled.requests.total} cards in ${filled.duration} s`);
      const alone = await eachAlone(book);
      await run(book, WARMUP_SECONDS);
      const rssStart = rssMb(pid);
      const result = await run(book, SECONDS);
      const rssEnd = rssMb(pid);
      const left = await queued();
      log(`deferred work queued at the end ${left}, done ${await drainSeconds()} s later`);
      const errors = result.errors + result.timeouts;
      const growth = (rssEnd - rssStart) / rssStart;
      const rps = Math.round(result.requests.average);
      const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
      log(
        `${result.requests.total} requests, ${rps} req/s (target ${TARGETS.rps}: ${verdict(rps >= TARGETS.rps)}), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target ${TARGETS.p99}: ${verdict(result.latency.p99 <= TARGETS.p99)})`,
      );
      log(`errors ${errors}, non-2xx ${result.non2xx}: ${verdict(errors === 0)}`);
      log(
        `RSS ${rssStart} → ${rssEnd} MB (${(growth * 100).toFixed(1)}%), target under ${TARGETS.rssGrowth * 100}%: ${verdict(growth < TARGETS.rssGrowth)}`,
      );
      process.stdout.write(
        `${JSON.stringify({
          bench: 'load',
          requests: result.requests.total,
          errors,
          non2xx_unexpected: result.non2xx,
          rss_start_mb: rssStart,
          rss_end_mb: rssEnd,
          req_per_s: rps,
          p99_ms: result.latency.p99,
          alone_req_per_s: alone,
        })}\n`,
      );
    } finally {
      server.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
