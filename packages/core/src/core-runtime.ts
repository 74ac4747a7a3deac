import 'reflect-metadata';
import type { Kysely } from 'kysely';
import {
  type DependencyContainer,
  type InjectionToken,
  container as rootContainer,
} from 'tsyringe';
import type { Principal } from './auth/api-keys';
import type { Clock } from './clock';
import { type CoreApi, createCoreApi } from './core-api';
import { pendingDeferred, queueDeferred } from './deferred/deferred';
import { GuanxiError } from './errors';
import { HookRunner } from './hooks/hook-runner';
import type { PluginContext } from './hooks/hook-types';
import type { Logger } from './logger';
import type { PluginRegistry } from './plugins/plugin-registry';
import { PluginSettings, type TeamSettings } from './plugins/plugin-settings';
import type { ServiceRef } from './plugins/services';
import type { Database } from './storage/database';
import { GroupCommit } from './storage/group-commit';
import type { CoreTables } from './storage/schema';
import { WebhookTargets } from './webhooks/targets';

/** What a service's factory builds from: its provider's context for one team and transaction. */
const PROVIDER_CONTEXT: InjectionToken<PluginContext> = Symbol('guanxi.providerContext');

export interface CoreRuntimeOptions {
  readonly database: Database;
  readonly registry: PluginRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hookTimeoutMs: number;
  readonly webhooks: WebhookOptions;
}

/** How webhooks are sent; the server reads these from its environment. */
export interface WebhookOptions {
  /**
   * Let webhooks target loopback and private addresses, over http too: for development and
   * tests (`GUANXI_WEBHOOK_ALLOW_PRIVATE=1`). Default false: https to public addresses only.
   */
  readonly allowPrivateTargets?: boolean;
  /** Draws the jitter of each retry's delay, in [0, 1). Default Math.random. */
  readonly random?: () => number;
}

/** What every service of one core shares: storage, plugins, their settings, hooks, clock. */
export class CoreRuntime {
  readonly database: Database;
  readonly registry: PluginRegistry;
  readonly settings: PluginSettings;
  readonly hooks: HookRunner;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where webhooks may be sent. */
  readonly webhookTargets: WebhookTargets;
  /** Draws the jitter of webhook retries. */
  readonly random: () => number;
  /** When each API key was last recorded as used, by key id (ms since epoch). */
  readonly keyUse = new Map<number, number>();
  /** Small writes arriving together, up to 64 items, joined into one transaction. */
  readonly groupCommit = new GroupCommit(64);
  /** Keys authenticated in the last second, by hash; see ApiKeys.authenticate. */
  readonly principals = new Map<
    string,
    { readonly principal: Principal; readonly until: number }
  >();
  /** A container per plugin that provides services, each registered under its ref's token. */
  readonly #providerContainers = new Map<string, DependencyContainer>();

  constructor(options: CoreRuntimeOptions) {
    this.database = options.database;
    this.registry = options.registry;
    this.clock = options.clock;
    this.logger = options.logger;
    this.webhookTargets = new WebhookTargets(options.webhooks.allowPrivateTargets ?? false);
    this.random = options.webhooks.random ?? Math.random;
    this.settings = new PluginSettings(options.registry, options.logger);
    this.hooks = new HookRunner({
      registry: options.registry,
      settings: this.settings,
      logger: options.logger,
      now: () => this.now(),
      timeoutMs: options.hookTimeoutMs,
      context: (pluginId, teamId, team, db) => this.context(pluginId, teamId, team, db),
    });
    for (const plugin of options.registry.plugins) {
      if (plugin.provides === undefined || plugin.provides.length === 0) continue;
      const container = rootContainer.createChildContainer();
      for (const { service, factory } of plugin.provides) {
        container.register(service.token, {
          useFactory: (scope) => factory(scope.resolve(PROVIDER_CONTEXT)),
        });
      }
      this.#providerContainers.set(plugin.id, container);
    }
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  api(db: Kysely<CoreTables>): CoreApi {
    return createCoreApi(this, db);
  }

  /** The context one plugin's code runs with, for one team, on `db` (usually a transaction). */
  context(
    pluginId: string,
    teamId: number,
    team: TeamSettings,
    db: Kysely<CoreTables>,
  ): PluginContext {
    // Built on first use: most hook handlers read and write their own tables only.
    let core: CoreApi | undefined;
    const api = () => {
      core ??= this.api(db);
      return core;
    };
    const declared = this.registry.get(pluginId).events ?? [];
    const log = (level: keyof Logger) => (object: object, message?: string) =>
      this.logger[level]({ plugin: pluginId, teamId, ...object }, message);
    return {
      pluginId,
      teamId,
      config: team.get(pluginId).config,
      timeZone: team.timeZone,
      db,
      get core() {
        return api();
      },
      clock: this.clock,
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
      use: (service) => this.#use(pluginId, teamId, db, service),
      emit: async (hook, items) => {
        if (!declared.includes(hook)) {
          throw new GuanxiError(
            'GX_ERR_HOOK_UNKNOWN',
            `Plugin ${pluginId} emits "${hook}" without declaring it in definePlugin({ events })`,
            { details: { plugin: pluginId, hook } },
          );
        }
        await this.hooks.emit(db, hook, teamId, items);
      },
      listened: (hook) => this.hooks.listened(db, hook, teamId),
      defer: (customerIds) => queueDeferred(this, db, teamId, pluginId, customerIds),
      pending: (customerIds) => pendingDeferred(db, teamId, pluginId, customerIds),
    };
  }

  /**
   * `service` for the plugin `pluginId`: resolved in a child of its provider's container that
   * holds the provider's context for the same team, with the provider's config, on `db`, the
   * caller's transaction; undefined when the team has the provider off.
   */
  async #use<T>(
    pluginId: string,
    teamId: number,
    db: Kysely<CoreTables>,
    service: ServiceRef<T>,
  ): Promise<T | undefined> {
    const provider = this.registry.providerOf(pluginId, service);
    const team = await this.settings.forTeam(db, teamId);
    if (!team.get(provider).enabled) return undefined;
    const scope = (
      this.#providerContainers.get(provider) as DependencyContainer
    ).createChildContainer();
    scope.register(PROVIDER_CONTEXT, {
      useValue: this.context(provider, teamId, team, db),
    });
    return scope.resolve(service.token);
  }
}
