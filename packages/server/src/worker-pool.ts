import cluster, { type Address, type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** The message the primary sends a worker to close gracefully. */
const STOP = 'guanxi:stop';
const INDEX_VARIABLE = 'GUANXI_WORKER_INDEX';

export interface WorkerPoolOptions {
  /** How many server processes to run, each answering on the same port. */
  readonly workers: number;
  readonly logger: Logger;
  /**
   * A worker that dies sooner than this after starting is not replaced: the pool stops
   * instead of restarting a worker that cannot start. Default 5000 ms.
   */
  readonly minUptimeMs?: number;
  /** How long workers get to close gracefully before they are killed. Default 15000 ms. */
  readonly stopMs?: number;
  /** Stop the pool on SIGINT and SIGTERM. Default true. */
  readonly handleSignals?: boolean;
}

export interface WorkerPool {
  /** Where the workers listen, from the first worker to listen. */
  readonly url: string;
  /** The live worker processes' ids. */
  pids(): number[];
  /** Asks every worker to close gracefully; resolves when all have exited. */
  close(): Promise<void>;
  /** Resolves when the pool has stopped, with 0 if it was closed and 1 if a worker could not start. */
  readonly stopped: Promise<number>;
}

/** Something a worker runs until asked to close, such as a started server. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * In the primary process: forks `workers` copies of this program as cluster workers, each
 * expected to call `runAsWorker`, and keeps that many running, replacing one that dies.
 * Node's cluster module hands incoming connections to the workers in turn, so a server on
 * SQLite or PostgreSQL uses every core for requests. Resolves once every worker listens.
 */
export function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const { logger, workers: count } = options;
  const minUptimeMs = options.minUptimeMs ?? 5000;
  const live = new Map<number, { worker: Worker; startedAt: number }>();
  let stopping = false;
  let exitCode = 0;
  let settleStopped: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => {
    settleStopped = resolve;
  });

  const stop = (): Promise<void> => {
    if (!stopping) {
      stopping = true;
      logger.info({ workers: live.size }, 'stopping: workers finish their requests');
      const kill = setTimeout(() => {
        for (const { worker } of live.values()) worker.process.kill('SIGKILL');
      }, options.stopMs ?? 15_000);
      kill.unref();
      stopped.then((code) => {
        clearTimeout(kill);
        logger.info({ code }, 'every worker stopped');
      });
      for (const { worker } of live.values()) if (worker.isConnected()) worker.send(STOP);
      if (live.size === 0) settleStopped(exitCode);
    }
    return stopped.then(() => undefined);
  };

  const fork = (index: number) => {
    const worker = cluster.fork({ [INDEX_VARIABLE]: String(index) });
    live.set(index, { worker, startedAt: Date.now() });
    // Such as a stop sent just as the worker's channel closed: its exit follows.
    worker.on('error', (error) =>
      logger.warn({ err: error, worker: index }, 'worker channel error'),
    );
    worker.on('exit', (code, signal) => {
      const uptime = Date.now() - (live.get(index)?.startedAt ?? 0);
      live.delete(index);
      if (stopping) {
        if (live.size === 0) settleStopped(exitCode);
        return;
      }
      const died = { worker: index, workerPid: worker.process.pid, code, signal, uptimeMs: uptime };
      if (uptime < minUptimeMs) {
        logger.error(died, 'worker stopped right after starting; stopping every worker');
        exitCode = 1;
        void stop();
        return;
      }
      logger.error(died, 'worker stopped; starting another in its place');
      fork(index);
    });
  };

  return new Promise((resolve, reject) => {
    let listening = 0;
    let url = '';
    const onListening = (worker: Worker, address: Address) => {
      if (url === '') url = urlOf(address);
      listening += 1;
      if (listening === count) {
        cluster.off('listening', onListening);
        resolve({
          url,
          pids: () => [...live.values()].flatMap(({ worker }) => worker.process.pid ?? []),
          close: stop,
          stopped,
        });
      }
      logger.debug({ pid: worker.process.pid }, 'worker listening');
    };
    cluster.on('listening', onListening);
    stopped.then((code) => {
      cluster.off('listening', onListening);
      reject(new Error(`the worker pool stopped before every worker listened (exit code ${code})`));
    });
    if (options.handleSignals !== false) {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      stopped.then(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      });
    }
    for (let index = 0; index < count; index += 1) fork(index);
  });
}

/**
 * In a worker: starts what it serves and closes it when the primary asks, when the primary
 * is gone, or on SIGTERM sent to this worker alone. SIGINT from a terminal reaches the whole
 * process group: the primary handles it for everyone.
 */
export async function runAsWorker(
  start: (index: number) => Promise<Closable>,
  logger: Logger,
): Promise<void> {
  // Listening from the start: a stop asked for while starting closes once started.
  const starting = start(workerIndex());
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= starting
      .then(
        (running) => running.close(),
        () => undefined,
      )
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      })
      .finally(() => {
        if (process.connected) process.disconnect();
      });
    return closing;
  };
  process.on('message', (message) => {
    if (message === STOP) void close();
  });
  process.once('disconnect', () => void close());
  process.once('SIGTERM', () => void close());
  process.on('SIGINT', () => {});
  await starting.catch((error: unknown) => {
    // Without its channel to the primary, a worker that could not start can exit.
    if (process.connected) process.disconnect();
    throw error;
  });
}

/** This worker's place in the pool, from 0; 0 outside a pool. */
export function workerIndex(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env[INDEX_VARIABLE] ?? 0);
}

/** The URL of a listening address, an IPv6 one in brackets. */
export function urlOf(address: { address: string; port: number }): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
