import type { Dialect } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/core/testing';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { RouteDoc } from './openapi/api-doc';
import type { TestApp } from './test-app';
import { flakyPlugin, openTestApp, snapshot } from './test-kit';

const RUNS = Number(process.env.GUANXI_FUZZ_RUNS ?? 1000);

/**
 * PostgreSQL answers every query over a socket and is several times slower per request
 * than SQLite, so it gets a fifth of the runs to keep the file near two minutes.
 */
const runsOn = (dialect: Dialect) => (dialect === 'postgres' ? Math.ceil(RUNS / 5) : RUNS);

/** Every write route of the API, as its OpenAPI document lists them. */
const WRITE_ROUTES = await (async () => {
  const a = await openTestApp('sqlite');
  try {
    return a.doc.routes.filter((route) => route.method !== 'get');
  } finally {
    await a.destroy();
  }
})();

interface Ids {
  readonly path: Readonly<Record<string, string | number>>;
  /** Customers of team A. */
  readonly customers: readonly number[];
  /** Ids that are not team A's customers: team B's, and one that does not exist. */
  readonly strangers: readonly number[];
  readonly users: readonly number[];
}

/** Team A with a company, a person with an order, a failed hook and a webhook. */
async function fixture(a: TestApp): Promise<Ids> {
  const { core } = a.t;
  await core.plugins.enable(a.teamA, 'flaky', 'test');
  const company = await core.customers.create(a.teamA, {
    kind: 'company',
    name: 'Acme',
    domains: ['acme.cn'],
  });
  const person = await core.customers.create(a.teamA, {
    kind: 'person',
    name: 'Lin',
    emails: ['lin@acme.cn'],
    externalRef: 'crm-1',
  });
  const other = await core.customers.create(a.teamB, { kind: 'person', name: 'Bo' });
  await core.orders.record(a.teamA, [
    { customerId: person.id, amount: 100, placedAt: '2024-01-01', externalId: 'o-1' },
  ]);
  const failure = defined((await core.hookFailures.list(a.teamA))[0], 'hook failure');
  const webhook = await core.webhooks.create(
    a.teamA,
    { url: 'https://hooks.example.test/in', events: ['orders:recorded'] },
    'test',
  );
  const key = defined((await core.apiKeys.list(a.userIds.rep))[0], 'key');
  return {
    path: {
      teamId: a.teamA,
      customerId: person.id,
      userId: a.userIds.rep,
      keyId: key.id,
      pluginId: 'flaky',
      failureId: failure.id,
      webhookId: webhook.id,
    },
    customers: [company.id, person.id],
    strangers: [other.id, 999_999],
    users: Object.values(a.userIds),
  };
}

interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** Strings that have broken servers before, and random ones. */
const anyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\u202Eevil',
    '%',
    '_\\',
    "'; drop table customers; --",
    '9'.repeat(40),
    'x'.repeat(5000),
  ),
);

/** Any JSON value a field might be sent instead of what it expects. */
const anyValue = fc.oneof(
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, -0, 1e21, 2 ** 53, true, null, [], {}) },
);

const time = fc
  .date({ min: new Date('1850-01-01'), max: new Date('2250-01-01'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10)));

/** A string the way the named field might really hold one, or nearly. */
function stringFor(name: string, schema: JsonSchema): fc.Arbitrary<string> {
  if (/At$/.test(name)) return time;
  if (/^emails?$/.test(name) || schema.format === 'email') {
    return fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.domain())
      .map(([local, domain]) => `${local}@${domain}`);
  }
  if (name === 'domains' || name === 'domain') return fc.domain();
  if (/^phones?$/.test(name)) return fc.stringMatching(/^\+?[0-9]{3}[ -]?[0-9]{2,12}$/);
  if (name === 'url') return fc.webUrl();
  if (name === 'events') return fc.constantFrom('orders:recorded', 'customer:created', 'nope');
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  const maxLength = (schema.maxLength ?? 40) + 2;
  return fc.string({ minLength: Math.min(schema.minLength ?? 1, maxLength), maxLength });
}

/** A value shaped by the field's schema; if `noisy`, now and then anything at all. */
function valueFor(name: string, schema: JsonSchema, ids: Ids, noisy: boolean) {
  const value = shaped(name, schema, ids, noisy);
  return noisy
    ? fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: anyValue })
    : value;
}

