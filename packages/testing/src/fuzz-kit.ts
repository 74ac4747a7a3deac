import { type CoreTables, type Dialect, dialectOf } from '@guanxi/core';
import { defined } from '@guanxi/core/testing';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from './test-app';
import { expectProblem, snapshot } from './test-kit';

/**
 * Cases sent to each route: GUANXI_FUZZ_RUNS, 400 unless set. PostgreSQL answers every query
 * over a socket and is several times slower per request than SQLite, so it gets a fifth: both
 * fuzz files on both dialects take about 80 s on two cores. `pnpm bench fuzz` sends 10,000 per
 * route on SQLite.
 */
export const RUNS = Number(process.env.GUANXI_FUZZ_RUNS ?? 400);

export const runsOn = (dialect: Dialect) => (dialect === 'postgres' ? Math.ceil(RUNS / 5) : RUNS);

/** Time one route may take: at least a minute, more for a bench-sized run. */
export const timeoutFor = (runs: number) => 60_000 + runs * 100;

/** A route as the fuzzer sends it. */
export interface FuzzRoute<F extends FuzzFixture = FuzzFixture> {
  /** Upper case: `GET`. */
  readonly method: string;
  /** OpenAPI form: `/v1/teams/{teamId}/customers`. */
  readonly path: string;
  /** Values of path parameters that are this route's own rather than the fixture's. */
  readonly params?: (f: F) => Readonly<Record<string, string | number>>;
  /** The query parameters the route reads, each with values it accepts. */
  readonly query?: (f: F) => Readonly<Record<string, fc.Arbitrary<string>>>;
  /** Bodies of the route's own shape, valid or nearly; none for a route that reads no body. */
  readonly bodies?: (f: F) => fc.WeightedArbitrary<unknown>[];
  /** Tables a GET answered 2xx writes all the same, as an export writes the audit log. */
  readonly readWrites?: readonly string[];
}

export type FuzzCaller = 'admin' | 'rep' | 'stranger' | 'revoked';

/** What the fuzzer needs of a route's team: real path values and the callers' keys. */
export interface FuzzFixture {
  /** A real value for each path parameter the routes have. */
  readonly path: Readonly<Record<string, string | number>>;
  /** API keys of the team's admin and rep, of another team's rep and a revoked one. */
  readonly keys: Readonly<Record<FuzzCaller, string>>;
  /**
   * Other real values a path parameter may take instead of its own (`pluginId`: the ids of
   * the installed plugins); a parameter not named here gets other small ids.
   */
  readonly others?: Readonly<Record<string, readonly string[]>>;
}

/** A fresh team of the fixture app's with the given plugins on. */
export interface FuzzTeam {
  readonly teamId: number;
  /** Tells this team's names apart from the other fuzz teams' in the same database. */
  readonly n: number;
  readonly admin: { readonly userId: number; readonly keyId: number; readonly key: string };
  readonly rep: { readonly userId: number; readonly keyId: number; readonly key: string };
  readonly keys: Readonly<Record<FuzzCaller, string>>;
}

let teams = 0;

/** A new team with an admin and a rep, and these plugins on, so no route spoils another's. */
export async function fuzzTeam(a: TestApp, pluginIds: readonly string[]): Promise<FuzzTeam> {
  const { core } = a.t;
  const n = ++teams;
  const teamId = (await core.teams.create({ name: `Fuzz ${n}`, slug: `fuzz-team-${n}` })).id;
  const member = async (name: string, role: 'admin' | 'rep') => {
    const user = await core.users.create({ email: `${name}-${n}@fuzz.test`, name });
    await core.users.setRole(teamId, user.id, role);
    const key = await core.apiKeys.create(user.id, `${name} key`);
    return { userId: user.id, keyId: key.id, key: key.key };
  };
  const admin = await member('admin', 'admin');
  const rep = await member('rep', 'rep');
  for (const id of pluginIds) await core.plugins.enable(teamId, id, 'test');
  return {
    teamId,
    n,
    admin,
    rep,
    keys: { admin: admin.key, rep: rep.key, stranger: a.keys.otherRep, revoked: a.keys.revoked },
  };
}

/** Strings that have broken servers before, and random ones. */
export const anyString = fc.oneof(
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
    '__proto__',
    'constructor',
    "'; drop table customers; --",
    '<script>alert(1)</script>',
    '9'.repeat(40),
    'x'.repeat(5000),
  ),
);

/** Any JSON value a field might be sent instead of what it expects. */
export const anyValue = fc.oneof(
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-1, 0, 1.5, -0, 2 ** 31, 2 ** 53, 2 ** 63, 1e21, true, null, [], {}),
  },
);

