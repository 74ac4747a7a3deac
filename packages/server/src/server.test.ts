import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runsDeferredWork, type ServerConfig, serverConfigFromEnv, startServer } from './server';

describe('serverConfigFromEnv', () => {
  test('defaults to 127.0.0.1:3000 and .data/guanxi.db', () => {
    expect(serverConfigFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: '.data/guanxi.db',
      corsOrigins: [],
      cardRefreshMs: 0,
      hookTimeoutMs: 2000,
      workers: 1,
      rateLimit: { perMinute: 1200, burst: 200 },
      webhookAllowPrivate: false,
      console: { sessions: { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 }, origins: [] },
    });
  });

  test('reads HOST, PORT, DATABASE_URL, CORS origins, the worker count and the console’s sessions', () => {
    expect(
      serverConfigFromEnv({
        HOST: '0.0.0.0',
        PORT: '8080',
        DATABASE_URL: 'postgres://db/guanxi',
        GUANXI_CORS_ORIGINS: 'chrome-extension://abc, https://crm.example.com,',
        GUANXI_CARD_REFRESH_MS: '10000',
        GUANXI_HOOK_TIMEOUT_MS: '60000',
        GUANXI_WORKERS: '4',
        GUANXI_RATE_LIMIT_PER_MINUTE: '6000',
        GUANXI_RATE_LIMIT_BURST: ' 50 ',
        GUANXI_WEBHOOK_ALLOW_PRIVATE: '1',
        GUANXI_SESSION_IDLE_MINUTES: '15',
        GUANXI_SESSION_HOURS: '12',
        GUANXI_CONSOLE_ORIGINS: 'https://crm.example.com',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: 'postgres://db/guanxi',
      corsOrigins: ['chrome-extension://abc', 'https://crm.example.com'],
      cardRefreshMs: 10_000,
      hookTimeoutMs: 60_000,
      workers: 4,
      rateLimit: { perMinute: 6_000, burst: 50 },
      webhookAllowPrivate: true,
      console: {
        sessions: { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 },
        origins: ['https://crm.example.com'],
      },
    });
  });

  test.each([
    ['PORT', 'http'],
    ['GUANXI_CARD_REFRESH_MS', '-5'],
    ['GUANXI_CARD_REFRESH_MS', '1.5'],
    ['GUANXI_HOOK_TIMEOUT_MS', '0'],
    ['GUANXI_HOOK_TIMEOUT_MS', 'soon'],
    ['GUANXI_WORKERS', '0'],
    ['GUANXI_WORKERS', 'all'],
    ['GUANXI_WORKERS', '65'],
    ['GUANXI_WORKERS', '2.0'],
    ['GUANXI_RATE_LIMIT_PER_MINUTE', '0'],
    ['GUANXI_RATE_LIMIT_PER_MINUTE', '1.5'],
    ['GUANXI_RATE_LIMIT_PER_MINUTE', 'lots'],
    ['GUANXI_RATE_LIMIT_PER_MINUTE', '1000000001'],
    ['GUANXI_RATE_LIMIT_BURST', '-1'],
    ['GUANXI_RATE_LIMIT_BURST', '1e3'],
    ['GUANXI_WEBHOOK_ALLOW_PRIVATE', 'yes'],
    ['GUANXI_WEBHOOK_ALLOW_PRIVATE', 'true'],
    ['GUANXI_SESSION_IDLE_MINUTES', '0'],
    ['GUANXI_SESSION_HOURS', 'long'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => serverConfigFromEnv({ [name]: value })).toThrow(
      expect.objectContaining({
        code: 'GX_ERR_VALIDATION',
        issues: [expect.objectContaining({ path: name })],
      }),
    );
  });
});

test('on SQLite only the first process of a pool runs deferred work, on PostgreSQL each', () => {
  expect([0, 1, 2].map((index) => runsDeferredWork('sqlite', index))).toEqual([true, false, false]);
  expect([0, 1, 2].map((index) => runsDeferredWork('postgres', index))).toEqual([true, true, true]);
});

describe('startServer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-server-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A server on a free port of 127.0.0.1, over a SQLite file, CORS for one origin. */
  const serveHere = (config: Partial<ServerConfig> = {}) =>
    startServer({
      config: {
        host: '127.0.0.1',
        port: 0,
        databaseUrl: join(dir, 'guanxi.db'),
        corsOrigins: ['chrome-extension://abc'],
        ...config,
      },
      plugins: [],
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    });

  test('serves the app on a port with CORS for listed origins, then closes', async () => {
    const server = await serveHere();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, dialect: 'sqlite' });
    const cors = await fetch(`${server.url}/v1/openapi.json`, {
      headers: { origin: 'chrome-extension://abc' },
    });
    expect(cors.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  test('limits each key as configured and says so in RateLimit fields', async () => {
    const server = await serveHere({ rateLimit: { perMinute: 60, burst: 2 } });
    try {
      const user = await server.core.users.create({ email: 'ada@guanxi.test', name: 'Ada' });
      const { key } = await server.core.apiKeys.create(user.id, 'test');
      const me = () =>
        fetch(`${server.url}/v1/me`, {
          headers: { authorization: `Bearer ${key}`, origin: 'chrome-extension://abc' },
        });
      const first = await me();
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-policy')).toBe('"api-key";q=2;w=2');
      expect(first.headers.get('ratelimit')).toBe('"api-key";r=1;t=1');
      expect(first.headers.get('access-control-expose-headers')).toBe(
        'RateLimit,RateLimit-Policy,Retry-After',
      );
      expect((await me()).headers.get('ratelimit')).toMatch(/^"api-key";r=0;t=[12]$/);
      const limited = await me();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.headers.get('ratelimit')).toBe('"api-key";r=0;t=1');
    } finally {
      await server.close();
    }
  });
});
