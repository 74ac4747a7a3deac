import { bundledPlugins } from '@guanxi/server';
import {
  around,
  type FuzzRoute,
  runsOn,
  type TestApp,
  testDialects,
  timeoutFor,
} from '@guanxi/testing';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Fixture, fuzzRouteInTeam, openFuzzApp } from './fuzz-kit';

const bundled = await bundledPlugins();

/**
 * Fuzzes every route the bundled plugins serve under /v1/teams/<team>/plugins/<id>/ as
 * fuzz.test.ts does the API's (GUANXI_FUZZ_RUNS cases per route). The plugins document no
 * schemas, so each route is listed here with the query parameters it reads and bodies it
 * accepts; a test checks the list against the routes the plugins' Hono apps serve.
 */

type Entry = Pick<FuzzRoute<Fixture>, 'params' | 'query' | 'bodies'>;

const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
const day = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2026-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const customer = (f: Fixture) => fc.constantFrom(...f.customers);
const order = (f: Fixture) => fc.constantFrom(...f.orders);
const flag = fc.constantFrom('true', 'false');
const customerQuery = (f: Fixture) => customer(f).map(String);
/** A loyalty reward's fields; a new reward needs `name` and `cost`, a change none. */
const reward = (requiredKeys: ('name' | 'cost')[]) =>
  fc.record(
    {
      name: text(30),
      cost: fc.integer({ min: 1, max: 10_000 }),
      stock: fc.option(fc.nat(20)),
      active: fc.boolean(),
    },
    { requiredKeys },
  );
/** Win-back's churn routes are about the customer who churned. */
const churned = (f: Fixture) => ({ customerId: f.churned });