/** A value with one part changed: a leaf made anything, a field dropped or an unknown one added. */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) return fc.oneof(anyValue, fc.array(anyValue, { maxLength: 2 }));
    return fc.oneof(
      { weight: 3, arbitrary: fc.nat(value.length - 1).chain((i) => changedAt(value, i)) },
      { weight: 1, arbitrary: anyValue },
    );
  }
  if (typeof value !== 'object' || value === null) return anyValue;
  const entries = Object.entries(value);
  const added = fc
    .tuple(anyString, anyValue)
    .map(([key, extra]) => Object.fromEntries([...entries, [key, extra]]));
  if (entries.length === 0) return added;
  const changed = fc.nat(entries.length - 1).chain((i) => {
    const [key, field] = defined(entries[i]);
    return fc.oneof(
      mutated(field).map((odd) =>
        Object.fromEntries([...entries.filter(([k]) => k !== key), [key, odd]]),
      ),
      fc.constant(Object.fromEntries(entries.filter(([k]) => k !== key))),
    );
  });
  return fc.oneof({ weight: 3, arbitrary: changed }, { weight: 1, arbitrary: added });
}

function changedAt(items: readonly unknown[], i: number): fc.Arbitrary<unknown[]> {
  return mutated(items[i]).map((odd) => items.map((item, j) => (j === i ? odd : item)));
}

/** Bodies around a valid one: as it is, or with one part changed. */
export function around(valid: fc.Arbitrary<unknown>): fc.WeightedArbitrary<unknown>[] {
  return [
    { weight: 2, arbitrary: valid },
    { weight: 3, arbitrary: valid.chain(mutated) },
  ];
}

/** Path segments sent as they are: odd numbers, dot segments, bad percent-encoding, payloads. */
const ODD_SEGMENTS = [
  '0',
  '-1',
  '-0',
  '00',
  '01',
  '1.0',
  '1.5',
  '1e3',
  '1e400',
  '0x10',
  '+1',
  '%201',
  '1%20',
  '2147483648',
  '9007199254740993',
  '99999999999999999999',
  '9'.repeat(400),
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  'abc',
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%2F',
  '..%2F..%2Fadmin',
  '%00',
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AE',
  '%FF',
  '%E4%B8%AD%E6%96%87',
  '%F0%9F%98%80',
  "1'%20or%20'1'%3D'1",
  '1%3B%20drop%20table%20customers',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  '1'.repeat(5000),
];

/** Percent-encodes a string; a lone surrogate, which has no UTF-8, becomes U+FFFD as in a URL. */
const encode = (value: string) => encodeURIComponent(value.replace(/\p{Cs}/gu, '\uFFFD'));

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

/** A path parameter: its real value mostly, else someone else's id or something odd. */
function segment(own: string, known: readonly string[] | undefined): fc.Arbitrary<string> {
  const others =
    known === undefined || known.length === 0
      ? fc.integer({ min: 1, max: 60 }).map(String)
      : fc.constantFrom(...known);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: others },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_SEGMENTS) },
    { weight: 1, arbitrary: numberText.map(encode) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(encode) },
  );
}

/** The route's path, with every parameter real, or each one anything. */
function paths<F extends FuzzFixture>(route: FuzzRoute<F>, f: F): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => defined(name));
  const params = route.params?.(f) ?? {};
  const own = Object.fromEntries(
    names.map((name) => [
      name,
      String(params[name] ?? defined(f.path[name], `a fuzz value for {${name}}`)),
    ]),
  );
  const fill = (values: Record<string, string>) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => defined(values[name]));
  if (names.length === 0) return fc.constant(route.path);
  const odd = Object.fromEntries(
    names.map((name) => [name, segment(defined(own[name]), f.others?.[name])]),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(fill(own)) },
    { weight: 2, arbitrary: fc.record(odd).map(fill) },
  );
}

/** Query values that parsers trip on: odd numbers, empty, unicode, SQL and HTML. */
const ODD_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e3',
  '1e309',
  '0x10',
  '+1',
  ' 1',
  'NaN',
  'Infinity',
  '-Infinity',
  '2147483648',
  '9007199254740993',
  '9'.repeat(17),
  '9'.repeat(400),
  '18446744073709551616',
  'true',
  'TRUE',
  'false',
  'null',
  'undefined',
  '[]',
  '{}',
  '%',
  '%zz',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '中文',
  '😀',
  '\u202Eevil',
  "' or 1=1 --",
  "'; drop table customers; --",
  '"',
  '\\',
  '_%',
  '*',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'x'.repeat(5000),
];

