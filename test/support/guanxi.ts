import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: a project whose dependencies hold the server and the bundled plugins. */
export const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** The `guanxi` binary as the project has it installed; run it with `cwd: PROJECT`. */
export const GUANXI = join(PROJECT, 'node_modules/@guanxi/server/bin/guanxi.mjs');

/** Runs the `guanxi` binary from the project on a database, as a person at a shell would. */
export function runGuanxi(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, [GUANXI, ...args], {
    cwd: PROJECT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
}
