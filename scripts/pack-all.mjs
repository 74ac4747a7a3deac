#!/usr/bin/env node
// `pnpm pack:all [--out DIR]`: builds every publishable workspace package and packs each into
// one tarball in DIR (default .packs/, emptied first), as `pnpm publish` would upload it:
// publishConfig applied, workspace:* dependencies turned into versions.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPackages, ROOT } from './build-packages.mjs';
import { publishablePackages } from './workspace-packages.mjs';

const at = process.argv.indexOf('--out');
const out = resolve(at === -1 ? join(ROOT, '.packs') : (process.argv[at + 1] ?? ''));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

buildPackages();
for (const { dir } of publishablePackages(ROOT)) {
  execFileSync('pnpm', ['pack', '--pack-destination', out], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
for (const file of readdirSync(out).sort()) console.log(join(out, file));
