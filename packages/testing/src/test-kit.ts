import { type CoreTables, definePlugin, dialectOf, type Role } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import { z } from 'zod';
import type { Caller, TestApp } from './test-app';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance: string;
  readonly errors?: readonly { path: string; pointer: string; detail: string }[];
}

/** Asserts an RFC 9457 problem document with this status (and code) and returns it. */
export async function expectProblem(
  res: Response,
  status: number,
  code?: string,
): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as ProblemBody;
  expect(body).toMatchObject({ status, type: `urn:guanxi:problem:${body.code}` });
  if (code !== undefined) expect(body.code).toBe(code);
  return body;
}

/** Asserts a 400 validation problem whose field errors name `path`. */
export async function expectInvalid(res: Response, path: string): Promise<ProblemBody> {
  const body = await expectProblem(res, 400, 'GX_ERR_VALIDATION');
  expect(body.errors?.map((e) => e.path)).toContain(path);
  return body;
}

/** Beyond its row count, cheap checksums that an update of a table's rows changes. */
const CHECKSUMS: Readonly<Partial<Record<keyof CoreTables, readonly string[]>>> = {
  teams: ['max(id)', 'sum(settings_version)'],
  users: ['max(id)'],
  team_members: ["sum(user_id * case role when 'admin' then 3 when 'manager' then 2 else 1 end)"],
  api_keys: ['max(id)', 'count(revoked_at)'],
  customers: ['max(id)', 'sum(version)'],
  customer_identities: ['max(id)'],
  orders: ['max(id)', 'sum(amount)'],
  interactions: ['max(id)'],
  stage_events: ['max(id)'],
  customer_facts: ['sum(version)'],
  plugin_settings: ['sum(enabled)', 'sum(length(config))'],
  audit_log: ['max(id)'],
  hook_failures: ['sum(attempts)', 'count(replayed_at)'],
  outbox: ['max(id)'],
  webhooks: ['max(id)', 'sum(active)'],
  webhook_deliveries: ['max(id)'],
};

const snapshotQueries = new WeakMap<Kysely<CoreTables>, ReturnType<typeof sql.raw>>();

/** One query over every table of this database (core, plugins, search): built once. */
async function snapshotQuery(db: Kysely<CoreTables>) {
  const cached = snapshotQueries.get(db);
  if (cached !== undefined) return cached;
  const { rows } = await sql<{ schema: string | null }>`select ${sql.raw(
    dialectOf(db) === 'postgres' ? 'current_schema()' : 'null',
  )} as schema`.execute(db);
  const schema = rows[0]?.schema ?? undefined;
  const tables = (await db.introspection.getTables()).filter(
    (table) => !table.isView && table.schema === schema,
  );
  const columns = tables.flatMap(({ name }) =>
    ['count(*)', ...(CHECKSUMS[name as keyof CoreTables] ?? [])].map(
      (aggregate, i) => `(select ${aggregate} from "${name}") as "${name}.${i}"`,
    ),
  );
  const query = sql.raw(`select ${columns.join(', ')}`);
  snapshotQueries.set(db, query);
  return query;
}

/** Row counts of every table and checksums of the core's, in one query. */
export async function snapshot(db: Kysely<CoreTables>): Promise<Record<string, string>> {
  const { rows } = await (await snapshotQuery(db)).execute(db);
  const row = (rows[0] ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
}

/** Sends a request that must be refused, asserting that no core table changed. */
export async function unchanged(a: TestApp, send: () => Promise<Response>): Promise<Response> {
  const before = await snapshot(a.t.core.db);
  const res = await send();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(await snapshot(a.t.core.db)).toEqual(before);
  return res;
}

/** A configurable plugin whose `orders:recorded` handler fails until `state.healthy`. */
export function flakyPlugin(state: { healthy: boolean }) {
  return definePlugin({
    id: 'flaky',
    version: '1.0.0',
    description: 'Fails on orders until healthy',
    configSchema: z.strictObject({
      threshold: z.number().int().min(0).max(100).default(3),
      label: z.string().max(20).default('flaky'),
    }),
    hooks: {
      'orders:recorded': () => {
        if (!state.healthy) throw new Error('flaky is down');
      },
    },
  });
}

/** Asserts a success status and returns the JSON body. */
export async function expectJson<T = Record<string, unknown>>(
  res: Response,
  status: number,
): Promise<T> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as T;
}

/** `/v1/teams/{A}/customers/{c}` with each `{name}` replaced from `ids`. */
export function fill(template: string, ids: Readonly<Record<string, number | string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name];
    if (value === undefined) throw new Error(`no id for {${name}}`);
    return String(value);
  });
}

/** The ids every route test uses: the two teams and the fixture's users. */
export function fixtureIds(a: TestApp): Record<string, number> {
  return { A: a.teamA, B: a.teamB, ...a.userIds };
}

/** A route as the tests call it: a path template, the least role it needs, a valid body. */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly role: Role;
  readonly body?: unknown;
}

export type Call = [caller: Caller, method: string, path: string, body?: unknown];

/** Each route as each caller, as `test.each` rows. */
export function byCallers(callers: readonly Caller[], routes: readonly Route[]): Call[] {
  return callers.flatMap((caller) =>
    routes.map((route): Call => [caller, route.method, route.path, route.body]),
  );
}
