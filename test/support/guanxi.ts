import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: a project whose dependencies hold the server and the bundled plugins. */
export const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** The `guanxi` binary as the project has it installed; run it with `cwd: PROJECT`. */
export const GUANXI = join(PROJECT, 'node_modules/@guanxi/server/bin/guanxi.mjs');
