import cluster from 'node:cluster';
import { project } from './cli/project';
import { withCore } from './cli/with-core';
import { createLogger } from './logger';
import { startServer } from './server';
import { runAsWorker, startWorkerPool, workerIndex } from './worker-pool';

/**
 * `guanxi serve`: one server in this process, or with GUANXI_WORKERS above 1, a pool of
 * worker processes on the same port. The primary migrates the database before the workers
 * open it; what each worker runs in the background is `startServer`'s to decide. Resolves with
 * the exit code once serving is set up (one process) or the pool has stopped.
 */
export async function serveProject(): Promise<number> {
  const { server: config, plugins } = await project();
  const workers = config.workers ?? 1;
  if (workers === 1) {
    await startServer({ config, plugins });
    return 0;
  }
  if (cluster.isWorker) {
    const logger = createLogger().child({ worker: workerIndex() });
    await runAsWorker(() => startServer({ config, plugins, logger, handleSignals: false }), logger);
    return 0;
  }
  // Opening the core migrates it, once, before any worker opens the database.
  await withCore(async () => {});
  const logger = createLogger();
  const pool = await startWorkerPool({ workers, logger });
  logger.info(
    { url: pool.url, pids: pool.pids() },
    `listening on ${pool.url} with ${workers} workers`,
  );
  return pool.stopped;
}
