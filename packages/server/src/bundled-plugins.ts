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
  'example-scorer': '@guanxi/plugin-example-scorer',
} as const;

export type BundledPluginId = keyof typeof BUNDLED_PLUGINS;

export interface BundledPluginsOptions {
  /** The project folder whose dependencies hold the plugins. Default: the working directory. */
  readonly from?: string;
  /** Bundled plugins to leave out, by id; their packages need not be installed. */
  readonly except?: readonly BundledPluginId[];
}

/**
 * The bundled plugins, imported from the project's own dependencies rather than the
 * server's, so a project installs the ones it wants. Every one not left out must be installed.
 */
export async function bundledPlugins(options: BundledPluginsOptions = {}): Promise<AnyPlugin[]> {
  const except = options.except ?? [];
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
  const plugins: AnyPlugin[] = [];
  for (const [id, name] of Object.entries(BUNDLED_PLUGINS)) {
    if (except.includes(id as BundledPluginId)) continue;
    const module = await importFromProject<{ default?: AnyPlugin }>(name, {
      from: options.from,
      hint: `or leave it out with except: ['${id}']`,
    });
    if (module.default?.id !== id) {
      throw new GuanxiError(
        'GX_ERR_PLUGIN_INVALID',
        `${name} does not export the ${id} plugin as its default export`,
        { details: { package: name } },
      );
    }
    plugins.push(module.default);
  }
  return plugins;
}
