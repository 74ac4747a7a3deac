import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { listen, serveForBench } from './support';

/**
 * The floors for the write benchmark (`floor-writes-server.ts FILE PORT [plugins]`): an order
 * written to the same database file by raw prepared statements, one transaction an order,
 * behind a bare Hono route, with no key, rate limit, validation, hooks or plugins. Alone, the
 * order and its customer's facts: no server that has to do more can be faster, so it tells
 * what this machine's SQLite and HTTP allow at all. With `plugins`, also the rows the bundled
 * plugins keep for an order, each written as plainly as SQL allows and nothing read or
 * computed: the purchase day, the points' lot and the account's balance, the customer's five
 * scores and their value in the pyramid. That is the floor of an order with every plugin on.
 */
const [file, port, mode] = process.argv.slice(2);
if (file === undefined || port === undefined || (mode !== undefined && mode !== 'plugins')) {
  throw new Error('usage: floor-writes-server.ts FILE PORT [plugins]');
}

interface Order {
  readonly customerId: number;
  readonly amount: number;
  readonly placedAt: string;
  readonly externalId: string;
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
  const pluginRows = mode === 'plugins' ? pluginWrites(db) : undefined;
  const record = db.transaction((teamId: number, order: Order) => {
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
    pluginRows?.(teamId, id, order, now);
    return id;
  });
  const app = new Hono().post('/v1/teams/:teamId/orders', async (c) => {
    const order = await c.req.json();
    const id = record.immediate(Number(c.req.param('teamId')), order);
    return c.json({ order: { id, ...order } }, 201);
  });
  return listen(app.fetch, Number(port), () => db.close());
});

/** The bundled plugins' rows for one order, as raw statements; the scorers are the file's. */
function pluginWrites(db: Database.Database) {
  const scorers = (
    db.prepare('select distinct scorer from scoring_scores order by scorer').all() as {
      scorer: string;
    }[]
  ).map((row) => row.scorer);
  const purchaseDay = db.prepare(
    `insert into scoring_purchase_days (team_id, customer_id, day, amount) values (?, ?, ?, ?)
     on conflict (team_id, customer_id, day) do update set amount = amount + excluded.amount`,
  );
  const lot = db.prepare(
    `insert into loyalty_ledger (team_id, customer_id, kind, points, amount, order_id, expires_at, actor, at, remaining)
     values (?, ?, 'earn', ?, ?, ?, ?, 'floor', ?, ?)`,
  );
  const account = db.prepare(
    `insert into loyalty_accounts (team_id, customer_id, balance, level, earned, spend)
     values (?, ?, ?, 'member', ?, ?)
     on conflict (team_id, customer_id) do update set balance = balance + excluded.balance,
       earned = earned + excluded.earned, spend = spend + excluded.spend`,
  );
  const score = db.prepare(
    `insert into scoring_scores (customer_id, scorer, team_id, version, value, reasons, scored_at)
     values (?, ?, ?, '1', ?, '[]', ?)
     on conflict (customer_id, scorer) do update set value = excluded.value, scored_at = excluded.scored_at`,
  );
  const value = db.prepare(
    `update tiering_values set value = value + ?, order_count = order_count + 1,
       last_order_at = ?, updated_at = ?
     where customer_id = ? and team_id = ?`,
  );
  return (teamId: number, orderId: number, order: Order, now: string) => {
    const points = Math.floor(order.amount / 100);
    // Points lapse at a midnight a year on, so a day's lots share their expiry.
    const lapses = `${new Date(Date.parse(now) + 365 * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`;
    purchaseDay.run(teamId, order.customerId, order.placedAt.slice(0, 10), order.amount);
    lot.run(teamId, order.customerId, points, order.amount, orderId, lapses, now, points);
    account.run(teamId, order.customerId, points, points, order.amount);
    for (const scorer of scorers) score.run(order.customerId, scorer, teamId, Math.random(), now);
    value.run(order.amount, order.placedAt, now, order.customerId, teamId);
  };
}
