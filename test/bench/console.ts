import { performance } from 'node:perf_hooks';
import type { Core, Dialect } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';
import { createTestCore } from '@guanxi/testing';
import { log, pick, seededRandom, sizeFromEnv } from './support';

/**
 * The console at 100,000 customers: a book seeded through the core with every bundled plugin
 * on (owners, relationship stages, companies, orders, interactions, a tiering recompute),
 * then the console's list (each filter, sort, search and a deep page), its CSV download and
 * a customer's page, each requested through the app in this process with a manager's
 * session and timed end to end: query and HTML. `BENCH_DIALECTS=sqlite,postgres` adds
 * PostgreSQL (GUANXI_TEST_DATABASE_URL names the server).
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 200_000);
const RUNS = sizeFromEnv('BENCH_RUNS', 15);
const BATCH = 5_000;
/** A page a manager waits on longer than this is reported as over budget. */
const BUDGET_MS = 300;
const FIRST_ORDER_AT = Date.parse('2023-06-01T00:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 86_400_000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', 'Lin', 'Chen', 'Wang', 'Zhou'];
const RELATIONSHIPS = ['awareness', 'interest', 'emotion'] as const;
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite').split(',') as Dialect[];

interface Book {
  readonly teamId: number;
  readonly managerKey: string;
  readonly repId: number;
  readonly customer: number;
  readonly company: number;
}

async function seed(core: Core): Promise<Book> {
  const team = await core.teams.create({ name: 'Bench', slug: 'bench', locale: 'en' });
  for (const plugin of core.installed) await core.plugins.enable(team.id, plugin.id, 'bench');
  const manager = await core.users.create({ email: 'manager@bench.test', name: 'Manager' });
  await core.users.setRole(team.id, manager.id, 'manager');
  const reps: number[] = [];
  for (let i = 0; i < 10; i++) {
    const rep = await core.users.create({ email: `rep${i}@bench.test`, name: `Rep ${i}` });
    await core.users.setRole(team.id, rep.id, 'rep');
    reps.push(rep.id);
  }
  const random = seededRandom(20250601);
  const companies = await core.customers.createMany(
    team.id,
    Array.from({ length: 500 }, (_, i) => ({
      kind: 'company' as const,
      name: `公司 ${i} Trading`,
      domains: [`company${i}.bench.test`],
    })),
  );
  const ids: number[] = [];
  for (let start = 0; start < CUSTOMERS - companies.length; start += BATCH) {
    const count = Math.min(BATCH, CUSTOMERS - companies.length - start);
    const created = await core.customers.createMany(
      team.id,
      Array.from({ length: count }, (_, i) => {
        const n = start + i;
        return {
          kind: 'person' as const,
          name: `${pick(SURNAMES, random)} ${n}`,
          // An e-mail at a company's domain links the person to it.
          emails: [`p${n}@company${n % companies.length}.bench.test`],
          ownerUserId: pick(reps, random),
          relationshipStage: pick(RELATIONSHIPS, random),
        };
      }),
    );
    ids.push(...created.map((customer) => customer.id));
  }
  log(`customers: ${ids.length + companies.length}`);
  for (let start = 0; start < ORDERS; start += BATCH) {
    const count = Math.min(BATCH, ORDERS - start);
    await core.orders.record(
      team.id,
      Array.from({ length: count }, (_, i) => ({
        customerId: pick(ids, random),
        amount: 100 + Math.floor(random() * 99_900),
        placedAt: new Date(FIRST_ORDER_AT + Math.floor(random() * TWO_YEARS_MS)).toISOString(),
        externalId: `o${start + i}`,
      })),
    );
    if ((start + count) % 50_000 === 0) log(`orders: ${start + count}`);
  }
  const customer = ids[42] as number;
  await core.interactions.log(
    team.id,
    Array.from({ length: 30 }, (_, i) => ({
      customerId: customer,
      channel: 'phone' as const,
      direction: 'outbound' as const,
      summary: `Call ${i}`,
      occurredAt: new Date(FIRST_ORDER_AT + i * 86_400_000).toISOString(),
      actor: 'bench',
    })),
  );
  await core.jobs.run('tiering:recompute', { teamId: team.id });
  log('tiers recomputed');
  const key = await core.apiKeys.create(manager.id, 'bench');
  return {
    teamId: team.id,
    managerKey: key.key,
    repId: reps[0] as number,
    customer,
    company: (companies[0] as { id: number }).id,
  };
}

