import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { listen, serveForBench } from './support';

/**
 * The floor for the context route: the same stored card from the same database file, read
 * by one raw prepared statement along the same path (identity, facts, team, card) and sent
 * with no key, rate limit, validation, version check or language (`floor-server.ts FILE
 * PORT`). No server that has to do those can be faster, so it tells what share of the gap
 * to the bare route is the card itself on this machine.
 */
const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) throw new Error('usage: floor-server.ts FILE PORT');
await serveForBench(async () => {
  const db = new Database(file, { readonly: true });
  db.pragma('mmap_size = 1073741824');
  db.pragma('cache_size = -65536');
  const { id: teamId } = db.prepare('select min(id) as id from teams').get() as { id: number };
  const card = db
    .prepare(
      `select c.body from customer_identities i
         join customer_facts f on f.customer_id = i.customer_id
         join teams t on t.id = i.team_id
         join customer_cards c on c.customer_id = i.customer_id and c.locale = 'en'
       where i.team_id = ? and i.kind = 'email' and i.value = ?`,
    )
    .pluck();
  const app = new Hono().get('/v1/context', (c) => {
    const body = card.get(teamId, c.req.query('email')) as string | undefined;
    if (body === undefined) return c.json({ error: 'no such customer' }, 404);
    c.header('Content-Type', 'application/json');
    return c.body(`{"teamId":${teamId},"match":"exact","card":${body}}`);
  });
  return listen(app.fetch, Number(port), () => db.close());
});
