import type { Core, OrderInput, PluginCaller, Role } from '@guanxi/core';
import { planCustomers, type StaffMember } from './demo-customers';
import {
  CHURN_AFTER_DAYS,
  complaintOf,
  type HistoryOptions,
  interactionsOf,
  ordersOf,
  type SeededCustomer,
} from './demo-history';
import { DEMO_TEAMS, type DemoTeam } from './demo-teams';
import { Draw, seededRandom } from './random';

export interface SeedDemoOptions {
  /** A uniform source in [0, 1); the same source gives the same demo. Default: a fixed seed. */
  readonly random?: () => number;
  /** The end of the two years of history. Default: the core's clock. */
  readonly now?: Date;
  /** Default 2,500. */
  readonly customersPerTeam?: number;
}

/** An API key made for a demo user: shown once, so the caller keeps it. */
export interface DemoKey {
  readonly team: string;
  readonly role: Role;
  readonly name: string;
  readonly email: string;
  readonly key: string;
}

export interface DemoTeamSummary {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly customers: number;
  readonly orders: number;
  readonly interactions: number;
  readonly complaints: number;
  readonly churned: number;
}

export interface DemoSeedResult {
  readonly teams: readonly DemoTeamSummary[];
  readonly keys: readonly DemoKey[];
}

const DEMO_SEED = 20_240_601;
const BATCH = 2_000;
const COMPLAINTS_PER_TEAM = 12;
const CHURNED_SHARE_OF_LAPSED = 0.6;
const DAY_MS = 86_400_000;
/**
 * Run after the history is in, when the plugin is installed: the development pipeline (its won
 * opportunities are orders too), the tiers (ranked by revenue), the profile of the top tier the
 * fit scorer compares with, then fit, score and churn.
 */
const DEMO_JOBS = [
  'development:demo',
  'tiering:recompute',
  'development:profile',
  'scoring:fit',
  'scoring:score',
  'winback:detect',
];

/**
 * Two demo teams (华东销售部 in zh-CN and CNY, West Coast Sales in English and USD), each
 * with an admin, a manager, two reps and their API keys, every installed plugin on, and a
 * book of customers with two years of orders, interactions, a few complaints and some
 * churned customers, fitted, scored and tiered.
 */
export async function seedDemo(core: Core, options: SeedDemoOptions = {}): Promise<DemoSeedResult> {
  const draw = new Draw(options.random ?? seededRandom(DEMO_SEED));
  const now = options.now ?? core.clock.now();
  const count = options.customersPerTeam ?? 2_500;
  const teams: DemoTeamSummary[] = [];
  const keys: DemoKey[] = [];
  for (const spec of DEMO_TEAMS) {
    const seeded = await seedTeam(core, draw, spec, { now, count });
    teams.push(seeded.summary);
    keys.push(...seeded.keys);
  }
  return { teams, keys };
}

async function seedTeam(
  core: Core,
  draw: Draw,
  spec: DemoTeam,
  { now, count }: { now: Date; count: number },
): Promise<{ summary: DemoTeamSummary; keys: DemoKey[] }> {
  const team = await core.teams.create({
    name: spec.name,
    slug: spec.slug,
    locale: spec.locale,
    currency: spec.currency,
  });
  const { staff, keys } = await createStaff(core, team.id, spec);
  for (const plugin of core.plugins.list()) {
    await core.plugins.enable(team.id, plugin.id, 'demo-seed');
  }
  if (installed(core, 'development')) {
    await core.plugins.configure(team.id, 'development', developmentConfig(spec), 'demo-seed');
  }
  const plans = planCustomers(draw, {
    count,
    refPrefix: `${spec.slug}-c`,
    culture: spec.culture,
    manager: staff.find((member) => member.role === 'manager') as StaffMember,
    reps: staff.filter((member) => member.role === 'rep'),
  });
  const customers: SeededCustomer[] = [];
  for (let start = 0; start < plans.length; start += BATCH) {
    const batch = plans.slice(start, start + BATCH);
    const created = await core.customers.createMany(
      team.id,
      batch.map((plan) => plan.input),
    );
    created.forEach((customer, index) => {
      customers.push({ id: customer.id, plan: batch[index] as SeededCustomer['plan'] });
    });
  }
  const history: HistoryOptions = { now, culture: spec.culture, medianOrder: spec.medianOrder };
  let sequence = 0;
  const nextId = () => `${spec.slug}-${String(++sequence).padStart(6, '0')}`;
  const orders = customers.flatMap((customer) => ordersOf(draw, customer, history, nextId));
  for (let start = 0; start < orders.length; start += BATCH) {
    await core.orders.record(team.id, orders.slice(start, start + BATCH), { actor: 'demo-seed' });
  }
  const churned = await churnLapsed(core, draw, team.id, orders, { now, spec });
  const complaints = complainers(draw, customers, orders, now).map((customer) =>
    complaintOf(draw, customer, history),
  );
  const service = installed(core, 'service');
  const interactions = [
    ...customers.flatMap((customer) => interactionsOf(draw, customer, history)),
    ...(service ? [] : complaints),
  ];
  for (let start = 0; start < interactions.length; start += BATCH) {
    await core.interactions.log(team.id, interactions.slice(start, start + BATCH));
  }
  const admin: PluginCaller = { actor: 'demo-seed', role: 'admin', locale: spec.locale };
  if (service) {
    for (const complaint of complaints) {
      await callPlugin(core, team.id, 'service', 'openComplaint', admin, {
        customerId: complaint.customerId,
        cause: draw.pick(['product_quality', 'service_attitude', 'other']),
        summary: complaint.summary.replace(/^Complaint: /, ''),
        channel: complaint.channel,
      });
    }
  }
  if (installed(core, 'loyalty')) {
    for (const reward of spec.locale === 'zh-CN' ? REWARDS_ZH : REWARDS_EN) {
      await callPlugin(core, team.id, 'loyalty', 'createReward', admin, reward);
    }
  }
  // The re-scores the orders queued, as a running server would do them, before the jobs.
  await core.deferred.drain({ teamId: team.id });
  const jobs = new Set(core.jobs.list().map((job) => job.name));
  for (const job of DEMO_JOBS.filter((name) => jobs.has(name))) {
    await core.jobs.run(job, { teamId: team.id });
  }
  return {
    summary: {
      id: team.id,
      slug: team.slug,
      name: team.name,
      customers: customers.length,
      orders: orders.length,
      interactions: interactions.length,
      complaints: complaints.length,
      churned,
    },
    keys,
  };
}

