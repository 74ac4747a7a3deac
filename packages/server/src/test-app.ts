import type { AnyPlugin, Dialect, Role } from '@guanxi/core';
import { createTestCore, type TestCore } from '@guanxi/core/testing';
import { type AppOptions, createApp } from './app';

export type Caller = 'admin' | 'manager' | 'rep' | 'otherRep' | 'revoked' | 'none';

export interface TestApp {
  readonly t: TestCore;
  readonly app: ReturnType<typeof createApp>['app'];
  readonly doc: ReturnType<typeof createApp>['doc'];
  readonly teamA: number;
  readonly teamB: number;
  readonly keys: Readonly<Record<Exclude<Caller, 'none'>, string>>;
  readonly userIds: Readonly<Record<Exclude<Caller, 'none'>, number>>;
  /** Sends a request as one of the fixture's callers; a body is sent as JSON. */
  call(
    caller: Caller,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  destroy(): Promise<void>;
}

/**
 * The real app over a real core on a temporary database, with team A (an admin, a
 * manager, a rep and a rep whose key is revoked) and team B (one rep).
 */
export async function createTestApp(
  dialect: Dialect,
  options: { plugins?: readonly AnyPlugin[]; app?: AppOptions } = {},
): Promise<TestApp> {
  const t = await createTestCore({ dialect, plugins: options.plugins ?? [] });
  const { core } = t;
  const teamA = (await core.teams.create({ name: 'Team A', slug: 'team-a', locale: 'en' })).id;
  const teamB = (await core.teams.create({ name: 'Team B', slug: 'team-b' })).id;
  const people: [Exclude<Caller, 'none'>, number, Role][] = [
    ['admin', teamA, 'admin'],
    ['manager', teamA, 'manager'],
    ['rep', teamA, 'rep'],
    ['otherRep', teamB, 'rep'],
    ['revoked', teamA, 'rep'],
  ];
  const keys = {} as Record<Exclude<Caller, 'none'>, string>;
  const userIds = {} as Record<Exclude<Caller, 'none'>, number>;
  for (const [name, teamId, role] of people) {
    const user = await core.users.create({ email: `${name.toLowerCase()}@guanxi.test`, name });
    await core.users.setRole(teamId, user.id, role);
    const key = await core.apiKeys.create(user.id, `${name} key`);
    keys[name] = key.key;
    userIds[name] = user.id;
    if (name === 'revoked') await core.apiKeys.revoke(key.id);
  }
  const { app, doc } = createApp(core, options.app);
  return {
    t,
    app,
    doc,
    teamA,
    teamB,
    keys,
    userIds,
    call: (caller, method, path, body, headers = {}) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(caller === 'none' ? {} : { authorization: `Bearer ${keys[caller]}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined
            ? {}
            : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      ),
    destroy: () => t.destroy(),
  };
}
