import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';
import { serve } from '@hono/node-server';
import { serveForBench } from './support';

/** The real server over an existing database file (`app-server.ts FILE PORT`), its rate limit out of the way. */
const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) throw new Error('usage: app-server.ts FILE PORT');
await serveForBench(async () => {
  const core = await createCore({ database: openDatabase({ url: file }), plugins: bundledPlugins });
  const { app } = createApp(core, { rateLimit: { perMinute: 100_000_000, burst: 1_000_000 } });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () =>
      resolve({
        close: async () => {
          await new Promise((closed) => server.close(closed));
          await core.close();
        },
      }),
    );
  });
});
