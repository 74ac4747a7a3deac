import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addPlugin, createProject, listInConfig } from './scaffold';

describe('the scaffold', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'create-guanxi-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = (...path: string[]) => readFileSync(join(dir, ...path), 'utf8');

  test('makes a project named after its folder, with its first plugin renamed throughout', () => {
    createProject({ dir: join(dir, 'acme-crm'), plugin: 'late-payers' });
    const manifest = JSON.parse(read('acme-crm', 'package.json'));
    expect(manifest).toMatchObject({
      name: 'acme-crm',
      scripts: { start: 'guanxi serve', test: 'vitest run' },
      dependencies: { '@guanxi/server': '^0.1.0', '@guanxi/plugin-scoring': '^0.1.0' },
      devDependencies: { '@guanxi/testing': '^0.1.0', vitest: expect.any(String) },
    });
    expect(manifest.overrides).toBeUndefined();
    expect(read('acme-crm', 'guanxi.config.ts')).toContain(
      "import latePayers from './plugins/late-payers';",
    );
    expect(read('acme-crm', 'guanxi.config.ts')).toContain('plugins: [...bundled(), latePayers]');
    expect(read('acme-crm', 'README.md')).toMatch(/^# acme-crm\n/);
    expect(read('acme-crm', '.gitignore')).toContain('node_modules/');
    const scorer = read('acme-crm', 'plugins', 'late-payers', 'scorer.ts');
    expect(scorer).toContain('latePayers?: { score: number }');
    expect(scorer).not.toMatch(/my-?plugin/i);
    expect(read('acme-crm', 'plugins', 'late-payers', 'index.ts')).toContain("id: 'late-payers'");
  });

  test('points the Guanxi packages at tarballs with --packs, and names one missing', () => {
    const packs = join(dir, 'packs');
    createProject({ dir: packs });
    rmSync(packs, { recursive: true });
    expect(() => createProject({ dir: join(dir, 'crm'), packs: dir })).toThrow(
      `No tarball of @guanxi/core in ${dir}`,
    );
  });

  test('refuses a name that is not kebab-case, and a folder that is not empty', () => {
    expect(() => createProject({ dir: join(dir, 'My CRM') })).toThrow(
      'The project name "My CRM" must be kebab-case',
    );
    mkdirSync(join(dir, 'crm'));
    writeFileSync(join(dir, 'crm', 'notes.txt'), '');
    expect(() => createProject({ dir: join(dir, 'crm') })).toThrow(
      `${join(dir, 'crm')} is not empty`,
    );
  });

  test('adds a plugin from each template once, and lists it in a config of the usual shape', () => {
    createProject({ dir: join(dir, 'crm') });
    const root = join(dir, 'crm');
    const added = addPlugin({ root, name: 'vip-desk', template: 'routes' });
    expect(listInConfig(join(root, 'guanxi.config.ts'), added)).toBe(true);
    expect(read('crm', 'guanxi.config.ts')).toContain(
      "import myPlugin from './plugins/my-plugin';\nimport vipDesk from './plugins/vip-desk';",
    );
    expect(read('crm', 'guanxi.config.ts')).toContain('plugins: [...bundled(), myPlugin, vipDesk]');
    expect(() => addPlugin({ root, name: 'vip-desk', template: 'hook' })).toThrow('exists already');
    writeFileSync(join(root, 'other.config.ts'), 'export default { plugins: makePlugins() };\n');
    const welcome = addPlugin({ root, name: 'welcome', template: 'hook' });
    expect(listInConfig(join(root, 'other.config.ts'), welcome)).toBe(false);
  });
});
