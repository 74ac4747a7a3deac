import semver from 'semver';
import { GuanxiError } from '../errors';
import { CORE_HOOKS, type HookOrder, type PluginContext } from '../hooks/hook-types';
import type { AnyPlugin } from './define-plugin';
import { checkRoutes } from './plugin-route';
import type { ServiceRef } from './services';

/** A handler with its hook's types erased, as the runner holds it. */
export type AnyHookHandler = (
  event: { readonly hook: string; readonly teamId: number; readonly items: readonly unknown[] },
  ctx: PluginContext,
) => unknown;

/** One plugin's handler for one hook, in the form the runner uses. */
export interface Subscription {
  readonly pluginId: string;
  readonly hook: string;
  readonly order: HookOrder;
  readonly timeoutMs: number | undefined;
  readonly handler: AnyHookHandler;
}

const ORDER_RANK: Readonly<Record<HookOrder, number>> = { pre: 0, normal: 1, post: 2 };

/** The installed plugins, checked and ordered (dependencies first), and who listens to what. */
export class PluginRegistry {
  readonly plugins: readonly AnyPlugin[];
  readonly #byId: ReadonlyMap<string, AnyPlugin>;
  readonly #hookKinds = new Map<string, 'event' | 'before'>(Object.entries(CORE_HOOKS));
  readonly #subscriptions = new Map<string, Subscription[]>();
  /** The plugin providing each service, by service id. */
  readonly #providers: ReadonlyMap<string, string>;

  constructor(plugins: readonly AnyPlugin[]) {
    this.#byId = indexById(plugins);
    this.#providers = indexProviders(plugins);
    checkUses(plugins, this.#providers);
    for (const plugin of plugins) checkRoutes(plugin.id, plugin.routes ?? []);
    checkDependencies(plugins, this.#byId);
    this.plugins = dependencyOrder(plugins, this.#byId);
    for (const plugin of this.plugins) this.#declareEvents(plugin);
    for (const plugin of this.plugins) this.#subscribe(plugin);
    for (const list of this.#subscriptions.values()) {
      list.sort((a, b) => ORDER_RANK[a.order] - ORDER_RANK[b.order]);
    }
  }

  /** The installed plugin of this id, if any. */
  find(pluginId: string): AnyPlugin | undefined {
    return this.#byId.get(pluginId);
  }

  get(pluginId: string): AnyPlugin {
    const plugin = this.#byId.get(pluginId);
    if (plugin === undefined) {
      throw new GuanxiError('GX_ERR_PLUGIN_UNKNOWN', `No plugin "${pluginId}" is installed`, {
        issues: [{ path: 'plugin', message: 'unknown plugin' }],
        details: { plugin: pluginId },
      });
    }
    return plugin;
  }

  /**
   * The plugin providing `service` to `pluginId`, which must list it in `uses`
   * (GX_ERR_SERVICE_UNKNOWN otherwise); the start has checked that one is installed.
   */
  providerOf(pluginId: string, service: ServiceRef<unknown>): string {
    const declared = (this.get(pluginId).uses ?? []).some((used) => used.id === service.id);
    const provider = this.#providers.get(service.id);
    if (!declared || provider === undefined) {
      throw new GuanxiError(
        'GX_ERR_SERVICE_UNKNOWN',
        `Plugin ${pluginId} uses service ${service.id} without listing it in definePlugin({ uses })`,
        { details: { plugin: pluginId, service: service.id } },
      );
    }
    return provider;
  }

  /** Handlers of `hook` in run order: pre, normal, post; plugins in dependency order within each. */
  subscriptions(hook: string): readonly Subscription[] {
    this.assertHook(hook);
    return this.#subscriptions.get(hook) ?? [];
  }

  isEventHook(hook: string): boolean {
    return this.#hookKinds.get(hook) === 'event';
  }

  assertHook(hook: string): 'event' | 'before' {
    const kind = this.#hookKinds.get(hook);
    if (kind === undefined) {
      throw new GuanxiError('GX_ERR_HOOK_UNKNOWN', `Unknown hook "${hook}"`, {
        details: { hook, known: [...this.#hookKinds.keys()] },
      });
    }
    return kind;
  }

  #declareEvents(plugin: AnyPlugin): void {
    for (const event of plugin.events ?? []) {
      if (this.#hookKinds.has(event)) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_INVALID',
          `Plugin ${plugin.id} declares hook "${event}", which already exists`,
          { details: { plugin: plugin.id, hook: event } },
        );
      }
      this.#hookKinds.set(event, 'event');
    }
  }

  #subscribe(plugin: AnyPlugin): void {
    for (const [hook, entry] of Object.entries(plugin.hooks ?? {})) {
      if (entry === undefined) continue;
      if (!this.#hookKinds.has(hook)) {
        throw new GuanxiError(
          'GX_ERR_HOOK_UNKNOWN',
          `Plugin ${plugin.id} subscribes to unknown hook "${hook}"`,
          { details: { plugin: plugin.id, hook } },
        );
      }
      const registration = (typeof entry === 'function' ? { handler: entry } : entry) as {
        order?: HookOrder;
        timeoutMs?: number;
        handler: AnyHookHandler;
      };
      const list = this.#subscriptions.get(hook) ?? [];
      list.push({
        pluginId: plugin.id,
        hook,
        order: registration.order ?? 'normal',
        timeoutMs: registration.timeoutMs,
        handler: registration.handler,
      });
      this.#subscriptions.set(hook, list);
    }
  }
}

function indexById(plugins: readonly AnyPlugin[]): Map<string, AnyPlugin> {
  const byId = new Map<string, AnyPlugin>();
  for (const plugin of plugins) {
    if (byId.has(plugin.id)) {
      throw new GuanxiError('GX_ERR_PLUGIN_DUPLICATE', `Plugin ${plugin.id} is installed twice`, {
        details: { plugin: plugin.id },
      });
    }
    byId.set(plugin.id, plugin);
  }
  return byId;
}

/** Who provides each service, by service id; one provider a service. */
function indexProviders(plugins: readonly AnyPlugin[]): Map<string, string> {
  const providers = new Map<string, string>();
  for (const plugin of plugins) {
    for (const provision of plugin.provides ?? []) {
      const id = provision.service.id;
      const other = providers.get(id);
      if (other !== undefined) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DUPLICATE',
          `Service ${id} is provided by both ${other} and ${plugin.id}: install one of them`,
          { details: { service: id, providers: [other, plugin.id] } },
        );
      }
      providers.set(id, plugin.id);
    }
  }
  return providers;
}

