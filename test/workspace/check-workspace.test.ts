import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PROJECT } from '../support/guanxi';

const SCRIPT = join(PROJECT, 'scripts/check-workspace.mjs');

const check = (root: string) => {
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('scripts/check-workspace.mjs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'guanxi-workspace-'));
    write('pnpm-workspace.yaml', "packages:\n  - packages/*\n  - 'app'\nallowBuilds:\n  x: true\n");
    write('package.json', JSON.stringify({ name: 'root', private: true }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(path: string, text: string) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  /** A workspace package at `dir` with these dependencies, by kind. */
  function pkg(dir: string, name: string, deps: Record<string, readonly string[]> = {}) {
    const json: Record<string, unknown> = { name };
    for (const [kind, names] of Object.entries(deps)) {
      json[kind] = Object.fromEntries(names.map((dep) => [dep, 'workspace:*']));
    }
    write(`${dir}/package.json`, JSON.stringify(json));
  }

  test('a layered workspace passes, and the count says what was read', () => {
    pkg('packages/core', 'core', { dependencies: ['zod'] });
    pkg('packages/testing', 'testing', { dependencies: ['core'], peerDependencies: ['vitest'] });
    pkg('packages/server', 'server', { dependencies: ['core'], devDependencies: ['testing'] });
    pkg('app', 'app', { dependencies: ['server', 'core'] });
    write('packages/server/src/index.ts', "import { core } from 'core';\nexport { core };\n");
    expect(check(root)).toEqual({
      status: 0,
      stdout:
        "workspace: 5 packages, 5 internal dependencies, no cycle; no source imports another package's src/\n",
      stderr: '',
    });
  });

  test.each(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'])(
    'a cycle closed by %s fails, naming it',
    (kind) => {
      pkg('packages/core', 'core');
      pkg('packages/server', 'server', { dependencies: ['core', 'plugin'] });
      pkg('packages/plugin', 'plugin', { dependencies: ['core'], [kind]: ['server'] });
      expect(check(root)).toEqual({
        status: 1,
        stdout: '',
        stderr: 'dependency cycle: plugin → server → plugin\n',
      });
    },
  );

  test('a longer cycle is named whole', () => {
    pkg('packages/a', 'a', { dependencies: ['b'] });
    pkg('packages/b', 'b', { devDependencies: ['c'] });
    pkg('app', 'c', { dependencies: ['a'] });
    expect(check(root).stderr).toBe('dependency cycle: a → b → c → a\n');
  });

  test("an import of another package's src/, by name or by path, fails naming the file", () => {
    pkg('packages/core', 'core');
    pkg('packages/server', 'server', { dependencies: ['core'] });
    write('packages/core/src/testing/index.ts', 'export const clock = 1;\n');
    write(
      'packages/server/src/a.test.ts',
      "import { clock } from '../../core/src/testing/index';\nexport { clock };\n",
    );
    write('app/b.ts', "export const load = () =>\n  import('core/src/testing/index');\n");
    write('app/package.json', JSON.stringify({ name: 'app', dependencies: { core: '*' } }));
    write('packages/server/src/c.ts', "import { own } from './d';\nexport { own };\n");
    write('packages/server/src/d.ts', 'export const own = 1;\n');
    expect(check(root)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        "app/b.ts imports core/src/testing/index, inside core's src/\n" +
        "packages/server/src/a.test.ts imports ../../core/src/testing/index, inside core's src/\n",
    });
  });

  test('this repository passes', () => {
    expect(check(PROJECT)).toMatchObject({ status: 0, stderr: '' });
  });
});
