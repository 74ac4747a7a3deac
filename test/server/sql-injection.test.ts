import { definePlugin } from '@guanxi/core';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import {
  createTestApp,
  defined,
  documentOperations,
  expectInvalid,
  expectJson,
  type JsonSchema,
  snapshot,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';

const bundled = await bundledPlugins();

/**
 * SQL in every string field of every write route is data: a free-text field stores it
 * verbatim and a formatted one (an e-mail, an enum, a time) refuses it; either way it runs
 * nothing, drops nothing and changes no more rows than a plain value does.
 */

const PAYLOADS = [
  "'; drop table customers; --",
  '" or 1=1 --',
  "\\'; select pg_sleep(5); --",
  "Robert'); delete from orders where ('1'='1",
  "' union select hash from api_keys --",
  "%' or name like '%",
  '$$; drop table teams; $$',
  "1; update api_keys set revoked_at = null where '1'='1",
  '?; drop table users; ?',
  '`; drop table team_members; `',
];

interface Request {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly body: Record<string, unknown>;
}

interface Fixture {
  readonly teamId: number;
  readonly customerId: number;
  readonly memberId: number;
  readonly rewardId: number;
  /** An order that earned loyalty points. */
  readonly orderId: number;
  unique(prefix: string): string;
  /** A phone number no customer has yet. */
  phone(): string;
  /** A day no order has been placed on yet. */
  day(): string;
  customer(): Promise<number>;
  complaint(): Promise<number>;
  churned(): Promise<{ customerId: number; playbookId: number }>;
}

/** A plugin with one free-text setting, to send SQL through PUT /plugins/{pluginId}. */
const labelled = definePlugin({
  id: 'labelled',
  version: '1.0.0',
  configSchema: z.strictObject({ label: z.string().max(500).default('') }),
});

/** A valid request for each write route: what a payload is put into, one field at a time. */
const BASES: Readonly<Record<string, (f: Fixture) => Request | Promise<Request>>> = {
  'POST /v1/teams': (f) => ({ body: { name: 'Team', slug: f.unique('team') } }),
  'PATCH /v1/teams/{teamId}': () => ({ body: { name: 'Team A' } }),
  'POST /v1/teams/{teamId}/members': (f) => ({
    body: { email: `${f.unique('m')}@guanxi.test`, name: 'Member', role: 'rep' },
  }),
  'PUT /v1/teams/{teamId}/members/{userId}': (f) => ({
    params: { userId: f.memberId },
    body: { role: 'manager' },
  }),
  'POST /v1/teams/{teamId}/members/{userId}/keys': (f) => ({
    params: { userId: f.memberId },
    body: { name: 'CLI' },
  }),
  'POST /v1/teams/{teamId}/customers': (f) => ({ body: customer(f) }),
  'POST /v1/teams/{teamId}/customers/batch': (f) => ({ body: { customers: [customer(f)] } }),
  'PATCH /v1/teams/{teamId}/customers/{customerId}': async (f) => ({
    params: { customerId: await f.customer() },
    body: {
      name: 'Renamed',
      externalRef: f.unique('ref'),
      relationshipStage: 'interest',
      attributes: { note: { value: 'v', source: 'sales_rep' } },
    },
  }),
  'POST /v1/teams/{teamId}/customers/{customerId}/identities': async (f) => ({
    params: { customerId: await f.customer() },
    body: {
      emails: [`${f.unique('e')}@guanxi.test`],
      domains: [`${f.unique('d')}.cn`],
      phones: [f.phone()],
    },
  }),
  'POST /v1/teams/{teamId}/customers/{customerId}/transitions': async (f) => ({
    params: { customerId: await f.customer() },
    body: { to: 'target', reason: 'qualified' },
  }),
  'POST /v1/teams/{teamId}/orders': (f) => ({ body: order(f) }),
  'POST /v1/teams/{teamId}/orders/batch': (f) => ({ body: { orders: [order(f)] } }),
  'POST /v1/teams/{teamId}/interactions': (f) => ({
    body: {
      customerId: f.customerId,
      channel: 'visit',
      direction: 'outbound',
      summary: 'Dropped by',
      occurredAt: '2024-01-01',
      actor: 'user:1',
    },
  }),
  'PUT /v1/teams/{teamId}/plugins/{pluginId}': () => ({
    params: { pluginId: 'labelled' },
    body: { config: { label: 'plain' } },
  }),
  'POST /v1/teams/{teamId}/webhooks': () => ({
    body: { url: 'https://crm.example.cn/in', events: ['customer:created'] },
  }),
  'POST /v1/teams/{teamId}/plugins/service/complaints': async (f) => ({
    body: { customerId: await f.customer(), cause: 'other', summary: 'Late delivery' },
  }),
  'POST /v1/teams/{teamId}/plugins/service/complaints/{id}/steps': async (f) => ({
    params: { id: await f.complaint() },
    body: { to: 'recorded', valid: true, note: 'checked' },
  }),
  'POST /v1/teams/{teamId}/plugins/winback/signals': (f) => ({
    body: { customerId: f.customerId, kind: 'moved', note: 'moved away' },
  }),
  'PUT /v1/teams/{teamId}/plugins/winback/customers/{customerId}/kind': async (f) => ({
    params: { customerId: (await f.churned()).customerId },
    body: { kind: 'competitive', reason: 'a rival' },
  }),
  'POST /v1/teams/{teamId}/plugins/winback/playbooks/{playbookId}/steps/{stepNo}/done': async (
    f,
  ) => ({
    params: { playbookId: (await f.churned()).playbookId, stepNo: 1 },
    body: { note: 'called' },
  }),
  'POST /v1/teams/{teamId}/plugins/loyalty/rewards': () => ({ body: { name: 'Mug', cost: 1 } }),
  'PATCH /v1/teams/{teamId}/plugins/loyalty/rewards/{rewardId}': (f) => ({
    params: { rewardId: f.rewardId },
    body: { name: 'Cup' },
  }),
  'POST /v1/teams/{teamId}/plugins/loyalty/adjustments': (f) => ({
    body: { customerId: f.customerId, points: 1, reason: 'goodwill' },
  }),
  'POST /v1/teams/{teamId}/plugins/loyalty/bonuses': (f) => ({
    body: { customerId: f.customerId, kind: 'birthday', reference: f.unique('year') },
  }),
  'POST /v1/teams/{teamId}/plugins/loyalty/redemptions': (f) => ({
    body: { customerId: f.customerId, rewardId: f.rewardId, idempotencyKey: f.unique('r') },
  }),
  'POST /v1/teams/{teamId}/plugins/loyalty/refunds': (f) => ({ body: { orderId: f.orderId } }),
  'POST /v1/teams/{teamId}/plugins/loyalty/orders/{orderId}/discount': (f) => ({
    params: { orderId: f.orderId },
    body: { discounted: true },
  }),
  'POST /v1/teams/{teamId}/plugins/loyalty/attitudes': (f) => ({
    body: { customerId: f.customerId, score: 4 },
  }),
  'POST /v1/teams/{teamId}/plugins/service/surveys': (f) => ({
    body: { customerId: f.customerId, kind: 'csat', score: 4 },
  }),
  'POST /v1/teams/{teamId}/plugins/example-scorer/payments': (f) => ({
    body: {
      payments: [
        {
          customerId: f.customerId,
          invoiceRef: f.unique('inv'),
          amount: 100,
          dueAt: '2024-03-10',
        },
      ],
    },
  }),
  'POST /v1/teams/{teamId}/plugins/example-scorer/discounts': (f) => ({
    body: {
      discounts: [
        {
          customerId: f.customerId,
          orderRef: f.unique('ord'),
          amount: 100,
          grantedAt: '2024-03-01',
        },
      ],
    },
  }),
};

function customer(f: Fixture) {
  return {
    kind: 'company',
    name: 'Acme',
    stage: 'potential',
    relationshipStage: 'awareness',
    externalRef: f.unique('ref'),
    emails: [`${f.unique('e')}@acme.cn`],
    domains: [`${f.unique('d')}.cn`],
    phones: [f.phone()],
    attributes: { note: { value: 'v', source: 'sales_rep' } },
  };
}

function order(f: Fixture) {
  return {
    customerId: f.customerId,
    amount: 100,
    currency: 'CNY',
    placedAt: f.day(),
    externalId: f.unique('o'),
  };
}

/** How a column holds the text: as it is, inside JSON as a string, or as the plugin words it. */
type Stored = 'json' | ((text: string) => string);

/** Free-text fields: route, field path in the body, and the column that stores the text. */
const TEXT: readonly (readonly [string, string, string, Stored?])[] = [
  ['POST /v1/teams', 'name', 'teams.name'],
  ['PATCH /v1/teams/{teamId}', 'name', 'teams.name'],
  ['POST /v1/teams/{teamId}/members', 'name', 'users.name'],
  ['POST /v1/teams/{teamId}/members/{userId}/keys', 'name', 'api_keys.name'],
  ['POST /v1/teams/{teamId}/customers', 'name', 'customers.name'],
  ['POST /v1/teams/{teamId}/customers', 'externalRef', 'customers.external_ref'],
  ['POST /v1/teams/{teamId}/customers', 'attributes.note.value', 'customers.attributes', 'json'],
  ['POST /v1/teams/{teamId}/customers/batch', 'customers.0.name', 'customers.name'],
  ['POST /v1/teams/{teamId}/customers/batch', 'customers.0.externalRef', 'customers.external_ref'],
  [
    'POST /v1/teams/{teamId}/customers/batch',
    'customers.0.attributes.note.value',
    'customers.attributes',
    'json',
  ],
  ['PATCH /v1/teams/{teamId}/customers/{customerId}', 'name', 'customers.name'],
  ['PATCH /v1/teams/{teamId}/customers/{customerId}', 'externalRef', 'customers.external_ref'],
  [
    'PATCH /v1/teams/{teamId}/customers/{customerId}',
    'attributes.note.value',
    'customers.attributes',
    'json',
  ],
  ['POST /v1/teams/{teamId}/customers/{customerId}/transitions', 'reason', 'stage_events.reason'],
  ['POST /v1/teams/{teamId}/orders', 'externalId', 'orders.external_id'],
  ['POST /v1/teams/{teamId}/orders/batch', 'orders.0.externalId', 'orders.external_id'],
  ['POST /v1/teams/{teamId}/interactions', 'summary', 'interactions.summary'],
  ['POST /v1/teams/{teamId}/interactions', 'actor', 'interactions.actor'],
  ['PUT /v1/teams/{teamId}/plugins/{pluginId}', 'config.label', 'plugin_settings.config', 'json'],
  ['POST /v1/teams/{teamId}/plugins/service/complaints', 'summary', 'service_complaints.summary'],
  [
    'POST /v1/teams/{teamId}/plugins/service/complaints/{id}/steps',
    'note',
    'service_complaint_steps.note',
  ],
  ['POST /v1/teams/{teamId}/plugins/winback/signals', 'note', 'winback_signals.note'],
  [
    'PUT /v1/teams/{teamId}/plugins/winback/customers/{customerId}/kind',
    'reason',
    'winback_kind_changes.reason',
  ],
  [
    'POST /v1/teams/{teamId}/plugins/winback/playbooks/{playbookId}/steps/{stepNo}/done',
    'note',
    'winback_steps.note',
  ],
  ['POST /v1/teams/{teamId}/plugins/loyalty/rewards', 'name', 'loyalty_rewards.name'],
  ['PATCH /v1/teams/{teamId}/plugins/loyalty/rewards/{rewardId}', 'name', 'loyalty_rewards.name'],
  ['POST /v1/teams/{teamId}/plugins/loyalty/adjustments', 'reason', 'loyalty_ledger.note'],
  [
    'POST /v1/teams/{teamId}/plugins/loyalty/bonuses',
    'reference',
    'loyalty_ledger.reference',
    (text) => `bonus:birthday:${text}`,
  ],
  [
    'POST /v1/teams/{teamId}/plugins/loyalty/redemptions',
    'idempotencyKey',
    'loyalty_redemptions.idempotency_key',
  ],
  [
    'POST /v1/teams/{teamId}/plugins/example-scorer/payments',
    'payments.0.invoiceRef',
    'example_scorer_payments.invoice_ref',
  ],
  [
    'POST /v1/teams/{teamId}/plugins/example-scorer/discounts',
    'discounts.0.orderRef',
    'example_scorer_discounts.order_ref',
  ],
];

/** Whether the schema allows values of the type; OpenAPI 3.1 writes a nullable one as a list. */
const allows = (schema: JsonSchema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** The paths of every string a body of this schema can hold; a record's values under `note`. */
function stringPaths(schema: JsonSchema, path: string[] = []): string[] {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return [...new Set(variants.flatMap((v) => stringPaths(v, path)))];
  if (allows(schema, 'string')) return [path.join('.')];
  if (allows(schema, 'array')) return stringPaths(schema.items ?? {}, [...path, '0']);
  if (!allows(schema, 'object')) return [];
  const named = Object.entries(schema.properties ?? {}).flatMap(([name, field]) =>
    stringPaths(field, [...path, name]),
  );
  const values = schema.additionalProperties;
  return typeof values === 'object' ? [...named, ...stringPaths(values, [...path, 'note'])] : named;
}

/** A copy of the body with the value at `path` (dots; array indexes as numbers) replaced. */
function withValue(body: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1) as string] = value;
  return copy;
}

