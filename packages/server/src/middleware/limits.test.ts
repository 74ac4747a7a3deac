import { testDialects } from '@guanxi/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';

describe.each(testDialects())('request limits on %s', (dialect) => {
  let a: TestApp;
  afterEach(() => a.destroy());

  test('a body over the limit is a 413 problem and stores nothing', async () => {
    a = await createTestApp(dialect, { app: { bodyLimitBytes: 1024 } });
    const res = await a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, {
      kind: 'person',
      name: 'x'.repeat(2000),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ status: 413, code: 'GX_ERR_BODY_TOO_LARGE' });
    expect((await a.t.core.customers.list(a.teamA)).items).toEqual([]);
  });

  test('each key has its own bucket: past the burst, 429 with Retry-After until it refills', async () => {
    let now = 0;
    a = await createTestApp(dialect, {
      app: { rateLimit: { perMinute: 60, burst: 2, now: () => now } },
    });
    expect((await a.call('rep', 'GET', '/v1/me')).status).toBe(200);
    expect((await a.call('rep', 'GET', '/v1/me')).status).toBe(200);
    const limited = await a.call('rep', 'GET', '/v1/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ code: 'GX_ERR_RATE_LIMITED' });
    expect((await a.call('manager', 'GET', '/v1/me')).status).toBe(200);
    now += 1000;
    expect((await a.call('rep', 'GET', '/v1/me')).status).toBe(200);
  });

  test('CORS answers only the configured origins', async () => {
    a = await createTestApp(dialect, { app: { corsOrigins: ['chrome-extension://abc'] } });
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