interface Figure {
  readonly medianMs: number;
  readonly p95Ms: number;
}

function figure(times: number[]): Figure {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { medianMs: Math.round(at(0.5) * 10) / 10, p95Ms: Math.round(at(0.95) * 10) / 10 };
}

async function measure(dialect: Dialect): Promise<Record<string, Figure>> {
  // A test core: a SQLite file, or a schema of its own on the test server, dropped after.
  const t = await createTestCore({
    dialect,
    plugins: await bundledPlugins(),
    now: new Date().toISOString(),
    hookTimeoutMs: 120_000,
  });
  const { core } = t;
  try {
    const book = await seed(core);
    const { app } = createApp(core);
    const principal = await core.apiKeys.authenticate(book.managerKey);
    if (principal === undefined) throw new Error('no manager');
    const { token } = await core.sessions.create(principal, { absoluteMs: 24 * 3_600_000 });
    const cookie = `gx_session=${token}`;
    const list = `/admin/teams/${book.teamId}/customers`;
    const get = async (path: string) => {
      const res = await app.request(path, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return res.text();
    };
    // A cursor deep in the list: the 50th page by name.
    let deep = `${list}?sort=name`;
    for (let page = 0; page < 50; page++) {
      const next = /<a href="([^"]+)" rel="next">/.exec(await get(deep))?.[1];
      if (next === undefined) break;
      deep = next.replaceAll('&amp;', '&');
    }
    const pages: Record<string, string> = {
      'list: by name': `${list}`,
      'list: by revenue': `${list}?sort=revenue`,
      'list: by last order': `${list}?sort=last-order`,
      'list: newest': `${list}?sort=created`,
      'list: 50th page by name': deep,
      'list: stage active': `${list}?stage=active`,
      'list: owner': `${list}?owner=${book.repId}`,
      'list: relationship': `${list}?relationship=emotion`,
      'list: last order in May 2024': `${list}?from=2024-05-01&to=2024-05-31`,
      'list: tier secondary (plugin filter)': `${list}?tiering.tier=secondary`,
      'list: tier + stage by revenue': `${list}?tiering.tier=normal&stage=active&sort=revenue`,
      'list: search a name': `${list}?q=${encodeURIComponent('王 4242')}`,
      'list: search an e-mail': `${list}?q=p31337`,
      'list: search a company': `${list}?q=${encodeURIComponent('公司 17 ')}`,
      'customer page': `/admin/teams/${book.teamId}/customers/${book.customer}`,
      'company page': `/admin/teams/${book.teamId}/customers/${book.company}`,
      overview: `/admin/teams/${book.teamId}`,
      'pyramid page': `/admin/teams/${book.teamId}/plugins/tiering/pyramid`,
    };
    const results: Record<string, Figure> = {};
    for (const [name, path] of Object.entries(pages)) {
      await get(path);
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await get(path);
        times.push(performance.now() - started);
      }
      results[name] = figure(times);
      const over = results[name].medianMs > BUDGET_MS ? ` (over ${BUDGET_MS} ms)` : '';
      log(
        `${dialect} ${name}: median ${results[name].medianMs} ms, p95 ${results[name].p95Ms} ms${over}`,
      );
    }
    const started = performance.now();
    const csv = await get(`${list}/export?sort=revenue`);
    const rows = csv.trim().split('\r\n').length - 1;
    results['CSV of the whole list'] = figure([performance.now() - started]);
    log(
      `${dialect} CSV of the whole list: ${rows} rows in ${results['CSV of the whole list'].medianMs} ms`,
    );
    return results;
  } finally {
    await t.destroy();
  }
}

const results: Record<string, Record<string, Figure>> = {};
for (const dialect of DIALECTS) results[dialect] = await measure(dialect);
console.log(
  JSON.stringify({
    customers: CUSTOMERS,
    orders: ORDERS,
    runs: RUNS,
    budgetMs: BUDGET_MS,
    results,
  }),
);
