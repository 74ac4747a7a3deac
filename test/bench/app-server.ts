import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';
import { listen, serveForBench } from './support';

/** The real server over an existing database file (`app-server.ts FILE PORT`), its rate limit out of the way. */
const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) throw new Error('usage: app-server.ts FILE PORT');
await serveForBench(async () => {
  const core = await createCore({
    database: openDatabase({ url: file }),
    plugins: await bundledPlugins(),
  });
  const { app } = createApp(core, { rateLimit: { perMinute: 100_000_000, burst: 1_000_000 } });
  return listen(app.fetch, Number(port), () => core.close());
});
