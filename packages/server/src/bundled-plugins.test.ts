import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BUNDLED_PLUGINS, type BundledPluginId, bundledPlugins } from './bundled-plugins';

const GUANXI = join(dirname(fileURLToPath(import.meta.url)), '../bin/guanxi.mjs');
const IDS = Object.keys(BUNDLED_PLUGINS) as BundledPluginId[];

/**
 * The resolver against projects made on disk: none of the bundled plugins is installed in
 * this package, so what it finds, it finds in the project.
 */
describe('bundledPlugins', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'guanxi-project-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "my-crm", "private": true }');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  /** Installs a stand-in for a bundled package whose default export has this id. */
  const install = (name: string, id: string) => {
    const dir = join(project, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, type: 'module', exports: './index.js' }),
    );
    writeFileSync(
      join(dir, 'index.js'),
      `export default { id: ${JSON.stringify(id)}, version: '1.0.0', from: 'the project' };\n`,
    );
  };

  test('imports each one from the project, in install order', async () => {
    for (const [id, name] of Object.entries(BUNDLED_PLUGINS)) install(name, id);
    const plugins = await bundledPlugins({ from: project });
    expect(plugins.map((plugin) => plugin.id)).toEqual([
      'scoring',
      'tiering',
      'service',
      'winback',
      'loyalty',
      'development',
      'reports',
      'example-scorer',
    ]);
    expect(plugins.every((plugin) => 'from' in plugin && plugin.from === 'the project')).toBe(true);
  });

  test('one not installed is an error naming its package and the two ways out', async () => {
    install(BUNDLED_PLUGINS.scoring, 'scoring');
    const error = await bundledPlugins({ from: project }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'GX_ERR_PLUGIN_UNKNOWN',
      details: { package: '@guanxi/plugin-tiering', from: project },
    });
    expect((error as Error).message).toBe(
      `@guanxi/plugin-tiering is not installed in ${project}: install it there ` +
        "(npm install @guanxi/plugin-tiering), or leave it out with except: ['tiering']",
    );
  });

  test('those left out need not be installed', async () => {
    install(BUNDLED_PLUGINS.scoring, 'scoring');
    install(BUNDLED_PLUGINS.service, 'service');
    const kept = await bundledPlugins({
      from: project,
      except: ['tiering', 'winback', 'loyalty', 'development', 'reports', 'example-scorer'],
    });
    expect(kept.map((plugin) => plugin.id)).toEqual(['scoring', 'service']);
    expect(await bundledPlugins({ from: project, except: IDS })).toEqual([]);
  });

  test('an unknown id in except is a validation error naming its place', async () => {
    await expect(
      bundledPlugins({ from: project, except: ['scoring', 'tierring' as BundledPluginId] }),
    ).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'except.1', message: expect.stringContaining('not a bundled plugin') }],
    });
  });

  test('a package whose default export is another plugin is refused', async () => {
    install(BUNDLED_PLUGINS.scoring, 'tiering');
    await expect(bundledPlugins({ from: project, except: IDS.slice(1) })).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_INVALID',
      message: '@guanxi/plugin-scoring does not export the scoring plugin as its default export',
    });
  });

  test('the guanxi binary run in a project without them says which package is missing', () => {
    const guanxi = (...args: string[]) =>
      spawnSync(process.execPath, [GUANXI, ...args], {
        cwd: project,
        env: { ...process.env, DATABASE_URL: join(project, 'guanxi.db') },
        encoding: 'utf8',
      });
    expect(guanxi('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('serve') });
    const migrate = guanxi('migrate');
    expect(migrate.status).toBe(1);
    expect(migrate.stderr).toContain(
      `error GX_ERR_PLUGIN_UNKNOWN: @guanxi/plugin-scoring is not installed in ${project}`,
    );
    const orders = join(project, 'orders.csv');
    writeFileSync(orders, 'customer,placed_at,amount\nC1,2024-05-01,12.50\n');
    const clv = guanxi('clv', 'fit', '--orders', orders, '--until', '2024-06-01');
    expect(clv.status).toBe(1);
    expect(clv.stderr).toBe(
      `error GX_ERR_PLUGIN_UNKNOWN: @guanxi/plugin-scoring is not installed in ${project}: ` +
        'install it there (npm install @guanxi/plugin-scoring), as guanxi clv runs its models\n',
    );
  }, 60_000);
});
