import { Hono } from 'hono';
import { listen, serveForBench } from './support';

/** The baseline: a bare Hono JSON route on the same path: `bare-server.ts PORT`. */
const port = Number(process.argv[2]);
const app = new Hono().get('/v1/context', (c) => c.json({ email: c.req.query('email') ?? null }));
await serveForBench(() => listen(app.fetch, port));