/** Query pieces sent as they are: bad percent-encoding, stray separators, bare keys. */
const RAW_QUERY = [
  '%zz=1',
  'limit=%',
  '%ED%A0%80=1',
  'q=%FF',
  'q=%E4%B8%AD',
  '=',
  '==',
  '&',
  'a=b=c',
  'limit',
  'limit=',
  '=1',
  '+=+',
  '%00=%00',
  'limit[]=1',
  'q[$ne]=1',
  '__proto__[admin]=1',
  'constructor[prototype][admin]=1',
];

/** A query string: none, the route's own parameters, or those and random ones, repeated, odd. */
function queries<F extends FuzzFixture>(route: FuzzRoute<F>, f: F): fc.Arbitrary<string> {
  const known = route.query?.(f) ?? {};
  const names = Object.keys(known);
  const pairs = (picked: readonly string[]): fc.Arbitrary<[string, string][]> =>
    fc.tuple(
      ...picked.map((name) => defined(known[name]).map((value): [string, string] => [name, value])),
    );
  const clean: fc.Arbitrary<[string, string][]> =
    names.length === 0
      ? fc.constant([])
      : fc.oneof(
          fc.constantFrom(...names).chain((name) => pairs([name])),
          fc.subarray(names).chain(pairs),
        );
  const key = fc.oneof(
    ...(names.length === 0 ? [] : [fc.constantFrom(...names)]),
    fc.constantFrom('limit', 'after', 'customerId', 'teamId', '__proto__', 'constructor', ''),
    fc.string({ unit: 'binary', maxLength: 10 }),
  );
  const value = fc.oneof(
    fc.constantFrom(...ODD_VALUES),
    numberText,
    fc.string({ unit: 'binary', maxLength: 20 }),
    ...Object.values(known),
  );
  const odd = fc
    .tuple(
      clean,
      fc.array(fc.tuple(key, value), { maxLength: 4 }),
      fc.array(fc.constantFrom(...RAW_QUERY), { maxLength: 2 }),
    )
    .map(([own, extra, raw]) =>
      [new URLSearchParams([...own, ...extra]).toString(), ...raw].filter(Boolean).join('&'),
    );
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.constant('') },
      { weight: 3, arbitrary: clean.map((own) => new URLSearchParams(own).toString()) },
      { weight: 4, arbitrary: odd },
    )
    .map((query) => (query === '' ? '' : `?${query}`));
}

/** JSON texts that are valid but odd: prototype keys, duplicates, deep nesting, big numbers. */
const ODD_JSON = [
  '{"__proto__":{"role":"admin"}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1,"a":2}',
  '[]',
  'null',
  '""',
  '0',
  '1e400',
  '-0',
  '"\\ud800"',
  '{"x":"\\u0000"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
];

/** More than the 1 MiB the API reads. */
const TOO_LARGE = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });

const CONTENT_TYPES = [
  'text/plain',
  'application/json; charset=utf-8',
  'application/problem+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
];

interface Body {
  readonly body?: string;
  readonly contentType?: string;
}

/**
 * A body: JSON of the route's shape or of any, odd JSON, or not JSON at all, mostly sent as
 * JSON, sometimes under another content type or none. GET sends none; other routes that read
 * no body mostly send none.
 */
function bodies<F extends FuzzFixture>(route: FuzzRoute<F>, f: F): fc.Arbitrary<Body> {
  if (route.method === 'GET') return fc.constant({});
  const shapes: fc.WeightedArbitrary<unknown>[] = [
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.anything() },
    ...(route.bodies?.(f) ?? []),
  ];
  const text = fc.oneof(
    { weight: 120, arbitrary: fc.oneof(...shapes).map((value) => JSON.stringify(value) ?? '') },
    { weight: 10, arbitrary: fc.constantFrom(...ODD_JSON) },
    { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 10, arbitrary: fc.json().map((json) => json.slice(0, -1)) },
    { weight: 1, arbitrary: fc.constant(TOO_LARGE) },
  );
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const sent = fc.record({ body: text, contentType });
  return route.bodies === undefined
    ? fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: sent })
    : sent;
}