/** Each plugin route, `METHOD /<plugin><path>`: what it reads and bodies it accepts. */
const PLUGIN_ROUTES: Readonly<Record<string, Entry>> = {
  'POST /example-scorer/payments': {
    bodies: (f) =>
      around(
        fc.record({
          payments: fc.array(
            fc.record({
              customerId: customer(f),
              invoiceRef: text(20),
              amount: fc.nat(),
              dueAt: day,
              paidAt: fc.option(day),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      ),
  },
  'POST /example-scorer/discounts': {
    bodies: (f) =>
      around(
        fc.record({
          discounts: fc.array(
            fc.record({
              customerId: customer(f),
              orderRef: text(20),
              amount: fc.nat(),
              grantedAt: day,
            }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      ),
  },
  'POST /service/complaints': {
    bodies: (f) =>
      around(
        fc.record(
          {
            customerId: customer(f),
            cause: fc.constantFrom('product_quality', 'service_attitude', 'deception', 'other'),
            summary: text(100),
            channel: fc.constantFrom('email', 'phone', 'visit', 'other'),
          },
          { requiredKeys: ['customerId', 'cause', 'summary'] },
        ),
      ),
  },
  'GET /service/complaints': {
    query: (f) => ({
      customerId: customerQuery(f),
      open: flag,
      limit: fc.integer({ min: 1, max: 200 }).map(String),
      after: fc.nat(100).map(String),
    }),
  },
  'GET /service/complaints/{id}': {},
  'POST /service/complaints/{id}/steps': {
    bodies: () =>
      around(
        fc.oneof(
          fc.record({ to: fc.constant('recorded'), valid: fc.boolean(), note: text(50) }),
          fc.record({ to: fc.constant('remedy_proposed'), remedy: text(50) }),
          fc.record(
            {
              to: fc.constantFrom('remedy_accepted', 'followed_up', 'closed'),
              note: text(50),
            },
            { requiredKeys: ['to'] },
          ),
        ),
      ),
  },
  'POST /service/surveys': {
    bodies: (f) =>
      around(
        fc.record(
          {
            customerId: customer(f),
            kind: fc.constant('csat'),
            score: fc.integer({ min: 1, max: 5 }),
            items: fc.record(
              { trust: fc.integer({ min: 1, max: 5 }), friendship: fc.integer({ min: 1, max: 5 }) },
              { requiredKeys: [] },
            ),
            byName: fc.boolean(),
            needsMet: fc.integer({ min: 0, max: 100 }),
            walletShare: fc.integer({ min: 0, max: 100 }),
            answeredAt: day,
          },
          { requiredKeys: ['customerId', 'kind', 'score'] },
        ),
      ),
  },
  'GET /service/measures': { query: (f) => ({ customerId: customerQuery(f) }) },
  'POST /winback/signals': {
    bodies: (f) =>
      around(
        fc.record(
          {
            customerId: customer(f),
            kind: fc.constantFrom('payment_failure', 'rival_offer', 'moved', 'fraud'),
            note: text(50),
          },
          { requiredKeys: ['customerId', 'kind'] },
        ),
      ),
  },
  'GET /winback/customers/{customerId}/kind': { params: churned },
  'PUT /winback/customers/{customerId}/kind': {
    params: churned,
    bodies: () =>
      around(
        fc.record({
          kind: fc.constantFrom('natural', 'competitive', 'fault', 'malicious'),
          reason: text(50),
        }),
      ),
  },
  'GET /winback/playbooks': { query: (f) => ({ customerId: customerQuery(f), open: flag }) },
  'GET /winback/playbooks/{playbookId}': {},
  'POST /winback/playbooks/{playbookId}/steps/{stepNo}/done': {
    bodies: () => around(fc.record({ note: text(50) }, { requiredKeys: [] })),
  },
  'GET /winback/report': {},
  'GET /scoring/backtest': {},
  'GET /loyalty/rewards': { query: () => ({ all: flag }) },
  'POST /loyalty/rewards': { bodies: () => around(reward(['name', 'cost'])) },
  'PATCH /loyalty/rewards/{rewardId}': { bodies: () => around(reward([])) },
  'POST /loyalty/redemptions': {
    bodies: (f) =>
      around(
        fc.record({
          customerId: customer(f),
          rewardId: fc.constant(Number(f.path.rewardId)),
          idempotencyKey: text(20),
        }),
      ),
  },
  'POST /loyalty/refunds': { bodies: (f) => around(fc.record({ orderId: order(f) })) },
  'POST /loyalty/bonuses': {
    bodies: (f) =>
      around(
        fc.record({
          customerId: customer(f),
          kind: fc.constantFrom('referral', 'birthday'),
          reference: text(20),
        }),
      ),
  },
  'POST /loyalty/adjustments': {
    bodies: (f) =>
      around(
        fc.record({
          customerId: customer(f),
          points: fc.integer({ min: -500, max: 500 }).filter((points) => points !== 0),
          reason: text(50),
        }),
      ),
  },
  'POST /loyalty/orders/{orderId}/discount': {
    bodies: () => around(fc.record({ discounted: fc.boolean() }, { requiredKeys: [] })),
  },
  'POST /loyalty/attitudes': {
    bodies: (f) =>
      around(
        fc.record(
          {
            customerId: customer(f),
            score: fc.integer({ min: 1, max: 5 }),
            choosingDays: fc.integer({ min: 0, max: 3650 }),
            competitors: fc.integer({ min: 1, max: 5 }),
            qualityTolerance: fc.integer({ min: 1, max: 5 }),
          },
          { requiredKeys: ['customerId', 'score'] },
        ),
      ),
  },
  'GET /loyalty/customers/{customerId}': {},
};

/** Every route the bundled plugins' Hono apps serve, `METHOD /<plugin><path>`. */
const served = bundled.flatMap((plugin) =>
  plugin.routes instanceof Hono
    ? plugin.routes.routes.map(
        (route) => `${route.method} /${plugin.id}${route.path.replace(/:(\w+)/g, '{$1}')}`,
      )
    : [],
);

/** The entry as the fuzzer sends it, with the mount's plugin id a path parameter too. */
function fuzzRouteOf(key: string, entry: Entry): FuzzRoute<Fixture> {
  const [method = '', path = ''] = key.split(' ');
  const [, pluginId = '', rest = ''] = /^\/([^/]+)(.*)$/.exec(path) ?? [];
  return {
    ...entry,
    method,
    path: `/v1/teams/{teamId}/plugins/{pluginId}${rest}`,
    params: (f) => ({ ...entry.params?.(f), pluginId }),
  };
}

test('every route a bundled plugin serves is fuzzed, and only those', () => {
  for (const plugin of bundled) {
    if (plugin.routes !== undefined) expect(plugin.routes, plugin.id).toBeInstanceOf(Hono);
  }
  expect(Object.keys(PLUGIN_ROUTES).sort()).toEqual([...new Set(served)].sort());
});

describe.each(testDialects())('fuzzing every bundled plugin route on %s', (dialect) => {
  let a: TestApp;
  beforeAll(async () => {
    a = await openFuzzApp(dialect);
  });
  afterAll(() => a.destroy());

  test.each(Object.entries(PLUGIN_ROUTES))(
    '%s: no 5xx, every 4xx a problem, and a refused request or a GET changes nothing',
    (key, entry) => fuzzRouteInTeam(a, fuzzRouteOf(key, entry), runsOn(dialect)),
    timeoutFor(runsOn(dialect)),
  );
});
