import type { AnyPlugin, Core, Dialect, Role, WebhookOptions } from '@guanxi/core';
import { createTestCore, type TestCore } from '@guanxi/core/testing';

export type Caller = 'admin' | 'manager' | 'rep' | 'otherRep' | 'revoked' | 'none';

/** What the fixture needs of the app under test: a Hono app's `request`, as `createApp` gives. */
export interface HttpApp {
  readonly app: {
    request(path: string, init?: RequestInit): Response | Promise<Response>;
  };
}

export interface TestAppOptions<A extends HttpApp> {
  readonly dialect: Dialect;
  readonly plugins?: readonly AnyPlugin[];
  /**
   * Builds the app under test over the fixture's core: `createApp` or `appUnderTest()` from
   * `@guanxi/server`. What it returns (`app`, `document`) becomes part of the fixture.
   */
  readonly app: (core: Core) => A;
  /** E.g. `{ allowPrivateTargets: true }` for webhooks to a receiver on loopback. */
  readonly webhooks?: WebhookOptions;
}

/** The fixture around the app: its core, two teams and a key for each kind of caller. */
export interface TestFixture {
  readonly t: TestCore;
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

export type TestApp<A extends HttpApp = HttpApp> = A & TestFixture;

/**
 * The app the caller builds over a real core on a temporary database, with team A (an
 * admin, a manager, a rep and a rep whose key is revoked) and team B (one rep). The app is
 * passed in rather than imported, so this package does not depend on the server.
 */
export async function createTestApp<A extends HttpApp>(
  options: TestAppOptions<A>,
): Promise<TestApp<A>> {
  const t = await createTestCore({
    dialect: options.dialect,
    plugins: options.plugins ?? [],
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
  });
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
  const built = options.app(core);
  return {
    ...built,
    t,
    teamA,
    teamB,
    keys,
    userIds,
    call: (caller, method, path, body, headers = {}) =>
      Promise.resolve(
        built.app.request(path, {
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
