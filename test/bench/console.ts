import { performance } from 'node:perf_hooks';
import { type Core, chunked, type Dialect } from '@guanxi/core';
import { bundledPlugins, createApp } from '@guanxi/server';
import { callPluginRoute, createTestCore, type ManualClock } from '@guanxi/testing';
import { type Kysely, sql } from 'kysely';
import { seedReportData } from './report-data';
import { log, pick, seededRandom, sizeFromEnv } from './support';

/**
 * The console at 100,000 customers: a book seeded through the core with every bundled plugin
 * on (owners, relationship stages, companies, orders, interactions, a tiering recompute;
 * for the reports complaints, surveys, attitude surveys, discount flags and churns through the
 * plugins' routes; for the queues open complaints, churned customers with their win-back
 * playbooks, the at-risk list, rewards and redemptions), then the console's list (each
 * filter, sort, search and a deep page), its CSV download, a customer's page, the plugins'
 * queues and worklists and every report over a year, each requested through the app in this
 * process with a manager's session and timed end to end: query and HTML.
 * `BENCH_DIALECTS=sqlite,postgres` adds PostgreSQL (GUANXI_TEST_DATABASE_URL names the server).
 */

const CUSTOMERS = sizeFromEnv('BENCH_CUSTOMERS', 100_000);
const ORDERS = sizeFromEnv('BENCH_ORDERS', 200_000);
/** Open complaints, churned customers (each with a playbook), customers at risk, redemptions. */
const COMPLAINTS = sizeFromEnv('BENCH_COMPLAINTS', 2_000);
const CHURNED = sizeFromEnv('BENCH_CHURNED', 2_000);
const AT_RISK = sizeFromEnv('BENCH_AT_RISK', 20_000);
const REDEMPTIONS = sizeFromEnv('BENCH_REDEMPTIONS', 1_000);
const RUNS = sizeFromEnv('BENCH_RUNS', 15);
const REPORT_DATA = {
  complaints: sizeFromEnv('BENCH_REPORT_COMPLAINTS', 3_000),
  surveys: sizeFromEnv('BENCH_SURVEYS', 10_000),
  attitudes: sizeFromEnv('BENCH_ATTITUDES', 5_000),
  discounts: sizeFromEnv('BENCH_DISCOUNTS', 10_000),
  churns: sizeFromEnv('BENCH_REPORT_CHURNS', 2_000),
};
const BATCH = 5_000;
/** A page a manager waits on longer than this is reported as over budget. */
const BUDGET_MS = 300;
const FIRST_ORDER_AT = Date.parse('2023-06-01T00:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 86_400_000;
/** The reports read the last of the two years of orders. */
const REPORT_RANGE = 'from=2024-06-01&to=2025-05-31';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', 'Lin', 'Chen', 'Wang', 'Zhou'];
const RELATIONSHIPS = ['awareness', 'interest', 'emotion'] as const;
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite').split(',') as Dialect[];

/** Every report, by the name the figures give it. */
const REPORTS = [
  ['complaints', 'service/complaints-report'],
  ['relationship quality', 'service/relationship-quality'],
  ['churn', 'winback/churn-report'],
  ['win-back', 'winback/winback-report'],
  ['loyalty', 'loyalty/loyalty-report'],
  ['satisfaction', 'reports/satisfaction'],
  ['satisfaction × loyalty', 'reports/satisfaction-loyalty'],
  ['retention', 'reports/retention'],
  ['each rep’s figures', 'reports/rep-figures'],
] as const;

interface Book {
  readonly teamId: number;
  readonly managerKey: string;
  readonly repKey: string;
  readonly repId: number;
  readonly customer: number;
  readonly company: number;
  readonly complaint: number;
}

/** A plugin's route, called as the manager would through the API. */
async function callPlugin(
  core: Core,
  teamId: number,
  managerId: number,
  path: string,
  body: unknown,
): Promise<Response> {
  const [plugin, ...rest] = path.split('/');
  return callPluginRoute(core, teamId, plugin as string, 'POST', `/${rest.join('/')}`, body, {
    actor: `user:${managerId}`,
    role: 'manager',
    locale: 'en',
  });
}

/**
 * What the plugins' queues hold: open complaints, churned customers (win-back opens each a
 * playbook), rewards and redemptions through the plugins' own routes; and the at-risk list,
 * written as a detection run would leave it (a detection over the whole book would churn
 * most of it, the orders being up to three years old).
 */
async function seedQueues(
  core: Core,
  teamId: number,
  managerId: number,
  ids: readonly number[],
  random: () => number,
): Promise<number> {
  const causes = ['product_quality', 'service_attitude', 'deception', 'other'];
  let complaint = 0;
  for (let i = 0; i < COMPLAINTS; i++) {
    const res = await callPlugin(core, teamId, managerId, 'service/complaints', {
      customerId: pick(ids, random),
      cause: pick(causes, random),
      summary: `Complaint ${i}`,
    });
    complaint = ((await res.json()) as { id: number }).id;
  }
  log(`complaints: ${COMPLAINTS}`);
  for (const customerId of ids.slice(1_000, 1_000 + CHURNED)) {
    await core.lifecycle.transition(teamId, customerId, {
      to: 'churned',
      reason: 'stopped buying',
      actor: `user:${managerId}`,
    });
  }
  log(`churned: ${CHURNED}`);
  const at = new Date().toISOString();
  const rules = ['median_gap', 'one_order'] as const;
  // Active customers after the churned ones.
  const atRisk = ids.slice(1_000 + CHURNED, 1_000 + CHURNED + AT_RISK);
  for (const chunk of chunked(atRisk, 500)) {
    // biome-ignore lint/suspicious/noExplicitAny: the win-back plugin's table, written as its detection would
    await (core.db as Kysely<any>)
      .insertInto('winback_at_risk')
      .values(
        chunk.map((customerId) => ({
          team_id: teamId,
          customer_id: customerId,
          tier: 1 + Math.floor(random() * 4),
          rule: pick(rules, random),
          p_alive: null,
          days_since: 60 + Math.floor(random() * 120),
          threshold_days: 180,
          run: 1,
          assessed_at: at,
          checked_at: null,
          checked_by: null,
        })),
      )
      .execute();
  }
  log(`at risk: ${atRisk.length}`);
  const rewards: number[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await callPlugin(core, teamId, managerId, 'loyalty/rewards', {
      name: `Reward ${i}`,
      cost: 10 + i,
    });
    rewards.push(((await res.json()) as { reward: { id: number } }).reward.id);
  }
  // Members with points to spend: the points of the oldest orders have lapsed.
  // biome-ignore lint/suspicious/noExplicitAny: the loyalty plugin's table, read for the set-up
  const members = await (core.db as Kysely<any>)
    .selectFrom('loyalty_accounts')
    .select('customer_id')
    .where('team_id', '=', teamId)
    .where('balance', '>=', 30)
    .orderBy('customer_id')
    .limit(REDEMPTIONS)
    .execute();
  for (const [i, member] of members.entries()) {
    const res = await callPlugin(core, teamId, managerId, 'loyalty/redemptions', {
      customerId: Number(member.customer_id),
      rewardId: pick(rewards, random),
      idempotencyKey: `bench-${i}`,
    });
    if (res.status !== 201) throw new Error(`redemption: ${res.status}`);
  }
  log(`redemptions: ${members.length}`);
  return complaint;
}

async function seed(core: Core, clock: ManualClock): Promise<Book> {
  const team = await core.teams.create({ name: 'Bench', slug: 'bench', locale: 'en' });
  for (const plugin of core.installed) await core.plugins.enable(team.id, plugin.id, 'bench');
  // Points lapse 20 days after they are earned: every point of the book within the month the
  // redemptions page looks ahead, the most its expiries can have to add up.
  await core.plugins.configure(team.id, 'loyalty', { expiryDays: 20 }, 'bench');
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
  const orderIds: number[] = [];
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
    const { recorded } = await core.orders.record(
      team.id,
      Array.from({ length: count }, (_, i) => ({
        customerId: pick(ids, random),
        amount: 100 + Math.floor(random() * 99_900),
        placedAt: new Date(FIRST_ORDER_AT + Math.floor(random() * TWO_YEARS_MS)).toISOString(),
        externalId: `o${start + i}`,
      })),
    );
    orderIds.push(...recorded.map((order) => order.id));
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
  // The reports' churns come from the customers the queues leave alone.
  const spare = ids.slice(1_000 + CHURNED + AT_RISK);
  const churns = Math.min(REPORT_DATA.churns, Math.floor(spare.length / 7));
  await seedReportData(
    core,
    clock,
    team.id,
    spare,
    orderIds,
    { ...REPORT_DATA, churns },
    FIRST_ORDER_AT + TWO_YEARS_MS,
    random,
  );
  const complaint = await seedQueues(core, team.id, manager.id, ids, random);
  const key = await core.apiKeys.create(manager.id, 'bench');
  const repKey = await core.apiKeys.create(reps[0] as number, 'bench');
  return {
    teamId: team.id,
    managerKey: key.key,
    repKey: repKey.key,
    repId: reps[0] as number,
    customer,
    company: (companies[0] as { id: number }).id,
    complaint,
  };
}

/**
 * PostgreSQL after a bulk load, as autovacuum leaves it soon after: every table of the test's
 * schema vacuumed (so index-only scans need not visit the rows) and analysed.
 */
async function settle(core: Core): Promise<void> {
  const { rows } = await sql<{ name: string }>`select quote_ident(schemaname) || '.' ||
    quote_ident(tablename) as name from pg_tables where schemaname = current_schema()`.execute(
    core.db,
  );
  for (const { name } of rows) await sql`vacuum analyze ${sql.raw(name)}`.execute(core.db);
  log(`vacuumed and analysed ${rows.length} tables`);
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
    const book = await seed(core, t.clock);
    if (dialect === 'postgres') await settle(core);
    const { app } = createApp(core);
    const sessionOf = async (key: string) => {
      const principal = await core.apiKeys.authenticate(key);
      if (principal === undefined) throw new Error('no such key');
      const { token } = await core.sessions.create(principal, { absoluteMs: 24 * 3_600_000 });
      return `gx_session=${token}`;
    };
    const cookie = await sessionOf(book.managerKey);
    const repCookie = await sessionOf(book.repKey);
    const list = `/admin/teams/${book.teamId}/customers`;
    const plugins = `/admin/teams/${book.teamId}/plugins`;
    // A page asked for as a rep ends in `#rep`, which the bench takes off before asking.
    const get = async (address: string) => {
      const rep = address.endsWith('#rep');
      const path = rep ? address.slice(0, -'#rep'.length) : address;
      const res = await app.request(path, { headers: { cookie: rep ? repCookie : cookie } });
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
      'tier movements': `${plugins}/tiering/movements`,
      'tier movements: small to normal': `${plugins}/tiering/movements?from=small&to=normal`,
      'complaint queue': `${plugins}/service/complaints`,
      'complaint queue: key tier, by cause': `${plugins}/service/complaints?tier=secondary&cause=other`,
      "complaint queue: a rep's": `${plugins}/service/complaints#rep`,
      'a complaint': `${plugins}/service/complaint?id=${book.complaint}`,
      'win-back worklist': `${plugins}/winback/worklist`,
      'win-back worklist: normal tier': `${plugins}/winback/worklist?tier=normal`,
      "win-back worklist: a rep's": `${plugins}/winback/worklist#rep`,
      'rewards catalogue': `${plugins}/loyalty/rewards`,
      'members by level': `${plugins}/loyalty/members`,
      'members of one level': `${plugins}/loyalty/members?level=silver`,
      'redemptions and expiries': `${plugins}/loyalty/redemptions`,
      ...Object.fromEntries(
        REPORTS.map(([name, page]) => [
          `report: ${name}`,
          `/admin/teams/${book.teamId}/plugins/${page}?${REPORT_RANGE}`,
        ]),
      ),
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
    reportData: REPORT_DATA,
    runs: RUNS,
    budgetMs: BUDGET_MS,
    results,
  }),
);
