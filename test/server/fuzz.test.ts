import { appUnderTest, type RouteDoc } from '@guanxi/server';
import {
  anyString,
  anyValue,
  createTestApp,
  expectInvalid,
  type FuzzRoute,
  runsOn,
  type TestApp,
  testDialects,
  timeoutFor,
  unchanged,
} from '@guanxi/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { z } from 'zod';
import { type Fixture, fixture, fuzzRouteInTeam, openFuzzApp } from './fuzz-kit';

/**
 * Fuzzes every route of the OpenAPI document, every method: path, query, body, content type
 * and caller. GUANXI_FUZZ_RUNS sets the cases per route (400 by default, a fifth of it on
 * PostgreSQL); `pnpm bench fuzz` runs 10,000 per route on SQLite.
 */

/** Every route of the API, as its OpenAPI document lists them. */
const ROUTES = await (async () => {
  const a = await createTestApp({ dialect: 'sqlite', app: appUnderTest() });
  try {
    return a.doc.routes;
  } finally {
    await a.destroy();
  }
})();

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
  readonly minimum?: number;
  readonly maximum?: number;
}

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
function valueFor(name: string, schema: JsonSchema, f: Fixture, noisy: boolean) {
  const value = shaped(name, schema, f, noisy);
  return noisy
    ? fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: anyValue })
    : value;
}

function shaped(
  name: string,
  schema: JsonSchema,
  f: Fixture,
  noisy: boolean,
): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return fc.oneof(...variants.map((v) => shaped(name, v, f, noisy)));
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object':
      return objectFor(schema, f, noisy);
    case 'array':
      return fc.array(valueFor(name, schema.items ?? {}, f, noisy), { maxLength: 3 });
    case 'string':
      return noisy
        ? fc.oneof({ weight: 5, arbitrary: stringFor(name, schema) }, anyString)
        : stringFor(name, schema);
    case 'integer':
    case 'number':
      if (name === 'customerId') {
        return noisy
          ? fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...f.customers) },
              { weight: 1, arbitrary: fc.constantFrom(...f.strangers) },
            )
          : fc.constantFrom(...f.customers);
      }
      if (name === 'ownerUserId') return fc.constantFrom(...f.users);
      return fc.integer({
        min: Math.max(schema.minimum ?? 0, -1_000_000),
        max: Math.min(schema.maximum ?? 1_000_000, 1_000_000),
      });
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
function objectFor(schema: JsonSchema, f: Fixture, noisy: boolean): fc.Arbitrary<object> {
  if (schema.properties === undefined) {
    const values =
      typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    const key = schema.propertyNames?.pattern ? stringFor('', schema.propertyNames) : anyString;
    const keys = noisy ? fc.oneof({ weight: 4, arbitrary: key }, anyString) : key;
    return fc.dictionary(keys, valueFor('', values, f, noisy), { maxKeys: 3 });
  }
  const fields = Object.fromEntries(
    Object.entries(schema.properties).map(([name, field]) => [
      name,
      valueFor(name, field, f, noisy),
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
function oneOff(schema: JsonSchema, f: Fixture): fc.Arbitrary<unknown> {
  if (schema.type === 'array' && schema.items !== undefined) {
    return fc
      .tuple(
        fc.array(shaped('', schema.items, f, false), { maxLength: 2 }),
        oneOff(schema.items, f),
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
            name === odd ? oneOff(field, f) : shaped(name, field, f, false),
          ]),
        ),
        { requiredKeys: [...(schema.required ?? []), odd] },
      ),
    );
}

const toSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A query value the parameter accepts: an id of the team's for ids, else one of its schema. */
function queryValue(name: string, schema: JsonSchema, f: Fixture): fc.Arbitrary<string> {
  if (name === 'customerId' || name === 'after') return fc.constantFrom(...f.customers).map(String);
  if (name === 'teamId') return fc.constant(String(f.path.teamId));
  if (name === 'email') return fc.oneof(fc.constantFrom(...f.emails), stringFor(name, schema));
  if (name === 'domain') return fc.oneof(fc.constantFrom(...f.domains), stringFor(name, schema));
  return shaped(name, schema, f, false).map(String);
}

/** Reads that write all the same: an export is recorded in the audit log. */
const READ_WRITES: Readonly<Record<string, readonly string[]>> = {
  'GET /v1/teams/{teamId}/customers/{customerId}/export': ['audit_log'],
  // A card built for a request is stored, kept ready for the next one.
  'GET /v1/context': ['customer_cards'],
};

/** The document's route as the fuzzer sends it: bodies from its schema, clean or not. */
function fuzzRouteOf(route: RouteDoc): FuzzRoute<Fixture> {
  const { query, body } = route;
  return {
    method: route.method.toUpperCase(),
    path: route.path,
    readWrites: READ_WRITES[`${route.method.toUpperCase()} ${route.path}`] ?? [],
    ...(query === undefined
      ? {}
      : {
          query: (f: Fixture) =>
            Object.fromEntries(
              Object.entries(toSchema(query).properties ?? {}).map(([name, field]) => [
                name,
                queryValue(name, field, f),
              ]),
            ),
        }),
    ...(body === undefined
      ? {}
      : {
          bodies: (f: Fixture) => [
            { weight: 2, arbitrary: objectFor(toSchema(body), f, false) },
            { weight: 3, arbitrary: objectFor(toSchema(body), f, true) },
            { weight: 3, arbitrary: oneOff(toSchema(body), f) },
          ],
        }),
  };
}

describe.each(testDialects())('fuzzing every route of the API on %s', (dialect) => {
  let a: TestApp;
  beforeAll(async () => {
    a = await openFuzzApp(dialect);
  });
  afterAll(() => a.destroy());

  test.each(ROUTES.map((route) => [route.method.toUpperCase(), route.path, route] as const))(
    '%s %s: no 5xx, every 4xx a problem, and a refused request or a GET changes nothing',
    (_method, _path, route) => fuzzRouteInTeam(a, fuzzRouteOf(route), runsOn(dialect)),
    timeoutFor(runsOn(dialect)),
  );
});

describe.each(testDialects())('inputs the fuzzing found on %s', (dialect) => {
  let a: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    a = await openFuzzApp(dialect);
    f = await fixture(a);
  });
  afterAll(() => a.destroy());

  const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
  const attr = `{"x":{"source":"import","value":${deep}}}`;

  test.each([
    ['PUT', '/plugins/flaky', 'config.a', `{"config":${deep}}`],
    [
      'POST',
      '/customers',
      'attributes.x.value',
      `{"kind":"person","name":"D","attributes":${attr}}`,
    ],
    ['PATCH', '/customers/{customerId}', 'attributes.x.value', `{"attributes":${attr}}`],
    ['POST', '/plugins/loyalty/attitudes', 'customerId', deep],
    ['POST', '/plugins/service/surveys', '(root)', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ])(
    '%s %s with JSON nested 20,000 deep is a 400 naming %s, not a 500',
    async (method, path, named, body) => {
      const url = `/v1/teams/${f.path.teamId}${path.replace('{customerId}', String(f.path.customerId))}`;
      const res = await unchanged(a, async () =>
        a.app.request(url, {
          method,
          headers: { authorization: `Bearer ${f.keys.admin}`, 'content-type': 'application/json' },
          body,
        }),
      );
      await expectInvalid(res, named);
    },
  );
});