const REWARDS_EN = [
  { name: 'Free delivery for a month', cost: 500 },
  { name: 'Gift card 50', cost: 2_000, stock: 100 },
  { name: 'A day of on-site training', cost: 10_000, stock: 10 },
];
const REWARDS_ZH = [
  { name: '一个月免运费', cost: 500 },
  { name: '200元礼品卡', cost: 2_000, stock: 100 },
  { name: '一天上门培训', cost: 10_000, stock: 10 },
];

/**
 * The development plugin reads the demo's own attributes: headcount as size, city as region;
 * the team sells best to its culture's focus industries.
 */
function developmentConfig(spec: DemoTeam) {
  return {
    attributes: { size: 'employees', region: 'city' },
    fit: {
      positioning: {
        industries: spec.culture.focusIndustries,
        sizes: ['small', 'medium', 'large'],
      },
      ownSize: 'medium',
      resemblance: { attributes: ['industry', 'city', 'employees'] },
    },
  };
}

function installed(core: Core, pluginId: string): boolean {
  return core.plugins.list().some((plugin) => plugin.id === pluginId);
}

/** A plugin's own route, as the API would call it; anything but 2xx is an error. */
async function callPlugin(
  core: Core,
  teamId: number,
  pluginId: string,
  operationId: string,
  caller: PluginCaller,
  body: unknown,
): Promise<void> {
  const reply = await core.plugins.serve(teamId, pluginId, operationId, { body }, caller);
  if (reply.status >= 300) {
    throw new Error(
      `demo ${pluginId} ${operationId}: ${reply.status} ${JSON.stringify(reply.body)}`,
    );
  }
}

async function createStaff(
  core: Core,
  teamId: number,
  spec: DemoTeam,
): Promise<{ staff: (StaffMember & { role: Role })[]; keys: DemoKey[] }> {
  const staff: (StaffMember & { role: Role })[] = [];
  const keys: DemoKey[] = [];
  for (const person of spec.staff) {
    const user = await core.users.create({ email: person.email, name: person.name });
    await core.users.setRole(teamId, user.id, person.role);
    const { key } = await core.apiKeys.create(user.id, 'demo key');
    keys.push({ team: spec.slug, role: person.role, name: person.name, email: person.email, key });
    staff.push({ id: user.id, name: person.name, role: person.role });
  }
  return { staff, keys };
}

/** Marks most buyers without an order for CHURN_AFTER_DAYS as churned; the rest stay at risk. */
async function churnLapsed(
  core: Core,
  draw: Draw,
  teamId: number,
  orders: readonly OrderInput[],
  { now, spec }: { now: Date; spec: DemoTeam },
): Promise<number> {
  let churned = 0;
  for (const [customerId, lastOrder] of lastOrders(orders)) {
    const days = (now.getTime() - lastOrder) / DAY_MS;
    if (days < CHURN_AFTER_DAYS || !draw.chance(CHURNED_SHARE_OF_LAPSED)) continue;
    await core.lifecycle.transition(teamId, customerId, {
      to: 'churned',
      reason: spec.culture.churnReason(Math.floor(days / 30)),
      actor: 'demo-seed',
    });
    churned += 1;
  }
  return churned;
}

/** Recent buyers who complain: a few per team. */
function complainers(
  draw: Draw,
  customers: readonly SeededCustomer[],
  orders: readonly OrderInput[],
  now: Date,
): SeededCustomer[] {
  const last = lastOrders(orders);
  const recent = customers.filter(
    (customer) => now.getTime() - (last.get(customer.id) ?? 0) < 180 * DAY_MS,
  );
  if (recent.length === 0) return [];
  return Array.from({ length: COMPLAINTS_PER_TEAM }, () => draw.pick(recent));
}

function lastOrders(orders: readonly OrderInput[]): Map<number, number> {
  const last = new Map<number, number>();
  for (const order of orders) {
    const time = Date.parse(order.placedAt);
    if (time > (last.get(order.customerId) ?? 0)) last.set(order.customerId, time);
  }
  return last;
}
