import { bundled, defineConfig } from '@guanxi/server';
import myPlugin from './plugins/scorer';

export default defineConfig({
  // The bundled plugins, then this project's own. Leave one out with
  // bundled({ except: ['example-scorer'] }).
  plugins: [...bundled(), myPlugin],
  // A SQLite file beside this config, or postgres://…; DATABASE_URL wins when it is set.
  database: '.data/guanxi.db',
  // Server options: host, port, corsOrigins, workers, hookTimeoutMs, cardRefreshMs,
  // rateLimit. HOST, PORT and the other environment variables win when they are set.
  server: { port: 3000 },
});
