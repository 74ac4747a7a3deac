import type { Kysely } from 'kysely';
import { addTo } from '../collections';
import { notFound } from '../errors';
import type { Logger } from '../logger';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables } from '../storage/schema';
import type { AnyPlugin } from './define-plugin';
import type { PluginRegistry } from './plugin-registry';

export interface PluginSetting {
  readonly enabled: boolean;
  readonly config: unknown;
}

/** One team's settings for every installed plugin, as of one `settings_version`. */
export interface TeamSettings {
  readonly version: number;
  /** The team's IANA time zone. */
  readonly timeZone: string;
  get(pluginId: string): PluginSetting;
  /** Ids of the team's active webhooks subscribed to `hook`. */
  webhooks(hook: string): readonly number[];
}

const settingsVersion = new PreparedQuery<
  { teamId: number },
  { settings_version: number; time_zone: string }
>((db, param) =>
  db
    .selectFrom('teams')
    .select(['settings_version', 'time_zone'])
    .where('id', '=', param('teamId')),
);

/**
 * Per-team plugin settings and the team's time zone, parsed once and cached. Every read
 * checks the team's `settings_version` (one primary-key read), so a change made by any
 * server process takes effect at once without a restart.
 */
export class PluginSettings {
  readonly #registry: PluginRegistry;
  readonly #logger: Logger;
  readonly #cache = new Map<number, TeamSettings>();

  constructor(registry: PluginRegistry, logger: Logger) {
    this.#registry = registry;
    this.#logger = logger;
  }

  async forTeam(db: Kysely<CoreTables>, teamId: number): Promise<TeamSettings> {
    const row = await settingsVersion.first(db, { teamId });
    if (row === undefined) throw notFound('team', 'teamId', teamId);
    const cached = this.#cache.get(teamId);
    if (cached !== undefined && cached.version === row.settings_version) return cached;
    const rows = await db
      .selectFrom('plugin_settings')
      .select(['plugin_id', 'enabled', 'config'])
      .where('team_id', '=', teamId)
      .execute();
    const stored = new Map(rows.map((r) => [r.plugin_id, r]));
    const hooks = await db
      .selectFrom('webhooks')
      .select(['id', 'events'])
      .where('team_id', '=', teamId)
      .where('active', '=', 1)
      .execute();
    const webhooks = new Map<string, number[]>();
    for (const hook of hooks) {
      for (const event of JSON.parse(hook.events) as string[]) {
        addTo(webhooks, event, hook.id);
      }
    }
    const settings = new Map<string, PluginSetting>();
    for (const plugin of this.#registry.plugins) {
      const row = stored.get(plugin.id);
      settings.set(plugin.id, {
        enabled: row === undefined ? (plugin.defaultEnabled ?? false) : row.enabled === 1,
        config: this.#parseStored(plugin, teamId, row?.config),
      });
    }
    const teamSettings: TeamSettings = {
      version: row.settings_version,
      timeZone: row.time_zone,
      get: (pluginId) => settings.get(pluginId) ?? this.#unknown(pluginId),
      webhooks: (hook) => webhooks.get(hook) ?? [],
    };
    this.#cache.set(teamId, teamSettings);
    return teamSettings;
  }

  /**
   * Records that the team's plugin or webhook settings changed, inside the change's
   * transaction: every process sees the new version and reloads.
   */
  async changed(db: Kysely<CoreTables>, teamId: number): Promise<void> {
    await db
      .updateTable('teams')
      .set((eb) => ({ settings_version: eb('settings_version', '+', 1) }))
      .where('id', '=', teamId)
      .execute();
    this.#cache.delete(teamId);
  }

  #unknown(pluginId: string): never {
    this.#registry.get(pluginId);
    throw new Error(`plugin ${pluginId} is installed but has no settings`);
  }

  #parseStored(plugin: AnyPlugin, teamId: number, stored: string | undefined): unknown {
    if (plugin.configSchema === undefined) return {};
    const result = plugin.configSchema.safeParse(stored === undefined ? {} : JSON.parse(stored));
    if (result.success) return result.data;
    // A stored config the plugin's current schema rejects falls back to the defaults.
    this.#logger.warn(
      { plugin: plugin.id, teamId, issues: result.error.issues },
      'stored plugin config no longer valid; using defaults',
    );
    return plugin.configSchema.parse({});
  }
}
