import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { Audit } from '../audit/audit';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import type { CoreTables, Role } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { roleAtLeast } from '../teams/roles';
import { requireTeam } from '../teams/teams';
import { parseInput, toFieldIssues } from '../validation';
import type { Locale, Score, ScoreInput } from './define-plugin';
import type { PluginReply } from './plugin-route';
import type { PluginSetting } from './plugin-settings';

export interface PluginInfo {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly dependsOn: Readonly<Record<string, string>>;
}

/** A scorer of a plugin a team has enabled, bound to that plugin's config and this transaction. */
export interface TeamScorer {
  /** `<plugin>/<scorer>`, e.g. `scoring/clv`. */
  readonly key: string;
  readonly pluginId: string;
  readonly id: string;
  readonly version: string;
  score(batch: readonly ScoreInput[]): Promise<readonly Score[]>;
}

export interface PluginChange {
  readonly enabled?: boolean;
  readonly config?: unknown;
  /** Who made the change, for the audit log. */
  readonly actor: string;
}

/** Which plugins each team runs, and with what configuration; changes apply at once. */
export class Plugins {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  list(): PluginInfo[] {
    return this.#rt.registry.plugins.map((plugin) => ({
      id: plugin.id,
      version: plugin.version,
      description: plugin.description ?? '',
      dependsOn: plugin.dependsOn ?? {},
    }));
  }

  /** Every scorer contributed by the plugins this team has enabled, ready to run. */
  async scorers(teamId: number): Promise<TeamScorer[]> {
    const team = await this.#rt.settings.forTeam(this.#db, teamId);
    return this.#rt.registry.plugins.flatMap((plugin) => {
      const setting = team.get(plugin.id);
      if (!setting.enabled) return [];
      return (plugin.scorers ?? []).map((scorer) => ({
        key: `${plugin.id}/${scorer.id}`,
        pluginId: plugin.id,
        id: scorer.id,
        version: scorer.version,
        score: (batch: readonly ScoreInput[]) =>
          scorer.score(batch, this.#rt.context(plugin.id, teamId, team, this.#db)),
      }));
    });
  }

  /**
   * Serves one of a plugin's routes for one team, in one transaction: a team with the plugin
   * off gets GX_ERR_PLUGIN_DISABLED, a caller below the route's role GX_ERR_FORBIDDEN, input
   * its schemas refuse GX_ERR_VALIDATION naming each field. It commits when the handler
   * answers below 500 and rolls back when it throws (the error goes on to the caller) or
   * answers 500 or more. An operation the plugin does not have is GX_ERR_NOT_FOUND.
   */
  async serve(
    teamId: number,
    pluginId: string,
    operationId: string,
    request: PluginRequest,
    caller: PluginCaller,
  ): Promise<PluginReply> {
    const route = this.#rt.registry
      .get(pluginId)
      .routes?.find((candidate) => candidate.operationId === operationId);
    if (route === undefined) throw notFound('plugin route', 'operationId', operationId);
    try {
      return await inTransaction(this.#db, async (trx) => {
        const team = await this.#rt.settings.forTeam(trx, teamId);
        if (!team.get(pluginId).enabled) {
          throw new GuanxiError(
            'GX_ERR_PLUGIN_DISABLED',
            `Plugin ${pluginId} is disabled for team ${teamId}`,
            { details: { plugin: pluginId, teamId } },
          );
        }
        if (!roleAtLeast(caller.role, route.role)) {
          throw new GuanxiError(
            'GX_ERR_FORBIDDEN',
            `Only a team ${route.role} may do this; you are a ${caller.role}`,
            { details: { role: caller.role } },
          );
        }
        const input = {
          params: parsedPart(route.request?.params, request.params),
          query: parsedPart(route.request?.query, request.query),
          body: parsedPart(route.request?.body, request.body),
        };
        const ctx = this.#rt.context(pluginId, teamId, team, trx);
        const reply = await route.handler(input, { ctx, ...caller });
        if (reply.status >= 500) throw new FailedReply(reply);
        return reply;
      });
    } catch (error) {
      if (error instanceof FailedReply) return error.reply;
      throw error;
    }
  }

  async settings(teamId: number, pluginId: string): Promise<PluginSetting> {
    this.#rt.registry.get(pluginId);
    const team = await this.#rt.settings.forTeam(this.#db, teamId);
    return team.get(pluginId);
  }

  enable(teamId: number, pluginId: string, actor: string): Promise<PluginSetting> {
    return this.change(teamId, pluginId, { enabled: true, actor });
  }

  disable(teamId: number, pluginId: string, actor: string): Promise<PluginSetting> {
    return this.change(teamId, pluginId, { enabled: false, actor });
  }

  configure(teamId: number, pluginId: string, config: unknown, actor: string) {
    return this.change(teamId, pluginId, { config, actor });
  }

  /**
   * Enables, disables or reconfigures a plugin for one team. The config is validated by the
   * plugin's schema (GX_ERR_VALIDATION with `config.<path>` issues) and the change is audited.
   */
  async change(teamId: number, pluginId: string, change: PluginChange): Promise<PluginSetting> {
    const plugin = this.#rt.registry.get(pluginId);
    return inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      const before = (await this.#rt.settings.forTeam(trx, teamId)).get(pluginId);
      let config = before.config;
      if (change.config !== undefined) {
        const schema = plugin.configSchema;
        const result = schema?.safeParse(change.config);
        if (result !== undefined && !result.success) {
          throw new GuanxiError(
            'GX_ERR_VALIDATION',
            `Invalid config for plugin ${pluginId}: ${result.error.issues[0]?.message}`,
            { issues: toFieldIssues(result.error, ['config']) },
          );
        }
        config = result === undefined ? {} : result.data;
      }
      const after: PluginSetting = { enabled: change.enabled ?? before.enabled, config };
      const now = this.#rt.now();
      const row = {
        team_id: teamId,
        plugin_id: pluginId,
        enabled: after.enabled ? 1 : 0,
        config: JSON.stringify(after.config),
        updated_at: now,
      };
      await trx
        .insertInto('plugin_settings')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['team_id', 'plugin_id']).doUpdateSet({
            enabled: row.enabled,
            config: row.config,
            updated_at: now,
          }),
        )
        .execute();
      await this.#rt.settings.changed(trx, teamId);
      await new Audit(this.#rt, trx).record({
        teamId,
        actor: change.actor,
        action: 'plugin.settings.changed',
        entity: 'plugin',
        entityId: pluginId,
        before,
        after,
      });
      return after;
    });
  }
}

/** The raw input of a plugin route: path and query parameters as strings, the parsed JSON body. */
export interface PluginRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface PluginCaller {
  /** Who is calling, for audit (`user:12`). */
  readonly actor: string;
  readonly role: Role;
  readonly locale: Locale;
}

/** One part of a route's input by its schema; a part the route has no schema for is undefined. */
function parsedPart(schema: z.ZodType | undefined, value: unknown): unknown {
  return schema === undefined ? undefined : parseInput(schema, value);
}

/** Carries a plugin route's 5xx answer out of the transaction it rolls back. */
class FailedReply extends Error {
  readonly reply: PluginReply;

  constructor(reply: PluginReply) {
    super(`plugin route answered ${reply.status}`);
    this.reply = reply;
  }
}
