// The workspace packages pnpm-workspace.yaml names, read from their package.json files: for
// the layering check (check-workspace.mjs) and the build and packing of the publishable ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold no workspace package or source of ours. */
export const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.output',
  '.wxt',
  '.data',
  '.packs',
  'dist',
]);

// The `packages:` globs of pnpm-workspace.yaml, such as `test` and `plugins/*`.
function workspaceGlobs(root) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [];
  let inPackages = false;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    const item = inPackages && /^\s+-\s*['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/.exec(line);
    if (item) globs.push(item[1]);
  }
  return globs;
}

// The folders a glob names, each of its segments a name or a star.
function expand(root, glob) {
  if (glob.startsWith('!') || glob.includes('**')) {
    throw new Error(`pnpm-workspace.yaml: the glob ${glob} is not supported by this check`);
  }
  let dirs = [root];
  for (const segment of glob.split('/').filter((part) => part !== '' && part !== '.')) {
    dirs = dirs.flatMap((dir) => {
      if (segment !== '*') return existsSync(join(dir, segment)) ? [join(dir, segment)] : [];
      if (!existsSync(dir)) return [];
      return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !SKIPPED.has(entry.name))
        .map((entry) => join(dir, entry.name));
    });
  }
  return dirs;
}

/** Every workspace package (not the root): its folder and its package.json. */
export function workspaceManifests(root) {
  return workspaceGlobs(root)
    .flatMap((glob) => expand(root, glob))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ json }) => typeof json.name === 'string');
}

/** The packages to publish: every workspace package not marked private. */
export function publishablePackages(root) {
  return workspaceManifests(root).filter(({ json }) => json.private !== true);
}
