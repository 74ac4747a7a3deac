import { Agent, request } from 'node:http';

/**
 * A paced, open-loop sender: one request every 1/`rate` s on a fixed schedule, whether or not
 * earlier ones were answered, each timed from when the schedule meant it to start. A request
 * the server (or a busy connection) keeps waiting therefore counts its wait, which a closed
 * loop, or autocannon's `overallRate` (a second's quota sent at once, then a pause), hides.
 */

export interface PacedOptions {
  /** e.g. http://127.0.0.1:38104 */
  readonly url: string;
  readonly rate: number;
  readonly seconds: number;
  /** Keep-alive connections at most; a request waits for a free one, and the wait counts. */
  readonly connections: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The next request: method, path and, for a write, its JSON body. */
  readonly next: () => { readonly method: string; readonly path: string; readonly body?: string };
}

export interface PacedResult {
  readonly sent: number;
  /** Answered requests a second over the schedule's length. */
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Requests that failed or had no answer within 10 s. */
  readonly errors: number;
  readonly non2xx: number;
}

const TIMEOUT_MS = 10_000;

/** The value at quantile `q` of sorted latencies (nearest rank), to 0.1 ms. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 10) / 10;
}

export async function paced(options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;

  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { method, path, body } = options.next();
      const headers: Record<string, string> = { ...options.headers };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const req = request(
        { agent, host: target.hostname, port: target.port, method, path, headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if ((res.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timed out')));
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });

  const replies: Promise<void>[] = [];
  const start = performance.now() + 10;
  await new Promise<void>((finish) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        replies.push(send(start + next * interval));
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - now));
      else finish();
    };
    setTimeout(tick, 10);
  });
  await Promise.all(replies);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent: total,
    perSecond: Math.round(latencies.length / options.seconds),
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: quantile(sorted, 1),
    errors,
    non2xx,
  };
}