/** Rows of the table whose column holds the text as `form` says. */
async function rowsHolding(a: TestApp, stored: string, text: string, form?: Stored) {
  const [table = '', column = ''] = stored.split('.');
  const ref = sql.ref(column);
  const quoted = JSON.stringify(text);
  const match =
    form !== 'json'
      ? sql`${ref} = ${form === undefined ? text : form(text)}`
      : a.t.dialect === 'postgres'
        ? sql`strpos(${ref}::text, ${quoted}) > 0`
        : sql`instr(${ref}, ${quoted}) > 0`;
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from ${sql.table(table)} where ${match}`.execute(a.t.core.db);
  return Number(rows[0]?.n);
}

/**
 * Row counts of every table but SQLite's full-text index internals, whose rows come and go
 * as the index merges its segments.
 */
const counts = (snap: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(snap).filter(
      ([name]) => name.endsWith('.0') && !name.startsWith('customer_search_'),
    ),
  );

const delta = (before: Record<string, string>, after: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(after).map((name) => [name, Number(after[name]) - Number(before[name] ?? 0)]),
  );

describe.each(testDialects())('SQL in every string field on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let f: Fixture;
  let serial = 0;

  const send = (route: string, request: Request) => {
    const [method = '', template = ''] = route.split(' ');
    const params: Record<string, string | number> = { teamId: a.teamA, ...request.params };
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      String(defined(params[name], `{${name}}`)),
    );
    return a.call('admin', method, path, request.body);
  };

  beforeAll(async () => {
    a = await createTestApp({
      dialect,
      plugins: [...bundled, labelled],
      app: appUnderTest(),
    });
    const { core } = a.t;
    const teamId = a.teamA;
    for (const plugin of [...bundled, labelled])
      await core.plugins.enable(teamId, plugin.id, 'test');
    const unique = (prefix: string) => {
      serial += 1;
      return `${prefix}-${serial}`;
    };
    const newCustomer = async () =>
      (await core.customers.create(teamId, { kind: 'person', name: unique('Customer') })).id;
    const customerId = await newCustomer();
    const { recorded } = await core.orders.record(teamId, [
      { customerId, amount: 10_000, placedAt: '2024-02-01' },
    ]);
    const member = await core.users.create({ email: 'spare@guanxi.test', name: 'Spare' });
    await core.users.setRole(teamId, member.id, 'rep');
    const plugin = (path: string) => `/v1/teams/${teamId}/plugins${path}`;
    const { reward } = await expectJson<{ reward: { id: number } }>(
      await a.call('admin', 'POST', plugin('/loyalty/rewards'), { name: 'Mug', cost: 1 }),
      201,
    );
    await a.call('admin', 'POST', plugin('/loyalty/adjustments'), {
      customerId,
      points: 100_000,
      reason: 'opening balance',
    });
    f = {
      teamId,
      customerId,
      memberId: member.id,
      rewardId: reward.id,
      orderId: defined(recorded[0], 'order').id,
      unique,
      phone: () => `+86 21 ${10_000_000 + serial++}`,
      day: () => new Date(Date.UTC(2020, 0, 1 + serial++)).toISOString().slice(0, 10),
      customer: newCustomer,
      complaint: async () => {
        const res = await a.call('admin', 'POST', plugin('/service/complaints'), {
          customerId,
          cause: 'other',
          summary: 'Slow',
        });
        return (await expectJson<{ id: number }>(res, 201)).id;
      },
      churned: async () => {
        const id = await newCustomer();
        await core.orders.record(teamId, [{ customerId: id, amount: 100, placedAt: '2024-02-01' }]);
        await core.lifecycle.transition(teamId, id, {
          to: 'churned',
          reason: 'gone',
          actor: 'test',
        });
        const res = await a.call('admin', 'GET', plugin(`/winback/playbooks?customerId=${id}`));
        const { playbooks } = await expectJson<{ playbooks: { id: number }[] }>(res, 200);
        return { customerId: id, playbookId: defined(playbooks[0], 'playbook').id };
      },
    };
  }, 60_000);
  afterAll(() => a.destroy());

  /** The document's operations that read a JSON body. */
  const withBody = () =>
    documentOperations(a.document()).filter((operation) => operation.body !== undefined);

  /** Every string field of the documented write routes that is not free text. */
  function formattedFields(): [string, string][] {
    const text = new Set(TEXT.map(([route, field]) => `${route} ${field}`));
    return withBody().flatMap((operation) => {
      const key = `${operation.method} ${operation.path}`;
      return stringPaths(defined(operation.body) as JsonSchema)
        .filter((path) => !text.has(`${key} ${path}`))
        .map((path): [string, string] => [key, path]);
    });
  }

  test('every documented write route with a body has a base request, and every text field one', () => {
    const documented = withBody().map((operation) => `${operation.method} ${operation.path}`);
    for (const route of documented) expect(BASES, route).toHaveProperty([route]);
    for (const [route] of TEXT) expect(BASES, route).toHaveProperty([route]);
    expect(formattedFields().length).toBeGreaterThan(20);
  });

  test.each(
    TEXT.map(([route, field, stored, form]): [string, string, string, Stored | undefined] => [
      route,
      field,
      stored,
      form,
    ]),
  )(
    '%s: %s is stored verbatim in %s and runs nothing',
    async (route, field, stored, form) => {
      const base = defined(BASES[route], route);
      // Each text carries a number of its own, so identifiers (external ids, idempotency
      // keys) sent before by another case are not taken for repeats.
      for (const sqlText of PAYLOADS) {
        const payload = `${sqlText} ${f.unique('#')}`;
        const plain = f.unique('plain text');
        const plainRequest = await base(f);
        const beforePlain = counts(await snapshot(a.t.core.db));
        const res = await send(route, {
          ...plainRequest,
          body: withValue(plainRequest.body, field, plain),
        });
        expect(res.status, await res.clone().text()).toBeLessThan(300);
        const byPlain = delta(beforePlain, counts(await snapshot(a.t.core.db)));

        const request = await base(f);
        const before = counts(await snapshot(a.t.core.db));
        const holding = await rowsHolding(a, stored, payload, form);
        const started = performance.now();
        const sent = await send(route, {
          ...request,
          body: withValue(request.body, field, payload),
        });
        expect(sent.status, `${payload}: ${await sent.clone().text()}`).toBe(res.status);
        expect(performance.now() - started).toBeLessThan(2_500);
        expect(await rowsHolding(a, stored, payload, form), payload).toBe(holding + 1);
        expect(delta(before, counts(await snapshot(a.t.core.db))), payload).toEqual(byPlain);
      }
    },
    60_000,
  );

  test('a formatted field refuses SQL with a 400 naming it, and nothing changes', async () => {
    for (const [route, field] of formattedFields()) {
      const request = await defined(BASES[route], route)(f);
      for (const payload of PAYLOADS) {
        const res = await unchanged(a, () =>
          send(route, { ...request, body: withValue(request.body, field, payload) }),
        );
        await expectInvalid(res, field);
      }
    }
  }, 120_000);

  test('searching for SQL or wildcards finds only what holds them', async () => {
    for (const payload of PAYLOADS) {
      const { id } = await a.t.core.customers.create(a.teamA, { kind: 'person', name: payload });
      const res = await a.call(
        'rep',
        'GET',
        `/v1/teams/${a.teamA}/customers?q=${encodeURIComponent(payload)}`,
      );
      const page = await expectJson<{ items: { id: number; name: string }[] }>(res, 200);
      expect(page.items.map((c) => c.id)).toContain(id);
      for (const c of page.items) expect(c.name).toContain(payload);
    }
    for (const wildcard of ['%', '_', '%%', '\\']) {
      const res = await a.call(
        'rep',
        'GET',
        `/v1/teams/${a.teamA}/customers?q=${encodeURIComponent(wildcard)}`,
      );
      const page = await expectJson<{ items: { name: string }[] }>(res, 200);
      for (const c of page.items) expect(c.name.toLowerCase()).toContain(wildcard);
    }
  });
});
