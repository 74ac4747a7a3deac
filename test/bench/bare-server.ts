import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serveForBench } from './support';

/** The baseline: a bare Hono JSON route on the same path: `bare-server.ts PORT`. */
const port = Number(process.argv[2]);
const app = new Hono().get('/v1/context', (c) => c.json({ email: c.req.query('email') ?? null }));
await serveForBench(
  () =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
        resolve({ close: () => new Promise((closed) => server.close(() => closed())) }),
      );
    }),
);
