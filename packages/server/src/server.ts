import type { AddressInfo } from 'node:net';
import {
  type AnyPlugin,
  type Core,
  createCore,
  DEFAULT_DATABASE_FILE,
  GuanxiError,
  openDatabase,
} from '@guanxi/core';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import type { ConsoleOptions } from './admin/options';
import { createApp } from './app';
import { bundledPlugins } from './bundled-plugins';
import { CardKeeper } from './cards/card-keeper';
import { createLogger } from './logger';
import { DeliveryWorker } from './webhooks/delivery-worker';
import { urlOf } from './worker-pool';

export interface ServerConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** A SQLite file path or `postgres://…`. */
  readonly databaseUrl: string;
  /** Origins allowed to call the API from a browser, such as the extension's. */
  readonly corsOrigins: readonly string[];
  /**
   * Pause between two passes of keeping customer cards ready in the background; 0 (the
   * default) leaves cards to be built on their first request and by `guanxi cards refresh`.
   */
  readonly cardRefreshMs?: number;
  /**
   * How long one plugin hook handler may take before its work is rolled back and recorded
   * for replay. Default 2000; large import batches on a slow machine may want more.
   */
  readonly hookTimeoutMs?: number;
  /**
   * How many server processes answer on the port (`guanxi serve` runs them as a worker
   * pool). Default 1: this process alone.
   */
  readonly workers?: number;
  /** The console's session limits and the form origins it allows besides its own. */
  readonly console?: ConsoleOptions;
}

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
 * GUANXI_HOOK_TIMEOUT_MS, GUANXI_WORKERS, and the console's GUANXI_SESSION_IDLE_MINUTES,
 * GUANXI_SESSION_HOURS and GUANXI_CONSOLE_ORIGINS (comma-separated), with defaults.
 */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const idleMinutes = parseWhole(
    'GUANXI_SESSION_IDLE_MINUTES',
    env.GUANXI_SESSION_IDLE_MINUTES || '30',
    1,
    'minutes',
  );
  const hours = parseWhole('GUANXI_SESSION_HOURS', env.GUANXI_SESSION_HOURS || '8', 1, 'hours');
  return {
    host: env.HOST || '127.0.0.1',
    port: parsePort(env.PORT || '3000'),
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_FILE,
    corsOrigins: commaList(env.GUANXI_CORS_ORIGINS),
    cardRefreshMs: parseWhole(
      'GUANXI_CARD_REFRESH_MS',
      env.GUANXI_CARD_REFRESH_MS || '0',
      0,
      'milliseconds',
    ),
    hookTimeoutMs: parseWhole(
      'GUANXI_HOOK_TIMEOUT_MS',
      env.GUANXI_HOOK_TIMEOUT_MS || '2000',
      1,
      'milliseconds',
    ),
    workers: parseWorkers(env.GUANXI_WORKERS || '1'),
    console: {
      sessions: { idleMs: idleMinutes * 60_000, absoluteMs: hours * 3_600_000 },
      origins: commaList(env.GUANXI_CONSOLE_ORIGINS),
    },
  };
}

function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Opens the database, builds the core (migrating it), serves the API, sends webhook
 * deliveries and keeps customer cards ready until closed.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const config = options.config ?? serverConfigFromEnv();
  const logger = options.logger ?? createLogger();
  const plugins = options.plugins ?? (await bundledPlugins());
  const database = openDatabase({ url: config.databaseUrl });
  const core = await createCore({
    database,
    plugins,
    logger,
    hookTimeoutMs: config.hookTimeoutMs,
  }).catch(async (error: unknown) => {
    await database.destroy();
    throw error;
  });
  const { app } = createApp(core, {
    logger,
    corsOrigins: config.corsOrigins,
    ...(config.console === undefined ? {} : { console: config.console }),
  });
  const { server, address } = await listen(app.fetch, config).catch(async (error: unknown) => {
    await core.close();
    throw error;
  });
  const url = urlOf(address);
  const workers: Worker[] = [new DeliveryWorker({ core, logger })];
  const cardRefreshMs = config.cardRefreshMs ?? 0;
  if (cardRefreshMs > 0) workers.push(new CardKeeper({ core, logger, intervalMs: cardRefreshMs }));
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

/** More server processes than this would only contend for the same database. */
const MAX_WORKERS = 64;

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

function parseWhole(name: string, text: string, least: number, unit: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < least) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${name} must be ${unit}, not "${text}"`, {
      issues: [{ path: name, message: `must be a whole number of ${unit}, ${least} or more` }],
    });
  }
  return count;
}

function parseWorkers(text: string): number {
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new GuanxiError('GX_ERR_VALIDATION', `GUANXI_WORKERS must be a count, not "${text}"`, {
      issues: [
        { path: 'GUANXI_WORKERS', message: `must be a whole number from 1 to ${MAX_WORKERS}` },
      ],
    });
  }
  return workers;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new GuanxiError('GX_ERR_VALIDATION', `PORT must be a port number, not "${text}"`, {
      issues: [{ path: 'PORT', message: 'must be an integer from 0 to 65535' }],
    });
  }
  return port;
}
