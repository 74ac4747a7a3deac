import type { Expression, Kysely } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import type { PluginContext } from '../hooks/hook-types';
import type { CoreTables, Role } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { parseInput } from '../validation';
import {
  type ActionInput,
  type Block,
  type Label,
  labelText,
  type Option,
  type PageContent,
  type PageDefinition,
  type PageInput,
  type TimelineEntry,
  type TimelineInput,
} from './console';
import type { AnyPlugin, Locale } from './define-plugin';

/** A page of a plugin the team has on. */
export interface TeamPage {
  readonly pluginId: string;
  readonly path: string;
  readonly title: Label;
  readonly roles: readonly Role[];
  readonly nav: boolean;
  /** The page's actions by name: who may run each, and what it says once done. */
  readonly actions: Readonly<
    Record<string, { readonly roles: readonly Role[]; readonly done: Label }>
  >;
}

/** A widget as rendered for one team and viewer. */
export interface RenderedWidget {
  readonly pluginId: string;
  readonly id: string;
  readonly title: string;
  readonly page?: string;
  readonly blocks: readonly Block[];
}

/** An entry of a customer's timeline, with the plugin it came from. */
export interface PluginTimelineEntry extends TimelineEntry {
  readonly plugin: string;
}

/** A plugin's filter of the customer list, bound to the team. */
export interface TeamCustomerFilter {
  /** `<plugin>.<filter>`: the query parameter that carries its value. */
  readonly key: string;
  readonly label: string;
  readonly options: readonly Option[];
  /** The matching customer ids, as a subquery; undefined for a value nobody matches. */
  ids(value: string): Expression<unknown> | undefined;
}

/**
 * What the plugins a team has on add to the console: pages and their actions, each run in
 * one transaction with the plugin's context, widgets, timeline entries and list filters.
 */
