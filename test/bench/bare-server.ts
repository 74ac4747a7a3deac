import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** The baseline: a bare Hono JSON route on the same path: `bare-server.ts PORT`. */
const port = Number(process.argv[2]);
const app = new Hono().get('/v1/context', (c) => c.json({ email: c.req.query('email') ?? null }));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => {
  process.stdout.write('ready\n');
});
