import { createLogger, serverConfigFromEnv, startServer } from '@guanxi/server';
import { serveForBench } from './support';

/**
 * The real server as `guanxi serve` runs it (API, deferred work, webhook deliveries) over an
 * existing database file (`app-server.ts FILE PORT`), its rate limit out of the way.
 */
const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) throw new Error('usage: app-server.ts FILE PORT');
await serveForBench(() =>
  startServer({
    config: {
      ...serverConfigFromEnv({}),
      databaseUrl: file,
      port: Number(port),
      rateLimit: { perMinute: 100_000_000, burst: 1_000_000 },
    },
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
    handleSignals: false,
  }),
);
