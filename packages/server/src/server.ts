import type { AddressInfo } from 'node:net';
import { type AnyPlugin, type Core, createCore, openDatabase } from '@guanxi/core';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app';
import { bundledPlugins } from './bundled-plugins';
import { CardKeeper } from './cards/card-keeper';
import { resolveServerConfig, type ServerConfig } from './config/server-options';
import { DeferredWorker } from './deferred/deferred-worker';
import { createLogger } from './logger';
import { DeliveryWorker } from './webhooks/delivery-worker';
import { urlOf, workerIndex } from './worker-pool';

export type { ServerConfig };

export interface StartServerOptions {
  /** Default: from the environment, see serverConfigFromEnv. */
  readonly config?: ServerConfig;
  /** Default: the bundled plugins the project in the working directory has installed. */
  readonly plugins?: readonly AnyPlugin[];
  readonly logger?: Logger;
  /** Close gracefully on SIGINT and SIGTERM. Default true. */
  readonly handleSignals?: boolean;
  /** How long in-flight requests get to finish on close before their connections are cut. */
  readonly graceMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly core: Core;
  /** Stops accepting connections, lets in-flight requests finish, then closes the core. */
  close(): Promise<void>;
}

/**
 * HOST, PORT, DATABASE_URL, GUANXI_CORS_ORIGINS (comma-separated), GUANXI_CARD_REFRESH_MS,
 * GUANXI_HOOK_TIMEOUT_MS, GUANXI_WORKERS, GUANXI_RATE_LIMIT_PER_MINUTE,
 * GUANXI_RATE_LIMIT_BURST, GUANXI_WEBHOOK_ALLOW_PRIVATE, and the console's
 * GUANXI_SESSION_IDLE_MINUTES, GUANXI_SESSION_HOURS and GUANXI_CONSOLE_ORIGINS
 * (comma-separated), with defaults.
 */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return resolveServerConfig(env);
}

/**
 * Opens the database, builds the core (migrating it), serves the API, sends webhook
 * deliveries, runs plugins' deferred work and keeps customer cards ready until closed.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config = options.config ?? serverConfigFromEnv();
  const logger = options.logger ?? createLogger();
  const plugins = options.plugins ?? (await bundledPlugins());
  const database = openDatabase({
    url: config.databaseUrl,
    backgroundCheckpoints: true,
    mapWhileQuiet: true,
    onCheckpointError: (message) => logger.warn({ error: message }, 'background checkpoint failed'),
  });
  const core = await createCore({
    database,
    plugins,
    logger,
    hookTimeoutMs: config.hookTimeoutMs,
    webhooks: { allowPrivateTargets: config.webhookAllowPrivate ?? false },
  }).catch(async (error: unknown) => {
    await database.destroy();
    throw error;
  });
  const { app } = createApp(core, {
    logger,
    corsOrigins: config.corsOrigins,
    rateLimit: config.rateLimit,
    ...(config.console === undefined ? {} : { console: config.console }),
  });
  const { server, address } = await listen(app.fetch, config).catch(async (error: unknown) => {
    await core.close();
    throw error;
  });
  const url = urlOf(address);
  const index = workerIndex();
  const workers: Worker[] = [new DeliveryWorker({ core, logger })];
  if (runsDeferredWork(core.dialect, index)) workers.push(new DeferredWorker({ core, logger }));
  // Cards kept ready by one process are ready for all: only the first of a pool keeps them.
  const cardRefreshMs = config.cardRefreshMs ?? 0;
  if (cardRefreshMs > 0 && index === 0) {
    workers.push(new CardKeeper({ core, logger, intervalMs: cardRefreshMs }));
  }
  for (const worker of workers) worker.start();
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    stopWatching();
    closing ??= shutdown(server, workers, core, options.graceMs ?? 10_000);
    return closing;
  };
  const stopWatching = options.handleSignals === false ? () => {} : closeOnSignals(close, logger);
  logger.info(
    { url, dialect: core.dialect, plugins: core.installed.map((p) => p.id) },
    `listening on ${url}`,
  );
  return { url, core, close };
}

/**
 * Whether this server process runs deferred work. On PostgreSQL every process does, working
 * different teams' and plugins' queues at once. On SQLite every run holds the file's one write
 * lock, so a second process running them would only contend with the first and with the
 * writes both serve: only the first process of a pool does (the pool starts it again if it
 * exits).
 */
export function runsDeferredWork(dialect: Core['dialect'], index: number): boolean {
  return dialect === 'postgres' || index === 0;
}

type HttpServer = ReturnType<typeof serve>;

/** Work a server does beside answering requests, until it closes. */
interface Worker {
  start(): void;
  stop(): Promise<void>;
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  config: ServerConfig,
): Promise<{ server: HttpServer; address: AddressInfo }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: config.host, port: config.port }, (address) =>
      resolve({ server, address }),
    );
    server.once('error', reject);
  });
}

async function shutdown(
  server: HttpServer,
  workers: readonly Worker[],
  core: Core,
  graceMs: number,
): Promise<void> {
  const cutOff = setTimeout(() => {
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, graceMs);
  cutOff.unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(cutOff);
  await Promise.all(workers.map((worker) => worker.stop()));
  await core.close();
}

/** Closes on SIGINT or SIGTERM; returns how to stop watching for them. */
function closeOnSignals(close: () => Promise<void>, logger: Logger): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    close().then(
      () => logger.info('stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
