import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runGuanxi } from '../../support/guanxi';

describe('guanxi import and the file encoding', () => {
  let dir: string;
  const guanxi = (...args: string[]) => runGuanxi(join(dir, 'guanxi.db'), ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-gbk-'));
    const core = await createCore({
      database: openDatabase({ url: join(dir, 'guanxi.db') }),
      plugins: await bundledPlugins(),
    });
    await core.teams.create({ name: 'East', slug: 'east' });
    await core.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a GBK file read as UTF-8 is refused with the remedy; told gbk, it imports', async () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(file, iconv.encode('external_ref,kind,name\nW1,person,王芳\n', 'gbk'));
    const refused = guanxi('import', 'customers', file, '--team', 'east');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `error GX_ERR_VALIDATION: ${file} is not UTF-8 (line 2): if it was saved as GBK, as Excel does on Chinese Windows, import it with --encoding gbk\n` +
        '  encoding: the file is not UTF-8 (line 2)\n',
    );
    const imported = guanxi('import', 'customers', file, '--team', 'east', '--encoding', 'gbk');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^read 1, imported 1, duplicates 0, rejected 0 /);
    const exported = JSON.parse(guanxi('export', '--team', 'east').stdout);
    expect(exported.customers).toMatchObject([{ externalRef: 'W1', name: '王芳' }]);
  }, 60_000);
});
