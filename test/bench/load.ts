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
  sizeFromEnv,
  startServer,
} from './support';

/**
 * `pnpm bench load`: the real server on a SQLite file with every bundled plugin on, under
 * 50 connections of mixed reads and writes (context cards, customer reads and searches,
 * orders, interactions) for 60 s, after every customer's card has been asked for once and a
 * 30 s warm-up. Reports errors, unexpected statuses and the server's resident memory at the
 * start and end of the measured run.
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 20_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 200_000);
const SECONDS = sizeFromEnv('BENCH_SECONDS', 60);
const WARMUP_SECONDS = 30;
const CONNECTIONS = 50;
const PORT = 38_103;
const RSS_GROWTH_TARGET = 0.1;

/** External ids of the orders the load writes, unique across the warm-up and the run. */
let written = 0;
const nextOrder = () => {
  written += 1;
  return `load-${written}`;
};

/** One round of each connection: two card lookups, a read, a search and two writes. */
function mix(book: Book): Request[] {
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
  return [
    get(() => `/v1/context?email=${emailOf(index())}`),
    json(`${base}/orders`, () => ({
      customerId: id(),
      amount: 100 + Math.floor(random() * 50_000),
      placedAt: new Date().toISOString(),
      externalId: nextOrder(),
    })),
    get(() => `${base}/customers/${id()}`),
    get(() => `/v1/context?email=${emailOf(index())}`),
    json(`${base}/interactions`, () => ({
      customerId: id(),
      channel: 'phone',
      direction: 'outbound',
      summary: 'Followed up on the last order',
      occurredAt: new Date().toISOString(),
    })),
    get(() => `${base}/customers?q=Customer%20${Math.floor(random() * 1_000)}`),
  ];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
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

function run(book: Book, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${book.key}`, 'accept-language': 'en' },
    requests: mix(book),
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-bench-load-'));
  try {
    const file = join(dir, 'load.db');
    const book = await seededBook(file, { customers: CUSTOMERS, orders: ORDERS, seed: 11 });
    const server = await startServer('app-server.ts', [file, String(PORT)]);
    const pid = server.pid as number;
    try {
      const filled = await fillCardCache(book);
      log(`card cache filled: ${filled.requests.total} cards in ${filled.duration} s`);
      await run(book, WARMUP_SECONDS);
      const rssStart = rssMb(pid);
      const result = await run(book, SECONDS);
      const rssEnd = rssMb(pid);
      const errors = result.errors + result.timeouts;
      const growth = (rssEnd - rssStart) / rssStart;
      log(
        `${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`,
      );
      log(`errors ${errors}, non-2xx ${result.non2xx}: ${errors === 0 ? 'met' : 'MISSED'}`);
      log(
        `RSS ${rssStart} → ${rssEnd} MB (${(growth * 100).toFixed(1)}%), target under ${RSS_GROWTH_TARGET * 100}%: ${growth < RSS_GROWTH_TARGET ? 'met' : 'MISSED'}`,
      );
      process.stdout.write(
        `${JSON.stringify({
          bench: 'load',
          requests: result.requests.total,
          errors,
          non2xx_unexpected: result.non2xx,
          rss_start_mb: rssStart,
          rss_end_mb: rssEnd,
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
