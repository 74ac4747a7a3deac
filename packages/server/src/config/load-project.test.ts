import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BUNDLED_PLUGINS } from '../bundled-plugins';
import { loadProject } from './load-project';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '../..');
const GUANXI = join(SERVER, 'bin/guanxi.mjs');

/**
 * Projects made on disk: stand-ins for the bundled plugins in node_modules, this server
 * package linked as @guanxi/server for the config to import, and a config file.
 */
describe('loadProject', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'guanxi-config-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "my-crm", "type": "module" }');
    for (const [id, name] of Object.entries(BUNDLED_PLUGINS)) {
      const dir = join(project, 'node_modules', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name, type: 'module', exports: './index.js' }),
      );
      writeFileSync(join(dir, 'index.js'), `export default { id: '${id}', version: '1.0.0' };\n`);
    }
    symlinkSync(SERVER, join(project, 'node_modules/@guanxi/server'), 'dir');
    mkdirSync(join(project, 'plugins/late-payers'), { recursive: true });
    writeFileSync(
      join(project, 'plugins/late-payers/index.ts'),
      "export default (days: number) => ({ id: 'late-payers', version: '1.0.0', days });\n",
    );
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const write = (name: string, text: string) => writeFileSync(join(project, name), text);
  const config = (body: string) =>
    write(
      'guanxi.config.ts',
      "import { bundled, defineConfig } from '@guanxi/server';\n" +
        "import latePayers from './plugins/late-payers';\n" +
        `export default defineConfig(${body});\n`,
    );
  const ids = (plugins: readonly { id: string }[]) => plugins.map((plugin) => plugin.id);

  test('without a config file: every bundled plugin, the settings from the environment', async () => {
    const loaded = await loadProject({ cwd: project, env: { PORT: '4000' } });
    expect(loaded.file).toBeUndefined();
    expect(loaded.root).toBe(project);
    expect(ids(loaded.plugins)).toEqual(Object.keys(BUNDLED_PLUGINS));
    expect(loaded.server).toMatchObject({ port: 4000, databaseUrl: '.data/guanxi.db' });
  });

  test("a config's plugins in its order, bundled ones from the project, its own called", async () => {
    config(
      "{ plugins: [...bundled({ except: ['loyalty', 'reports', 'example-scorer'] }), latePayers(30)], " +
        "database: 'data/crm.db', server: { port: 4100, workers: 2, rateLimit: { burst: 5 }, " +
        "sessionIdleMinutes: 15, consoleOrigins: ['https://crm.example.com'] } }",
    );
    const loaded = await loadProject({ cwd: project, env: {} });
    expect(loaded.file).toBe(join(project, 'guanxi.config.ts'));
    expect(ids(loaded.plugins)).toEqual([
      'scoring',
      'tiering',
      'service',
      'winback',
      'development',
      'late-payers',
    ]);
    expect(loaded.plugins[5]).toMatchObject({ days: 30 });
    expect(loaded.server).toEqual({
      host: '127.0.0.1',
      port: 4100,
      databaseUrl: join(project, 'data/crm.db'),
      corsOrigins: [],
      cardRefreshMs: 0,
      hookTimeoutMs: 2000,
      workers: 2,
      rateLimit: { perMinute: 1200, burst: 5 },
      webhookAllowPrivate: false,
      console: {
        sessions: { idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000 },
        origins: ['https://crm.example.com'],
      },
    });
  });

  test('webhooks to private addresses: on in the file, off again by the environment', async () => {
    config('{ server: { webhookAllowPrivate: true } }');
    const fromFile = await loadProject({ cwd: project, env: {} });
    expect(fromFile.server.webhookAllowPrivate).toBe(true);
    const overridden = await loadProject({
      cwd: project,
      env: { GUANXI_WEBHOOK_ALLOW_PRIVATE: '0' },
    });
    expect(overridden.server.webhookAllowPrivate).toBe(false);
  });

  test('a set environment variable wins over the file; an empty one does not', async () => {
    config(
      "{ database: 'postgres://db/crm', server: { port: 4100, host: '0.0.0.0', " +
        'rateLimit: { perMinute: 600, burst: 50 } } }',
    );
    const loaded = await loadProject({
      cwd: project,
      env: { PORT: '5000', HOST: '', DATABASE_URL: '/srv/crm.db', GUANXI_RATE_LIMIT_BURST: '20' },
    });
    expect(loaded.server).toMatchObject({
      port: 5000,
      host: '0.0.0.0',
      databaseUrl: '/srv/crm.db',
      rateLimit: { perMinute: 600, burst: 20 },
    });
    expect(ids(loaded.plugins)).toEqual(Object.keys(BUNDLED_PLUGINS));
  });

  test('--config names a file elsewhere; its folder is the project', async () => {
    const elsewhere = join(project, 'deploy');
    mkdirSync(elsewhere);
    writeFileSync(
      join(elsewhere, 'crm.config.mjs'),
      "export default { plugins: [], database: 'crm.db' };\n",
    );
    const loaded = await loadProject({ cwd: project, config: 'deploy/crm.config.mjs', env: {} });
    expect(loaded).toMatchObject({ root: elsewhere, plugins: [] });
    expect(loaded.server.databaseUrl).toBe(join(elsewhere, 'crm.db'));
    await expect(loadProject({ cwd: project, config: 'nope.ts' })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      message: `No config file at ${join(project, 'nope.ts')}`,
      issues: [{ path: '--config', message: 'no such file' }],
    });
  });

  test.each([
    [
      '{ plugins: [...bundled(), latePayers] }',
      [{ path: 'plugins.8', message: 'not a plugin (did you forget to call the factory?)' }],
    ],
    [
      "{ plugins: [{ id: 'x' }, null], database: '' }",
      [
        {
          path: 'plugins.0',
          message: 'not a plugin (no id and version: make it with definePlugin)',
        },
        { path: 'plugins.1', message: 'not a plugin but null' },
        { path: 'database', message: 'must be a file path or a postgres:// URL' },
      ],
    ],
    [
      "{ server: { port: 70000, workers: 0, cors: ['x'] }, plugin: [] }",
      [
        { path: 'server.port', message: 'must be an integer from 0 to 65535' },
        { path: 'server.workers', message: 'must be a whole number from 1 to 64' },
        { path: 'server.cors', message: 'unknown field' },
        { path: 'plugin', message: 'unknown field' },
      ],
    ],
    [
      '{ server: { rateLimit: { perMinute: 0, burst: 2.5, window: 60 } } }',
      [
        {
          path: 'server.rateLimit.perMinute',
          message: 'must be a whole number from 1 to 1000000000',
        },
        { path: 'server.rateLimit.burst', message: 'must be a whole number from 1 to 1000000000' },
        { path: 'server.rateLimit.window', message: 'unknown field' },
      ],
    ],
    [
      "{ server: { webhookAllowPrivate: 'yes' } }",
      [
        {
          path: 'server.webhookAllowPrivate',
          message: 'must be true or false (1 or 0 in the environment)',
        },
      ],
    ],
  ])('a bad config %s names the file and each field', async (body, issues) => {
    config(body);
    await expect(loadProject({ cwd: project, env: {} })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      message: 'guanxi.config.ts is not a valid Guanxi config',
      issues,
    });
  });

  test('a config that fails to load, or names an unknown bundled plugin, is named', async () => {
    config("{ plugins: bundled({ except: ['loyalty', 'loyality'] }) }");
    await expect(loadProject({ cwd: project, env: {} })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      message: expect.stringMatching(/^guanxi\.config\.ts could not be loaded: Unknown bundled/),
      issues: [{ path: 'except.1', message: expect.stringContaining('not a bundled plugin') }],
    });
    write('guanxi.config.ts', 'export default {\n');
    await expect(loadProject({ cwd: project, env: {} })).rejects.toMatchObject({
      message: expect.stringMatching(/^guanxi\.config\.ts could not be loaded: /),
    });
  });

  test('two config files are one too many', async () => {
    write('guanxi.config.ts', 'export default {};\n');
    write('guanxi.config.mjs', 'export default {};\n');
    await expect(loadProject({ cwd: project })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'guanxi.config.mjs', message: 'keep one config file, guanxi.config.ts' }],
    });
  });

  test('the guanxi binary loads the config for every command, or says why not', () => {
    const guanxi = (...args: string[]) =>
      spawnSync(process.execPath, [GUANXI, ...args], {
        cwd: project,
        env: { ...process.env, DATABASE_URL: '' },
        encoding: 'utf8',
      });
    config("{ plugins: [], database: 'data/crm.db' }");
    expect(guanxi('migrate')).toMatchObject({
      status: 0,
      stdout:
        'core: 0001-core-tables, 0002-customer-search, 0003-customer-cards, 0004-team-time-zone, ' +
        '0005-standard-webhooks, 0006-console-sessions, 0007-import-runs, 0008-customer-list-indexes, ' +
        '0009-report-indexes, 0010-deferred-work\n',
    });
    expect(guanxi('teams', 'list')).toMatchObject({ status: 0, stdout: '[]\n' });
    config('{ plugins: [latePayers] }');
    expect(guanxi('teams', 'list')).toMatchObject({
      status: 1,
      stderr:
        'error GX_ERR_VALIDATION: guanxi.config.ts is not a valid Guanxi config\n' +
        '  plugins.0: not a plugin (did you forget to call the factory?)\n',
    });
  }, 60_000);
});
