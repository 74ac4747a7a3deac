import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { listen, serveForBench } from './support';

/**
 * The floor for the write benchmark: an order written to the same database file by raw
 * prepared statements (the order, then its customer's facts, in one transaction) behind a
 * bare Hono route, with no key, rate limit, validation, hooks or plugins
 * (`floor-writes-server.ts FILE PORT`). No server that has to do those can be faster, so it
 * tells what this machine's SQLite and HTTP allow at all.
 */
const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) {
  throw new Error('usage: floor-writes-server.ts FILE PORT');
}
await serveForBench(async () => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('mmap_size = 1073741824');
  const insert = db.prepare(
    `insert into orders (team_id, customer_id, external_id, amount, cost, currency, placed_at, created_at)
     values (?, ?, ?, ?, null, 'USD', ?, ?) returning id`,
  );
  const facts = db.prepare(
    `update customer_facts set order_count = order_count + 1, revenue = revenue + ?,
       last_order_at = max(coalesce(last_order_at, ''), ?), version = version + 1
     where customer_id = ?`,
  );
  const record = db.transaction(
    (
      teamId: number,
      order: { customerId: number; amount: number; placedAt: string; externalId: string },
    ) => {
      const now = new Date().toISOString();
      const { id } = insert.get(
        teamId,
        order.customerId,
        order.externalId,
        order.amount,
        order.placedAt,
        now,
      ) as { id: number };
      facts.run(order.amount, order.placedAt, order.customerId);
      return id;
    },
  );
  const app = new Hono().post('/v1/teams/:teamId/orders', async (c) => {
    const order = await c.req.json();
    const id = record.immediate(Number(c.req.param('teamId')), order);
    return c.json({ order: { id, ...order } }, 201);
  });
  return listen(app.fetch, Number(port), () => db.close());
});
