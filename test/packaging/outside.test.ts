import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT } from '../support/guanxi';

const run = promisify(execFile);

/**
 * Guanxi as a company gets it: every package packed once, installed with npm into folders
 * outside this workspace, a project scaffolded by the packed create-guanxi, its own tests,
 * and its server with its own plugin, driven through the CLI and the REST API.
 */
describe('the packed packages, from outside the workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-outside-'));
  const packs = join(dir, 'packs');
  const empty = join(dir, 'empty');
  const project = join(dir, 'my-crm');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // better-sqlite3 compiles against Node's own headers: there are no prebuilt downloads.
    npm_config_build_from_source: 'true',
    ...(existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
  // The workspace's own settings, and this vitest's, must not reach the project.
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_URL|PORT|HOST|NODE_OPTIONS|VITEST.*|TEST)$/.test(name)) delete env[name];
  }
  const sh = (cwd: string, command: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    run(command, args, { cwd, env: { ...env, ...extra }, maxBuffer: 64 * 1024 * 1024 });
  const tarballs = () => readdirSync(packs).map((file) => join(packs, file));
  const started = performance.now();
  /** Each step's time, for the log: this test is the slowest of the suite. */
  const step = (name: string) =>
    console.log(`outside: ${name} at ${((performance.now() - started) / 1000).toFixed(0)} s`);

  beforeAll(async () => {
    await sh(PROJECT, process.execPath, ['scripts/pack-all.mjs', '--out', packs]);
    step('packed');
  }, 300_000);
  afterAll(() => {
    step('done');
    rmSync(dir, { recursive: true, force: true });
  });

  test('one tarball per publishable package, with no tests, fixtures or dangling source maps', async () => {
    const names = tarballs().map((file) => file.slice(packs.length + 1));
    expect(names).toEqual(
      expect.arrayContaining([
        'create-guanxi-0.1.0.tgz',
        'guanxi-client-0.1.0.tgz',
        'guanxi-core-0.1.0.tgz',
        'guanxi-server-0.1.0.tgz',
        'guanxi-testing-0.1.0.tgz',
        'guanxi-plugin-scoring-0.1.0.tgz',
        'guanxi-plugin-example-scorer-0.1.0.tgz',
      ]),
    );
    for (const tarball of tarballs()) {
      const files = (await sh(dir, 'tar', ['tzf', tarball])).stdout.trim().split('\n');
      // A scaffold's templates are the product: the project's own tests start there.
      const shipped = files.filter((file) => !file.startsWith('package/templates/'));
      expect(
        shipped.filter((file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file)),
        tarball,
      ).toEqual([]);
      expect(
        shipped.filter((file) => /(^|\/)(__)?fixtures?(__)?\//.test(file)),
        tarball,
      ).toEqual([]);
      expect(
        shipped.filter((file) => /\/src\//.test(file)),
        tarball,
      ).toEqual([]);
      for (const map of files.filter((file) => file.endsWith('.map'))) {
        const { sources } = JSON.parse((await sh(dir, 'tar', ['xzfO', tarball, map])).stdout);
        const folder = map.slice(0, map.lastIndexOf('/') + 1);
        for (const source of sources as string[]) {
          expect(files, `${map} points to ${source}`).toContain(
            new URL(source, `file:///${folder}`).pathname.slice(1),
          );
        }
      }
      const manifest = JSON.parse(
        (await sh(dir, 'tar', ['xzfO', tarball, 'package/package.json'])).stdout,
      );
      expect(JSON.stringify(manifest), tarball).not.toContain('workspace:');
      expect(manifest).toMatchObject({ license: expect.any(String), engines: { node: '>=20.19' } });
      for (const target of [
        ...Object.values<{ default: string }>(manifest.exports ?? {}).map((entry) => entry.default),
        ...Object.values<string>(manifest.bin ?? {}),
      ]) {
        expect(files, `${tarball}: ${target}`).toContain(`package/${target.slice(2)}`);
      }
    }
  });

  test('npm install of the tarballs into an empty folder gives a working guanxi --help', async () => {
    mkdirSync(empty);
    // Without install scripts: --help opens no database, so better-sqlite3 need not be
    // compiled here; the project below installs it in full.
    await sh(empty, 'npm', ['install', '--ignore-scripts', '--prefer-offline', ...tarballs()]);
    step('installed in an empty folder');
    const help = await sh(empty, join(empty, 'node_modules/.bin/guanxi'), ['--help']);
    expect(help.stdout).toMatch(/^Usage: guanxi \[options\] \[command\]/);
    expect(help.stdout).toContain('--config <file>');
    expect(existsSync(join(empty, 'node_modules/tsx'))).toBe(false);
  }, 300_000);

  describe('a project made by the packed create-guanxi', () => {
    let server: ChildProcess | undefined;
    // npm start runs guanxi serve in a process group of its own, stopped as a whole.
    afterAll(() => {
      if (server?.pid !== undefined && server.exitCode === null)
        process.kill(-server.pid, 'SIGTERM');
    });

    test('installs from the tarballs and passes its own tests', async () => {
      const made = await sh(dir, join(empty, 'node_modules/.bin/create-guanxi'), [
        'my-crm',
        '--plugin',
        'late-payers',
        '--packs',
        packs,
      ]);
      expect(made.stdout).toContain('Made my-crm with the plugin plugins/late-payers');
      await sh(project, 'npm', ['install', '--prefer-offline']);
      step('project installed');
      const tested = await sh(project, 'npm', ['test']);
      step('project tested');
      // Both dialects when this run has a PostgreSQL server, as the generated README says.
      const count = process.env.GUANXI_TEST_DATABASE_URL ? 4 : 2;
      expect(tested.stdout).toMatch(new RegExp(`Tests\\s+${count} passed \\(${count}\\)`));
    }, 600_000);

    test("serves the plugin's score and panel on a customer's card", async () => {
      const guanxi = async (...args: string[]) =>
        (await sh(project, join(project, 'node_modules/.bin/guanxi'), args)).stdout;
      const team = JSON.parse(await guanxi('teams', 'create', '--name', 'East', '--slug', 'east'));
      await guanxi(
        'users',
        'create',
        '--email',
        'ada@east.example',
        '--name',
        'Ada',
        '--team',
        'east',
        '--role',
        'admin',
      );
      const key = (
        await guanxi('keys', 'create', '--user', 'ada@east.example', '--name', 'test')
      ).trim();

      server = spawn('npm', ['start'], {
        cwd: project,
        env: { ...env, PORT: '0' },
        detached: true,
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server?.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /listening on (http:\/\/[^"\s]+)/.exec(out);
          if (found?.[1] !== undefined) resolve(found[1]);
        });
        server?.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
      });
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${url}/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const teamPath = `/teams/${team.id}`;
      for (const plugin of ['scoring', 'late-payers']) {
        expect((await api('PUT', `${teamPath}/plugins/${plugin}`, { enabled: true })).status).toBe(
          200,
        );
      }
      const customer = await api('POST', `${teamPath}/customers`, {
        kind: 'person',
        name: 'Bo',
        emails: ['bo@buyer.example'],
      });
      expect(customer.status).toBe(201);
      const orders = await api('POST', `${teamPath}/orders/batch`, {
        orders: [40_000, 60_000].map((amount, i) => ({
          customerId: (customer.body as { id: number }).id,
          amount,
          placedAt: `2026-0${i + 1}-15`,
        })),
      });
      expect(orders.status).toBe(201);
      await guanxi('jobs', 'run', 'scoring:score', '--team', 'east');

      const { status, body } = await api('GET', '/context?email=bo@buyer.example');
      expect(status).toBe(200);
      const card = body.card as {
        slots: { latePayers?: unknown; scores?: { all: { scorer: string; value: number }[] } };
        panels: { plugin: string; title: string }[];
      };
      // 100,000 of revenue earns the revenue half in full; 2 of 10 orders a fifth of the other.
      expect(card.slots.latePayers).toEqual({ score: 60 });
      expect(card.panels).toContainEqual(
        expect.objectContaining({ plugin: 'late-payers', title: 'My score' }),
      );
      expect(card.slots.scores?.all).toContainEqual(
        expect.objectContaining({ scorer: 'late-payers/score', value: 60 }),
      );

      // An integrator's program reads the same card through the packed client.
      const client: typeof import('@guanxi/client') = await import(
        pathToFileURL(join(empty, 'node_modules/@guanxi/client/dist/index.mjs')).href
      );
      const guanxiClient = client.createGuanxiClient({ baseUrl: url, apiKey: key });
      const read = await guanxiClient.GET('/v1/context', {
        params: { query: { email: 'bo@buyer.example' } },
      });
      expect(read.response.status).toBe(200);
      expect(read.data?.card.slots).toMatchObject({ latePayers: { score: 60 } });

      // The API's document and its viewer, from the packed server's own dependencies.
      const document = await fetch(`${url}/v1/openapi.json`);
      expect(document.status).toBe(200);
      expect(Object.keys(((await document.json()) as { paths: object }).paths)).toContain(
        '/v1/context',
      );
      const viewer = await fetch(`${url}/v1/docs/swagger-ui-bundle.js`);
      expect([viewer.status, viewer.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
    }, 120_000);
  });
});
