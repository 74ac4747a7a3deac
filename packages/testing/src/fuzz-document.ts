import fc from 'fast-check';
import { anyString, anyValue, type FuzzFixture, type FuzzRoute } from './fuzz-kit';

/** The parts of JSON Schema (2020-12, as OpenAPI 3.1 has it) the fuzzer reads. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema?: JsonSchema;
}

interface Operation {
  readonly operationId?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: {
    readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>>;
  };
}

/** The slice of an OpenAPI 3.1 document the fuzzer reads. */
export interface OpenApiDocument {
  readonly paths?: object;
  readonly components?: { readonly schemas?: object };
}

/** One operation of a document: method, path, query parameters and the JSON body's schema. */
export interface DocumentOperation {
  /** Upper case: `GET`. */
  readonly method: string;
  /** OpenAPI form: `/v1/teams/{teamId}/customers`. */
  readonly path: string;
  readonly operationId: string;
  readonly query: Readonly<Record<string, JsonSchema>>;
  /** With every `$ref` replaced by its component. */
  readonly body?: JsonSchema;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** The schema with each reference to a component replaced by the component, at any depth. */
function resolved(schema: JsonSchema, components: Readonly<Record<string, unknown>>): JsonSchema {
  const seen = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(seen);
    if (typeof value !== 'object' || value === null) return value;
    const ref = (value as JsonSchema).$ref;
    if (typeof ref === 'string') {
      return seen(components[ref.replace('#/components/schemas/', '')] ?? {});
    }
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, seen(field)]));
  };
  return seen(schema) as JsonSchema;
}

/** Every operation of the document, in the order it lists them. */
export function documentOperations(document: OpenApiDocument): DocumentOperation[] {
  const components = (document.components?.schemas ?? {}) as Readonly<Record<string, unknown>>;
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as object)
      .filter(([method]) => METHODS.has(method))
      .map(([method, value]) => {
        const operation = value as Operation;
        const body = operation.requestBody?.content?.['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          operationId: operation.operationId ?? `${method} ${path}`,
          query: Object.fromEntries(
            (operation.parameters ?? [])
              .filter((parameter) => parameter.in === 'query')
              .map((parameter) => [parameter.name, resolved(parameter.schema ?? {}, components)]),
          ),
          ...(body === undefined ? {} : { body: resolved(body, components) }),
        };
      }),
  );
}

/** What the fuzzer may know of a fixture beyond its path values: real values by field name. */
export interface FuzzValues {
  /** Values a field of this name really takes in the fixture's team (`customerId`: its customers). */
  readonly values?: Readonly<Record<string, readonly (string | number)[]>>;
  /** Values of this name that are someone else's (another team's customer, one that does not exist). */
  readonly strangers?: Readonly<Record<string, readonly (string | number)[]>>;
}

type Fixture = FuzzFixture & FuzzValues;

const time = fc
  .date({ min: new Date('1850-01-01'), max: new Date('2250-01-01'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10)));

const typeOf = (schema: JsonSchema) =>
  Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;

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

/** A real value for a field of this name, if the fixture has some; noisy, someone else's too. */
function realFor(name: string, f: Fixture, noisy: boolean): fc.Arbitrary<unknown> | undefined {
  const own = f.values?.[name];
  if (own === undefined || own.length === 0) return undefined;
  const others = f.strangers?.[name] ?? [];
  return noisy && others.length > 0
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...own) },
        { weight: 1, arbitrary: fc.constantFrom(...others) },
      )
    : fc.constantFrom(...own);
}

function shaped(
  name: string,
  schema: JsonSchema,
  f: Fixture,
  noisy: boolean,
): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants !== undefined) return fc.oneof(...variants.map((v) => shaped(name, v, f, noisy)));
  if (schema.allOf?.[0] !== undefined) return shaped(name, schema.allOf[0], f, noisy);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const type = typeOf(schema);
  const real = type === 'integer' || type === 'number' ? realFor(name, f, noisy) : undefined;
  if (real !== undefined) return real;
  switch (type) {
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
export function objectFor(schema: JsonSchema, f: Fixture, noisy: boolean): fc.Arbitrary<object> {
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
  if (typeOf(schema) === 'array' && schema.items !== undefined) {
    return fc
      .tuple(
        fc.array(shaped('', schema.items, f, false), { maxLength: 2 }),
        oneOff(schema.items, f),
      )
      .map(([clean, odd]) => [...clean, odd]);
  }
  if (typeOf(schema) !== 'object' || schema.properties === undefined) return anyValue;
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

/** A query value the parameter accepts: a real one for a field the fixture knows, else of its schema. */
function queryValue(name: string, schema: JsonSchema, f: Fixture): fc.Arbitrary<string> {
  const own = f.values?.[name];
  const shapedValue = shaped(name, schema, f, false).map(String);
  return own === undefined || own.length === 0
    ? shapedValue
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...own).map(String) },
        { weight: 1, arbitrary: shapedValue },
      );
}

/** What to add to the document's view of a route, by `METHOD /path`. */
export interface FuzzOverride<F extends FuzzFixture> {
  /** Path values of the route's own, rather than the fixture's. */
  readonly params?: (f: F) => Readonly<Record<string, string | number>>;
  /** Tables a GET answered 2xx writes all the same. */
  readonly readWrites?: readonly string[];
}

/**
 * The document's operations as the fuzzer sends them: query parameters and bodies from their
 * schemas, clean or not, with real values where the fixture has them.
 */
export function fuzzRoutesOf<F extends Fixture>(
  document: OpenApiDocument,
  overrides: Readonly<Record<string, FuzzOverride<F>>> = {},
): FuzzRoute<F>[] {
  return documentOperations(document).map((operation) => {
    const { method, path, query, body } = operation;
    const override = overrides[`${method} ${path}`] ?? {};
    return {
      method,
      path,
      ...override,
      ...(Object.keys(query).length === 0
        ? {}
        : {
            query: (f: F) =>
              Object.fromEntries(
                Object.entries(query).map(([name, schema]) => [name, queryValue(name, schema, f)]),
              ),
          }),
      ...(body === undefined
        ? {}
        : {
            bodies: (f: F) => [
              { weight: 2, arbitrary: objectFor(body, f, false) },
              { weight: 3, arbitrary: objectFor(body, f, true) },
              { weight: 3, arbitrary: oneOff(body, f) },
            ],
          }),
    };
  });
}