export class ConsoleParts {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /** The pages of the team's enabled plugins, in plugin order. */
  async pages(teamId: number): Promise<TeamPage[]> {
    const settings = await this.#rt.settings.forTeam(this.#db, teamId);
    return this.#rt.registry.plugins.flatMap((plugin) =>
      settings.get(plugin.id).enabled
        ? (plugin.pages ?? []).map((page) => ({
            pluginId: plugin.id,
            path: page.path,
            title: page.title,
            roles: page.roles,
            nav: page.nav ?? true,
            actions: Object.fromEntries(
              Object.entries(page.actions ?? {}).map(([name, action]) => [
                name,
                { roles: action.roles, done: action.done },
              ]),
            ),
          }))
        : [],
    );
  }

  /**
   * Renders a page in one transaction. An unknown plugin or page is GX_ERR_PLUGIN_UNKNOWN or
   * GX_ERR_NOT_FOUND, a plugin the team has off GX_ERR_PLUGIN_DISABLED, and a role the page
   * does not name GX_ERR_FORBIDDEN.
   */
  async render(
    teamId: number,
    pluginId: string,
    path: string,
    input: PageInput,
  ): Promise<PageContent> {
    const page = this.#page(pluginId, path);
    return this.#withContext(teamId, pluginId, async (ctx) => {
      allow(page.roles, input.viewer.role, `page ${pluginId}/${path}`);
      return page.render(input, ctx);
    });
  }

  /**
   * Runs a page's action on a form's fields, in one transaction: the fields are validated by
   * the action's schema first (GX_ERR_VALIDATION naming each field).
   */
  async run(
    teamId: number,
    pluginId: string,
    path: string,
    actionName: string,
    fields: Readonly<Record<string, unknown>>,
    caller: ActionInput,
  ): Promise<void> {
    const page = this.#page(pluginId, path);
    const action = Object.hasOwn(page.actions ?? {}, actionName)
      ? page.actions?.[actionName]
      : undefined;
    if (action === undefined) throw notFound('page action', 'action', actionName);
    return this.#withContext(teamId, pluginId, async (ctx) => {
      allow(page.roles, caller.viewer.role, `page ${pluginId}/${path}`);
      allow(action.roles, caller.viewer.role, `action ${actionName}`);
      await action.run(parseInput(action.input, fields), ctx, caller);
    });
  }

  /** The widgets of the team's enabled plugins the viewer's role may see; one that fails is left out. */
  async widgets(teamId: number, input: PageInput): Promise<RenderedWidget[]> {
    const settings = await this.#rt.settings.forTeam(this.#db, teamId);
    const rendered: RenderedWidget[] = [];
    for (const plugin of this.#rt.registry.plugins) {
      if (!settings.get(plugin.id).enabled) continue;
      for (const widget of plugin.widgets ?? []) {
        if (!widget.roles.includes(input.viewer.role)) continue;
        try {
          const blocks = await inTransaction(this.#db, (trx) =>
            widget.render(input, this.#rt.context(plugin.id, teamId, settings, trx)),
          );
          rendered.push({
            pluginId: plugin.id,
            id: widget.id,
            title: labelText(widget.title, input.locale),
            ...(widget.page === undefined ? {} : { page: widget.page }),
            blocks,
          });
        } catch (error) {
          this.#rt.logger.warn(
            { err: error, plugin: plugin.id, widget: widget.id, teamId },
            'widget failed',
          );
        }
      }
    }
    return rendered;
  }

  /**
   * The enabled plugins' entries of a customer's timeline, newest first, at most
   * `input.limit`; a plugin whose timeline fails is left out and logged.
   */
  async timeline(teamId: number, input: TimelineInput): Promise<PluginTimelineEntry[]> {
    const settings = await this.#rt.settings.forTeam(this.#db, teamId);
    const entries: PluginTimelineEntry[] = [];
    for (const plugin of this.#rt.registry.plugins) {
      if (!settings.get(plugin.id).enabled || plugin.timeline === undefined) continue;
      try {
        const ctx = this.#rt.context(plugin.id, teamId, settings, this.#db);
        for (const entry of await plugin.timeline(input, ctx))
          entries.push({ ...entry, plugin: plugin.id });
      } catch (error) {
        this.#rt.logger.warn({ err: error, plugin: plugin.id, teamId }, 'timeline failed');
      }
    }
    return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, input.limit);
  }

  /** The customer-list filters of the team's enabled plugins, labelled in `locale`. */
  async customerFilters(teamId: number, locale: Locale): Promise<TeamCustomerFilter[]> {
    const settings = await this.#rt.settings.forTeam(this.#db, teamId);
    return this.#rt.registry.plugins.flatMap((plugin) => {
      if (!settings.get(plugin.id).enabled) return [];
      const ctx = this.#rt.context(plugin.id, teamId, settings, this.#db);
      return (plugin.customerFilters ?? []).map((filter) => ({
        key: `${plugin.id}.${filter.id}`,
        label: labelText(filter.label, locale),
        options: filter.options(locale, ctx),
        ids: (value: string) => filter.query(value, ctx),
      }));
    });
  }

  #page(pluginId: string, path: string): PageDefinition<unknown> {
    const plugin: AnyPlugin = this.#rt.registry.get(pluginId);
    const page = plugin.pages?.find((each) => each.path === path);
    if (page === undefined) throw notFound('page', 'path', path);
    return page;
  }

  async #withContext<T>(
    teamId: number,
    pluginId: string,
    fn: (ctx: PluginContext) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.#db, async (trx) => {
      const settings = await this.#rt.settings.forTeam(trx, teamId);
      if (!settings.get(pluginId).enabled) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DISABLED',
          `Plugin ${pluginId} is disabled for team ${teamId}`,
          { details: { plugin: pluginId, teamId } },
        );
      }
      return fn(this.#rt.context(pluginId, teamId, settings, trx));
    });
  }
}

function allow(roles: readonly Role[], role: Role, what: string): void {
  if (roles.includes(role)) return;
  throw new GuanxiError('GX_ERR_FORBIDDEN', `The ${role} role may not use ${what}`, {
    details: { role, allowed: roles },
  });
}