function shaped(name: string, schema: JsonSchema, ids: Ids, noisy: boolean): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return fc.oneof(...variants.map((v) => shaped(name, v, ids, noisy)));
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object':
      return objectFor(schema, ids, noisy);
    case 'array':
      return fc.array(valueFor(name, schema.items ?? {}, ids, noisy), { maxLength: 3 });
    case 'string':
      return noisy
        ? fc.oneof({ weight: 5, arbitrary: stringFor(name, schema) }, anyString)
        : stringFor(name, schema);
    case 'integer':
    case 'number':
      if (name === 'customerId') {
        return noisy
          ? fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...ids.customers) },
              { weight: 1, arbitrary: fc.constantFrom(...ids.strangers) },
            )
          : fc.constantFrom(...ids.customers);
      }
      if (name === 'ownerUserId') return fc.constantFrom(...ids.users);
      return fc.integer({ min: 0, max: 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * An object of the schema's real field names. If `noisy`, required fields may be missing,
 * values may be anything and an unknown field may come along.
 */
function objectFor(schema: JsonSchema, ids: Ids, noisy: boolean): fc.Arbitrary<object> {
  if (schema.properties === undefined) {
    const values =
      typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    const key = schema.propertyNames?.pattern ? stringFor('', schema.propertyNames) : anyString;
    const keys = noisy ? fc.oneof({ weight: 4, arbitrary: key }, anyString) : key;
    return fc.dictionary(keys, valueFor('', values, ids, noisy), { maxKeys: 3 });
  }
  const fields = Object.fromEntries(
    Object.entries(schema.properties).map(([name, field]) => [
      name,
      valueFor(name, field, ids, noisy),
    ]),
  );
  const requiredKeys = [...(schema.required ?? [])];
  if (!noisy) return fc.record(fields, { requiredKeys });
  const known = fc.oneof(
    { weight: 3, arbitrary: fc.record(fields, { requiredKeys }) },
    { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
  );
  const unknown = fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(anyString, anyValue, { maxKeys: 1 }) },
  );
  return fc.tuple(known, unknown).map(([values, extra]) => ({ ...extra, ...values }));
}

/** A clean value of the schema but for one leaf, however deep, which is anything at all. */
function oneOff(schema: JsonSchema, ids: Ids): fc.Arbitrary<unknown> {
  if (schema.type === 'array' && schema.items !== undefined) {
    return fc
      .tuple(
        fc.array(shaped('', schema.items, ids, false), { maxLength: 2 }),
        oneOff(schema.items, ids),
      )
      .map(([clean, odd]) => [...clean, odd]);
  }
  if (schema.type !== 'object' || schema.properties === undefined) return anyValue;
  const properties = schema.properties;
  return fc
    .constantFrom(...Object.keys(properties))
    .chain((odd) =>
      fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([name, field]) => [
            name,
            name === odd ? oneOff(field, ids) : shaped(name, field, ids, false),
          ]),
        ),
        { requiredKeys: [...(schema.required ?? []), odd] },
      ),
    );
}

/**
 * A request body: JSON of any shape, the route's own fields with any values, a valid body
 * but for one field, or not JSON at all.
 */
function bodies(route: RouteDoc, ids: Ids): fc.Arbitrary<string | undefined> {
  const shapes: fc.WeightedArbitrary<unknown>[] = [
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.anything() },
  ];
  if (route.body !== undefined) {
    const schema = z.toJSONSchema(route.body, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    shapes.push(
      { weight: 3, arbitrary: objectFor(schema, ids, true) },
      { weight: 3, arbitrary: oneOff(schema, ids) },
    );
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...shapes).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.json().map((json) => json.slice(0, -1)) },
  );
}

describe.each(testDialects())('fuzzing every write route on %s', (dialect) => {
  test.each(WRITE_ROUTES.map((route) => [route.method.toUpperCase(), route.path, route] as const))(
    '%s %s: no 5xx, and a refused request changes nothing',
    async (method, template, route) => {
      const a = await openTestApp(dialect, [flakyPlugin({ healthy: false })]);
      try {
        const ids = await fixture(a);
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
          String(defined(ids.path[name], `a fuzz id for {${name}}`)),
        );
        let before = await snapshot(a.t.core.db);
        await fc.assert(
          fc.asyncProperty(bodies(route, ids), async (body) => {
            const res = await a.call('admin', method, path, body);
            const text = await res.text();
            expect(res.status, `${method} ${path} ${body} → ${text}`).toBeLessThan(500);
            const after = await snapshot(a.t.core.db);
            if (res.status >= 400) expect(after, `${body} → ${text}`).toEqual(before);
            before = after;
          }),
          { numRuns: runsOn(dialect) },
        );
      } finally {
        await a.destroy();
      }
    },
    180_000,
  );
});
