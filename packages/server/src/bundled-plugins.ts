import { type AnyPlugin, GuanxiError } from '@guanxi/core';
import { importFromProject } from './project-import';

/** The plugins that ship with Guanxi, by id, with their packages, in the order they install. */
export const BUNDLED_PLUGINS = {
  scoring: '@guanxi/plugin-scoring',
  tiering: '@guanxi/plugin-tiering',
  service: '@guanxi/plugin-service',
  winback: '@guanxi/plugin-winback',
  loyalty: '@guanxi/plugin-loyalty',
  development: '@guanxi/plugin-development',
  reports: '@guanxi/plugin-reports',
  'example-scorer': '@guanxi/plugin-example-scorer',
} as const;

export type BundledPluginId = keyof typeof BUNDLED_PLUGINS;

export interface BundledPluginsOptions {
  /** The project folder whose dependencies hold the plugins. Default: the working directory. */
  readonly from?: string;
  /** Bundled plugins to leave out, by id; their packages need not be installed. */
  readonly except?: readonly BundledPluginId[];
}

/** What `bundled()` in guanxi.config.ts stands for: one bundled plugin, imported at load. */
export interface BundledPlugin {
  readonly [BUNDLED]: BundledPluginId;
}

// A registered symbol: the config file may hold a copy of this module loaded apart from ours.
const BUNDLED = Symbol.for('guanxi.bundled-plugin');

/** Whether a config's plugin entry is one `bundled()` returned. */
export function isBundledPlugin(entry: unknown): entry is BundledPlugin {
  return typeof entry === 'object' && entry !== null && BUNDLED in entry;
}

/** The id a `bundled()` entry stands for. */
export function bundledIdOf(entry: BundledPlugin): BundledPluginId {
  return entry[BUNDLED];
}

/** The ids of the bundled plugins not left out, in install order; an unknown id is named. */
function bundledIds(except: readonly BundledPluginId[] = []): BundledPluginId[] {
  const unknown = except.flatMap((id, i) =>
    Object.hasOwn(BUNDLED_PLUGINS, id)
      ? []
      : [
          {
            path: `except.${i}`,
            message: `not a bundled plugin: ${Object.keys(BUNDLED_PLUGINS).join(', ')}`,
          },
        ],
  );
  if (unknown.length > 0) {
    throw new GuanxiError('GX_ERR_VALIDATION', `Unknown bundled plugin in except`, {
      issues: unknown,
    });
  }
  return (Object.keys(BUNDLED_PLUGINS) as BundledPluginId[]).filter((id) => !except.includes(id));
}

/**
 * The bundled plugins for `plugins` in guanxi.config.ts, in install order: `...bundled()` or
 * `...bundled({ except: ['loyalty'] })`. Each is imported from the project's dependencies when
 * the config is loaded.
 */
export function bundled(options: Pick<BundledPluginsOptions, 'except'> = {}): BundledPlugin[] {
  return bundledIds(options.except).map((id) => ({ [BUNDLED]: id }));
}

/**
 * One bundled plugin, imported from the project's own dependencies rather than the server's,
 * so a project installs the ones it wants.
 */
export async function importBundledPlugin(
  id: BundledPluginId,
  from: string | undefined,
): Promise<AnyPlugin> {
  const name = BUNDLED_PLUGINS[id];
  const module = await importFromProject<{ default?: AnyPlugin }>(name, {
    from,
    hint: `or leave it out with except: ['${id}']`,
  });
  if (module.default?.id !== id) {
    throw new GuanxiError(
      'GX_ERR_PLUGIN_INVALID',
      `${name} does not export the ${id} plugin as its default export`,
      { details: { package: name } },
    );
  }
  return module.default;
}

/**
 * The bundled plugins, imported from the project's own dependencies. Every one not left out
 * must be installed.
 */
export async function bundledPlugins(options: BundledPluginsOptions = {}): Promise<AnyPlugin[]> {
  const plugins: AnyPlugin[] = [];
  for (const id of bundledIds(options.except)) {
    plugins.push(await importBundledPlugin(id, options.from));
  }
  return plugins;
}
