import {
  createTestApp,
  expectProblem,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';

describe.each(testDialects())('request limits on %s', (dialect) => {
  let a: TestApp;
  afterEach(() => a.destroy());

  test('a body over the limit is a 413 problem and stores nothing', async () => {
    a = await createTestApp({
      dialect,
      app: (core) => createApp(core, { bodyLimitBytes: 1024 }),
    });
    const path = `/v1/teams/${a.teamA}/customers`;
    const res = await unchanged(a, () =>
      a.call('rep', 'POST', path, { kind: 'person', name: 'x'.repeat(2000) }),
    );
    expect(await expectProblem(res, 413, 'GX_ERR_BODY_TOO_LARGE')).toEqual({
      type: 'urn:guanxi:problem:GX_ERR_BODY_TOO_LARGE',
      title: 'Request too large',
      status: 413,
      detail: 'The request body is too large',
      code: 'GX_ERR_BODY_TOO_LARGE',
      instance: path,
    });
    expect((await a.t.core.customers.list(a.teamA)).items).toEqual([]);
  });

  test('a streamed body without a length is cut off at the limit too', async () => {
    a = await createTestApp({
      dialect,
      app: (core) => createApp(core, { bodyLimitBytes: 1024 }),
    });
    const chunk = new TextEncoder().encode(`{"kind":"person","name":"${'x'.repeat(600)}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await unchanged(a, async () =>
      a.app.request(`/v1/teams/${a.teamA}/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.keys.rep}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    await expectProblem(res, 413, 'GX_ERR_BODY_TOO_LARGE');
  });

  test('each key has its own bucket: past the burst, 429 with Retry-After until it refills', async () => {
    let now = 0;
    a = await createTestApp({
      dialect,
      app: (core) => createApp(core, { rateLimit: { perMinute: 60, burst: 2, now: () => now } }),
    });
    expect((await a.call('rep', 'GET', '/v1/me')).status).toBe(200);
    expect((await a.call('rep', 'GET', '/v1/me')).status).toBe(200);
    const limited = await a.call('rep', 'GET', '/v1/me');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await expectProblem(limited, 429, 'GX_ERR_RATE_LIMITED')).toEqual({
      type: 'urn:guanxi:problem:GX_ERR_RATE_LIMITED',
      title: 'Too many requests',
      status: 429,
      detail: 'Too many requests for this key; retry in 1 s',
      code: 'GX_ERR_RATE_LIMITED',
      instance: '/v1/me',
    });
    const write = await unchanged(a, () =>
      a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, { kind: 'person', name: 'Lin' }),
    );
    await expectProblem(write, 429, 'GX_ERR_RATE_LIMITED');
    expect((await a.call('manager', 'GET', '/v1/me')).status).toBe(200);
    now += 1000;
    expect((await a.call('rep', 'GET', '/v1/me')).status).toBe(200);
  });

  test('every answer to a key carries RateLimit-Policy and RateLimit, a 429 too', async () => {
    let now = 0;
    a = await createTestApp({
      dialect,
      app: (core) => createApp(core, { rateLimit: { perMinute: 600, burst: 3, now: () => now } }),
    });
    const fields = (res: Response) => [
      res.status,
      res.headers.get('ratelimit-policy'),
      res.headers.get('ratelimit'),
      res.headers.get('retry-after'),
    ];
    // 600 a minute is 10 a second: a burst of 3 is a window of 1 s (rounded up from 0.3).
    const policy = '"api-key";q=3;w=1';
    expect(fields(await a.call('rep', 'GET', '/v1/me'))).toEqual([
      200,
      policy,
      '"api-key";r=2;t=1',
      null,
    ]);
    expect(fields(await a.call('rep', 'GET', `/v1/teams/${a.teamB}`))).toEqual([
      404,
      policy,
      '"api-key";r=1;t=1',
      null,
    ]);
    await a.call('rep', 'GET', '/v1/me');
    expect(fields(await a.call('rep', 'GET', '/v1/me'))).toEqual([
      429,
      policy,
      '"api-key";r=0;t=1',
      '1',
    ]);
    now += 250;
    expect(fields(await a.call('rep', 'GET', '/v1/me'))).toEqual([
      200,
      policy,
      '"api-key";r=1;t=1',
      null,
    ]);
    const unkeyed = await a.app.request('/v1/me');
    expect(unkeyed.status).toBe(401);
    expect(unkeyed.headers.get('ratelimit')).toBeNull();
  });

  test('a limit that is not a count is refused naming it', async () => {
    a = await createTestApp({ dialect, app: (core) => createApp(core) });
    for (const [options, path] of [
      [{ perMinute: 0 }, 'rateLimit.perMinute'],
      [{ burst: 2.5 }, 'rateLimit.burst'],
      [{ perMinute: 1e10 }, 'rateLimit.perMinute'],
    ] as const) {
      expect(() => createApp(a.t.core, { rateLimit: options })).toThrow(
        expect.objectContaining({
          code: 'GX_ERR_VALIDATION',
          issues: [{ path, message: 'must be a whole number from 1 to 1000000000' }],
        }),
      );
    }
  });

  test('CORS answers only the configured origins', async () => {
    a = await createTestApp({
      dialect,
      app: (core) => createApp(core, { corsOrigins: ['chrome-extension://abc'] }),
    });
    const allowed = await a.call('rep', 'GET', '/v1/me', undefined, {
      origin: 'chrome-extension://abc',
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    const other = await a.call('rep', 'GET', '/v1/me', undefined, {
      origin: 'https://evil.example',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