/** Every used service has an installed provider, which the user lists in `dependsOn`. */
function checkUses(plugins: readonly AnyPlugin[], providers: ReadonlyMap<string, string>) {
  for (const plugin of plugins) {
    for (const service of plugin.uses ?? []) {
      const provider = providers.get(service.id);
      if (provider === undefined) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DEPENDENCY',
          `Plugin ${plugin.id} uses service ${service.id}, which no installed plugin provides: install ${service.plugin}`,
          { details: { plugin: plugin.id, service: service.id, provider: service.plugin } },
        );
      }
      if (provider !== plugin.id && plugin.dependsOn?.[provider] === undefined) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DEPENDENCY',
          `Plugin ${plugin.id} uses service ${service.id} of plugin ${provider}, but does not list ${provider} in dependsOn`,
          { details: { plugin: plugin.id, service: service.id, provider } },
        );
      }
    }
  }
}

function checkDependencies(plugins: readonly AnyPlugin[], byId: ReadonlyMap<string, AnyPlugin>) {
  for (const plugin of plugins) {
    for (const [dependency, range] of Object.entries(plugin.dependsOn ?? {})) {
      const installed = byId.get(dependency);
      if (installed === undefined) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DEPENDENCY',
          `Plugin ${plugin.id} needs plugin ${dependency} (${range}), which is not installed`,
          { details: { plugin: plugin.id, missing: dependency, range } },
        );
      }
      if (!semver.satisfies(installed.version, range, { includePrerelease: true })) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DEPENDENCY',
          `Plugin ${plugin.id} needs ${dependency} ${range}, but ${installed.version} is installed`,
          { details: { plugin: plugin.id, dependency, range, installed: installed.version } },
        );
      }
    }
  }
}

/** Dependencies before dependants; otherwise the order the plugins were given in. */
function dependencyOrder(
  plugins: readonly AnyPlugin[],
  byId: ReadonlyMap<string, AnyPlugin>,
): AnyPlugin[] {
  const ordered: AnyPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plugin: AnyPlugin, path: readonly string[]) => {
    const seen = state.get(plugin.id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new GuanxiError(
        'GX_ERR_PLUGIN_DEPENDENCY',
        `Plugins depend on each other in a cycle: ${[...path, plugin.id].join(' → ')}`,
        { details: { cycle: [...path, plugin.id] } },
      );
    }
    state.set(plugin.id, 'visiting');
    for (const dependency of Object.keys(plugin.dependsOn ?? {})) {
      const target = byId.get(dependency);
      if (target !== undefined) visit(target, [...path, plugin.id]);
    }
    state.set(plugin.id, 'done');
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return ordered;
}
