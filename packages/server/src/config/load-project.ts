import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AnyPlugin,
  GuanxiError,
  isGuanxiError,
  isPostgresUrl,
  toFieldIssues,
} from '@guanxi/core';
import { createJiti } from 'jiti';
import { z } from 'zod';
import {
  type BundledPlugin,
  bundledIdOf,
  bundledPlugins,
  importBundledPlugin,
  isBundledPlugin,
} from '../bundled-plugins';
import type { GuanxiConfig } from './define-config';
import { resolveServerConfig, type ServerConfig, serverOptionsSchema } from './server-options';

/** The names a config file may have, looked for in this order. */
export const CONFIG_FILES = [
  'guanxi.config.ts',
  'guanxi.config.mts',
  'guanxi.config.js',
  'guanxi.config.mjs',
] as const;

/** What every `guanxi` command works with: the project's plugins and settings. */
export interface Project {
  /** The config file, or undefined for a folder without one. */
  readonly file: string | undefined;
  /** The folder plugins are installed in: the config file's, else the working directory. */
  readonly root: string;
  readonly plugins: readonly AnyPlugin[];
  readonly server: ServerConfig;
}

export interface LoadProjectOptions {
  /** Default: the working directory. */
  readonly cwd?: string;
  /** A config file to load instead of the one in `cwd` (`--config PATH`). */
  readonly config?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
}

/** Why a config's plugin entry is not a plugin, or undefined when it is one. */
function pluginProblem(entry: unknown): string | undefined {
  if (isBundledPlugin(entry)) return undefined;
  if (typeof entry === 'function') return 'not a plugin (did you forget to call the factory?)';
  if (typeof entry !== 'object' || entry === null) return `not a plugin but ${String(entry)}`;
  if ('default' in entry) return 'not a plugin but a module (import its default export)';
  const { id, version } = entry as { id?: unknown; version?: unknown };
  if (typeof id !== 'string' || typeof version !== 'string') {
    return 'not a plugin (no id and version: make it with definePlugin)';
  }
  return undefined;
}

const configSchema = z.strictObject(
  {
    plugins: z
      .array(
        z.unknown().superRefine((entry, ctx) => {
          const problem = pluginProblem(entry);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
        }),
        'must be a list of plugins',
      )
      .optional(),
    database: z.string('must be a file path or a postgres:// URL').min(1).optional(),
    server: serverOptionsSchema.partial().optional(),
  },
  'must be the config: export default defineConfig({ … })',
);

/** The config file: `--config PATH`, else the one in `cwd`, else none. */
export function findConfigFile(cwd: string, option: string | undefined): string | undefined {
  if (option !== undefined) {
    const file = resolve(cwd, option);
    if (!existsSync(file)) {
      throw new GuanxiError('GX_ERR_VALIDATION', `No config file at ${file}`, {
        issues: [{ path: '--config', message: 'no such file' }],
      });
    }
    return file;
  }
  const found = CONFIG_FILES.filter((name) => existsSync(join(cwd, name)));
  if (found.length > 1) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${found.join(' and ')} are both in ${cwd}`, {
      issues: [{ path: found[1] as string, message: `keep one config file, ${found[0]}` }],
    });
  }
  return found[0] === undefined ? undefined : join(cwd, found[0]);
}

/**
 * The config file's default export. Node imports it when it can (a .js or .mjs file, or any
 * file where a TypeScript loader is registered, as in this repository); a TypeScript file is
 * otherwise loaded with jiti, which transforms it and the project's own files it imports.
 */
async function importConfig(file: string, shown: string): Promise<unknown> {
  try {
    try {
      return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
      return await createJiti(import.meta.url).import(file, { default: true });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GuanxiError(
      isGuanxiError(error) ? error.code : 'GX_ERR_VALIDATION',
      `${shown} could not be loaded: ${message}`,
      { issues: isGuanxiError(error) ? error.issues : [], details: { file }, cause: error },
    );
  }
}

/** A SQLite path in the config is relative to the config's folder. */
function databaseOf(root: string, database: string | undefined): string | undefined {
  if (database === undefined || isPostgresUrl(database) || database === ':memory:') {
    return database;
  }
  return isAbsolute(database) ? database : join(root, database);
}

/**
 * Loads the project a `guanxi` command runs: the config file (`--config PATH`, else
 * guanxi.config.ts, .mts, .js or .mjs in the working directory) with its plugins imported,
 * and the server settings from the environment over the file. Without a config file, every
 * bundled plugin the working directory has installed. A bad config is GX_ERR_VALIDATION
 * naming the file and each bad field.
 */
export async function loadProject(options: LoadProjectOptions = {}): Promise<Project> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const file = findConfigFile(cwd, options.config);
  if (file === undefined) {
    return {
      file,
      root: cwd,
      plugins: await bundledPlugins({ from: cwd }),
      server: resolveServerConfig(env),
    };
  }
  const path = relative(cwd, file);
  const shown = path.startsWith('..') ? file : path;
  const parsed = configSchema.safeParse(await importConfig(file, shown));
  if (!parsed.success) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${shown} is not a valid Guanxi config`, {
      issues: toFieldIssues(parsed.error),
      details: { file },
    });
  }
  const config = parsed.data as GuanxiConfig;
  const root = dirname(file);
  const plugins: AnyPlugin[] = [];
  for (const entry of config.plugins ?? (await bundledPlugins({ from: root }))) {
    plugins.push(
      isBundledPlugin(entry)
        ? await importBundledPlugin(bundledIdOf(entry as BundledPlugin), root)
        : entry,
    );
  }
  return {
    file,
    root,
    plugins,
    server: resolveServerConfig(env, {
      ...config.server,
      database: databaseOf(root, config.database),
    }),
  };
}
