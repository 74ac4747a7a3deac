import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GuanxiError } from '@guanxi/core';

export interface ProjectImportOptions {
  /** The project folder. Default: the working directory. */
  readonly from?: string | undefined;
  /** What else the person can do, added to the message when the package is missing. */
  readonly hint?: string;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageOf(specifier: string): string {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

/**
 * The folder of package `name` in the nearest `node_modules` from `from` upwards, as an
 * `import` from the project would find it. NODE_PATH is not consulted, as `import` does not
 * consult it either (pnpm's bin scripts point it at the store, where every package is).
 */
function packageFolder(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', name);
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Imports a module as the project's own code would: resolved from the project folder's
 * dependencies, not from the server package's. A package the project has not installed is
 * `GX_ERR_PLUGIN_UNKNOWN` naming it and how to install it.
 */
export async function importFromProject<T>(
  specifier: string,
  options: ProjectImportOptions = {},
): Promise<T> {
  const from = resolve(options.from ?? process.cwd());
  const name = packageOf(specifier);
  const folder = packageFolder(name, from);
  if (folder === undefined) {
    throw new GuanxiError(
      'GX_ERR_PLUGIN_UNKNOWN',
      `${name} is not installed in ${from}: install it there (npm install ${name})` +
        (options.hint === undefined ? '' : `, ${options.hint}`),
      { details: { package: name, from } },
    );
  }
  // From inside the package, its own name resolves through its `exports`.
  const file = createRequire(join(folder, 'package.json')).resolve(specifier);
  return (await import(pathToFileURL(file).href)) as T;
}
