import type { InjectionToken } from 'tsyringe';
import { GuanxiError } from '../errors';
import type { PluginContext } from '../hooks/hook-types';

declare const serviceType: unique symbol;

/**
 * A typed service one plugin provides and others use, made once by the providing plugin with
 * `defineService<T>('<plugin>.<name>')` and imported by its users: `ctx.use(ref)` is then
 * typed `T | undefined` with no further annotation.
 */
export interface ServiceRef<T> {
  /** `<plugin>.<name>`, e.g. `tiering.tiers`; unique among installed plugins. */
  readonly id: string;
  /** The plugin that defines it, the id's part before the dot: named when none provides it. */
  readonly plugin: string;
  /** The tsyringe token the provider's container registers the service under. */
  readonly token: InjectionToken<T>;
  /** Carries `T` for the type checker; never set. */
  readonly [serviceType]?: T;
}

/** One service a plugin provides: built by `factory` from the provider's own context. */
export interface ServiceProvision<TConfig = unknown> {
  readonly service: ServiceRef<unknown>;
  /**
   * Builds the service for one team on one transaction: the provider's context, with its own
   * config, on the transaction of the plugin that asked.
   */
  readonly factory: (ctx: PluginContext<TConfig>) => unknown;
}

const KEBAB = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const SERVICE_ID = new RegExp(`^(${KEBAB})\\.${KEBAB}$`);

/** A service ref for `provides` and `uses`; `id` is `<plugin>.<name>`, both kebab-case. */
export function defineService<T>(id: string): ServiceRef<T> {
  const plugin = SERVICE_ID.exec(id)?.[1];
  if (plugin === undefined) {
    throw new GuanxiError(
      'GX_ERR_PLUGIN_INVALID',
      `Service id "${id}" must be <plugin>.<name>, both kebab-case, e.g. tiering.tiers`,
      { issues: [{ path: 'id', message: 'must be <plugin>.<name>, both kebab-case' }] },
    );
  }
  // A registered symbol: two copies of the defining package still name one service.
  return Object.freeze({ id, plugin, token: Symbol.for(`guanxi.service:${id}`) });
}

/** An entry of `provides`: the service and how to build it, checked against each other. */
export function provide<T, TConfig = unknown>(
  service: ServiceRef<T>,
  factory: (ctx: PluginContext<TConfig>) => T,
): ServiceProvision<TConfig> {
  return { service, factory };
}
