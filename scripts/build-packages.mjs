#!/usr/bin/env node
// `pnpm build`: builds every publishable workspace package (those not marked private) to
// JavaScript and declarations in its dist/, with tsdown and the root tsdown.config.ts. The
// workspace itself runs from source; only packed packages use dist/.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages } from './workspace-packages.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds them, two at a time (the machine may have two cores), failing on the first error. */
export function buildPackages(root = ROOT) {
  const filters = publishablePackages(root).flatMap(({ json }) => ['--filter', json.name]);
  execFileSync('pnpm', ['--workspace-concurrency=2', ...filters, 'run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildPackages();
