import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { serverConfigFromEnv, startServer } from './server';

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

describe('startServer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-server-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('serves the app on a port with CORS for listed origins, then closes', async () => {
    const server = await startServer({
      config: {
        host: '127.0.0.1',
        port: 0,
        databaseUrl: join(dir, 'guanxi.db'),
        corsOrigins: ['chrome-extension://abc'],
      },
      plugins: [],
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, dialect: 'sqlite' });
    const cors = await fetch(`${server.url}/v1/openapi.json`, {
      headers: { origin: 'chrome-extension://abc' },
    });
    expect(cors.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