/** The Authorization header: the team's admin mostly, else a weaker, foreign, bad or no key. */
function authorizations(f: FuzzFixture): fc.Arbitrary<string | undefined> {
  const bearer = (key: string) => `Bearer ${key}`;
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(bearer(f.keys.admin)) },
    { weight: 2, arbitrary: fc.constant(bearer(f.keys.rep)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(bearer(f.keys.stranger), bearer(f.keys.revoked), undefined),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Bearer ',
        'Bearer gx_forged',
        `Bearer ${f.keys.admin}x`,
        `Basic ${Buffer.from('admin:admin').toString('base64')}`,
        f.keys.admin,
      ),
    },
  );
}

/**
 * A count that moves whenever anything is written: SQLite's changes on its one connection;
 * PostgreSQL's next transaction id, which any write anywhere on the server moves.
 */
async function writeCount(db: Kysely<CoreTables>): Promise<string> {
  const { rows } = await (dialectOf(db) === 'postgres'
    ? sql<{ n: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as n`
    : sql<{ n: string }>`select total_changes() as n`
  ).execute(db);
  return String(defined(rows[0]).n);
}

/**
 * What is stored, followed through a run of requests: the snapshot since the last accepted
 * write, taken again only when the write count moved, so a request that wrote nothing costs
 * one small query to check.
 */
class Storage {
  readonly #db: Kysely<CoreTables>;
  #snapshot: Record<string, string>;
  #writes: string;

  private constructor(db: Kysely<CoreTables>, now: Record<string, string>, writes: string) {
    this.#db = db;
    this.#snapshot = now;
    this.#writes = writes;
  }

  static async watch(db: Kysely<CoreTables>): Promise<Storage> {
    return new Storage(db, await snapshot(db), await writeCount(db));
  }

  /** Asserts that nothing stored changed since the last accepted write, but for `tables`. */
  async expectUnchanged(what: string, tables: readonly string[] = []): Promise<void> {
    const writes = await writeCount(this.#db);
    if (writes === this.#writes) return;
    this.#writes = writes;
    const before = this.#snapshot;
    this.#snapshot = await snapshot(this.#db);
    const kept = (figures: Record<string, string>) =>
      Object.entries(figures).filter(([key]) => !tables.includes(key.split('.')[0] ?? ''));
    expect(kept(this.#snapshot), what).toEqual(kept(before));
  }

  /** Takes what is stored now as what later refused requests must leave alone. */
  async accept(): Promise<void> {
    const writes = await writeCount(this.#db);
    if (writes === this.#writes) return;
    this.#writes = writes;
    this.#snapshot = await snapshot(this.#db);
  }
}

/** Asserts the RFC 9457 problem document of a refusal, naming what was wrong. */
async function expectNamedProblem(res: Response, text: string, what: string): Promise<void> {
  const problem = await expectProblem(
    new Response(text, { status: res.status, headers: res.headers }),
    res.status,
  );
  expect(problem.code, what).toMatch(/^GX_ERR_[A-Z0-9_]+$/);
  expect(problem.title, what).toMatch(/\S/);
  expect(problem.detail, what).toMatch(/\S/);
  if (problem.code === 'GX_ERR_VALIDATION') expect(problem.errors?.length, what).toBeGreaterThan(0);
}

const clip = (text: string | undefined) =>
  text === undefined || text.length <= 300 ? text : `${text.slice(0, 300)}…`;

/**
 * Sends `runs` cases to the route in the fixture's team (one of the route's own, made just
 * before): path, query, body, content type and caller each real or odd. No answer is 5xx;
 * every 4xx is a problem document naming the problem; a refused request, and any GET,
 * changes nothing stored.
 */
export async function fuzzRoute<F extends FuzzFixture>(
  a: TestApp,
  route: FuzzRoute<F>,
  runs: number,
  f: F,
): Promise<void> {
  const storage = await Storage.watch(a.t.core.db);
  const cases = fc.record({
    path: paths(route, f),
    query: queries(route, f),
    body: bodies(route, f),
    authorization: authorizations(f),
  });
  await fc.assert(
    fc.asyncProperty(cases, async ({ path, query, body, authorization }) => {
      const res = await a.app.request(`${path}${query}`, {
        method: route.method,
        headers: {
          ...(authorization === undefined ? {} : { authorization }),
          ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }),
        },
        ...(body.body === undefined ? {} : { body: body.body }),
      });
      const text = await res.text();
      const what = `${route.method} ${clip(path + query)} ${clip(body.body)} → ${res.status} ${clip(text)}`;
      expect(res.status, what).toBeLessThan(500);
      if (res.status >= 400) {
        await expectNamedProblem(res, text, what);
        await storage.expectUnchanged(what);
      } else if (route.method === 'GET') await storage.expectUnchanged(what, route.readWrites);
      else await storage.accept();
    }),
    { numRuns: runs },
  );
}
