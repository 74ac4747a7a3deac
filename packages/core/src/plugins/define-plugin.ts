import semver from 'semver';
import type { z } from 'zod';
import type { CustomerWithIdentities } from '../customers/customer';
import { GuanxiError } from '../errors';
import type { CustomerFacts } from '../facts/customer-facts';
import type { PluginContext, PluginHooks } from '../hooks/hook-types';
import type { Migrations } from '../storage/migrate';
import type {
  CustomerFilterDefinition,
  PageDefinition,
  TimelineEntry,
  TimelineInput,
  WidgetDefinition,
} from './console';
import type { PluginRoute } from './plugin-route';
import type { ServiceProvision, ServiceRef } from './services';

export type Locale = 'en' | 'zh-CN';

/** Every language the product speaks. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/**
 * Typed fields of the customer card that plugins fill (tier, loyalty, open complaints…).
 * Each plugin adds its own by declaration merging, as with CoreHooks.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by plugins through declaration merging
export interface CardSlots {}

/** A suggestion for the rep; the card shows the one with the highest priority. */
export interface NextBestAction {
  readonly label: string;
  readonly reason: string;
  /** 0–100; the core's stage-based suggestion has priority 10. */
  readonly priority: number;
}

/** One section of the customer card, contributed by a plugin, in the caller's language. */
export interface Panel {
  readonly title: string;
  readonly items: readonly { readonly label: string; readonly value: string }[];
  readonly actions: readonly { readonly id: string; readonly label: string }[];
  readonly slots?: Partial<CardSlots>;
  readonly nextBestAction?: NextBestAction;
  /**
   * When the passing of time alone changes this panel (a countdown, days since the last
   * order), as an ISO time: the card is built again after it. Omit when only writes do.
   */
  readonly validUntil?: string;
}

export interface PanelInput {
  readonly customer: CustomerWithIdentities;
  readonly facts: CustomerFacts;
  readonly locale: Locale;
}

export interface PanelDefinition<TConfig> {
  readonly id: string;
  /** The card slots the panel fills, by name, with their schemas: the API document shows them. */
  readonly slots?: Readonly<Record<string, z.ZodType>>;
  render(input: PanelInput, ctx: PluginContext<TConfig>): Promise<Panel | null>;
}

export interface ScoreInput {
  readonly customerId: number;
  readonly facts: CustomerFacts;
}

export interface Score {
  readonly customerId: number;
  readonly value: number;
  /** Why: short phrases the card shows beside the score. */
  readonly reasons: readonly string[];
}

/** A scorer another plugin (scoring) runs over batches of customers. */
export interface ScorerDefinition<TConfig> {
  readonly id: string;
  readonly version: string;
  score(batch: readonly ScoreInput[], ctx: PluginContext<TConfig>): Promise<readonly Score[]>;
}

export interface JobContext<TConfig> extends PluginContext<TConfig> {
  readonly args: Readonly<Record<string, string>>;
}

export interface JobDefinition<TConfig> {
  readonly description: string;
  run(ctx: JobContext<TConfig>): Promise<Readonly<Record<string, unknown>>>;
}

/**
 * Work a plugin puts off from a write to a background pass: a hook calls `ctx.defer(ids)` in
 * the write's transaction, which marks their cards changed, and a pass later runs `run` once
 * for a batch of the customers queued, in a transaction of its own. Until then their cards are
 * built for each read, never stored. Several writes for one customer before the pass make one
 * run for that customer.
 *
 * A run holds the database's write lock for its whole transaction. `prepare`, when given,
 * does the reading and computing before it, outside any transaction, on a handle that only
 * reads (`GX_ERR_READ_ONLY` on a write); `run` then gets what it returned and writes. `run`'s
 * customers are those `prepare` had whose queued work is still there, all or fewer (another
 * process may have done some meanwhile): it writes for those only. Work queued for them
 * after `prepare` began stays queued for a later run.
 */
export interface DeferredDefinition<TConfig, TPrepared = unknown> {
  /** What the pass does, for logs: `re-score customers whose orders changed`. */
  readonly description: string;
  /** The most customers one run gets. Default 500. */
  readonly batchSize?: number;
  prepare?(customerIds: readonly number[], ctx: PluginContext<TConfig>): Promise<TPrepared>;
  run(
    customerIds: readonly number[],
    ctx: PluginContext<TConfig>,
    prepared: TPrepared,
  ): Promise<void>;
}

/** How many rows of each kind a plugin's eraser changed: `{ complaints: 2, steps: 5 }`. */
export type ErasureCounts = Readonly<Record<string, number>>;

/**
 * A plugin's part in a customer's privacy rights. Each runs for every installed plugin, enabled
 * for the team or not, in the transaction of the export or erasure, with the plugin's context.
 */
export interface PrivacyDefinition<TConfig> {
  /** Everything the plugin stores about the customer, JSON-able, by kind: `{ complaints: […] }`. */
  export(
    customerId: number,
    ctx: PluginContext<TConfig>,
  ): Promise<Readonly<Record<string, unknown>>>;
  /**
   * Removes the personal data the plugin stores about the customer (free text a rep or the
   * customer wrote, names, contact details) and keeps the anonymous figures; returns how many
   * rows it changed. Left out by a plugin that stores nothing personal. A throw rolls the whole
   * erasure back.
   */
  erase?(customerId: number, ctx: PluginContext<TConfig>): Promise<ErasureCounts>;
}

export interface PluginDefinition<TSchema extends z.ZodType = z.ZodType> {
  /** kebab-case, unique among installed plugins. */
  readonly id: string;
  /** semver. */
  readonly version: string;
  readonly description?: string;
  /** Other plugins this one needs, by id, with a semver range; checked at start. */
  readonly dependsOn?: Readonly<Record<string, string>>;
  /** Per-team configuration; `{}` must parse, so every field needs a default. */
  readonly configSchema?: TSchema;
  /** Enabled for a team that has not said otherwise. Default false. */
  readonly defaultEnabled?: boolean;
  /** Run in name order with this plugin's own history table, whether enabled or not. */
  readonly migrations?: Migrations;
  /** Names of the hooks this plugin declares and emits (`tier:changed`). */
  readonly events?: readonly string[];
  readonly hooks?: PluginHooks<z.output<TSchema>>;
  readonly panels?: readonly PanelDefinition<z.output<TSchema>>[];
  readonly scorers?: readonly ScorerDefinition<z.output<TSchema>>[];
  readonly jobs?: Readonly<Record<string, JobDefinition<z.output<TSchema>>>>;
  /** Per-customer work writes queue with `ctx.defer` and a background pass runs. */
  readonly deferred?: DeferredDefinition<z.output<TSchema>>;
  /** Served at /v1/teams/<team>/plugins/<id>/ for teams that have the plugin on. */
  readonly routes?: readonly PluginRoute<z.output<TSchema>>[];
  /** Exports and erases what the plugin stores about one customer. */
  readonly privacy?: PrivacyDefinition<z.output<TSchema>>;
  /** Services this plugin offers other plugins, each built from its own context. */
  readonly provides?: readonly ServiceProvision<z.output<TSchema>>[];
  /**
   * Other plugins' services this one reads with `ctx.use`; each provider must be installed
   * and listed in `dependsOn`.
   */
  readonly uses?: readonly ServiceRef<unknown>[];
  /** Pages of the console under the plugin's own path (see docs/plugins.md, Console pages). */
  readonly pages?: readonly PageDefinition<z.output<TSchema>>[];
  /** Sections of a team's overview in the console. */
  readonly widgets?: readonly WidgetDefinition<z.output<TSchema>>[];
  /** The plugin's events in a customer's timeline, newest first, from its own tables. */
  readonly timeline?: (
    input: TimelineInput,
    ctx: PluginContext<z.output<TSchema>>,
  ) => Promise<readonly TimelineEntry[]>;
  /** Filters of the console's customer list on state the plugin keeps. */
  readonly customerFilters?: readonly CustomerFilterDefinition<z.output<TSchema>>[];
}

// biome-ignore lint/suspicious/noExplicitAny: a host holds plugins of every config type
export type AnyPlugin = PluginDefinition<any>;

const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Checks a plugin's identity and returns it unchanged, typed for its config. */
export function definePlugin<TSchema extends z.ZodType = z.ZodType>(
  definition: PluginDefinition<TSchema>,
): PluginDefinition<TSchema> {
  if (!PLUGIN_ID.test(definition.id)) {
    throw new GuanxiError(
      'GX_ERR_PLUGIN_INVALID',
      `Plugin id "${definition.id}" must be kebab-case (a-z, 0-9, dashes)`,
      { issues: [{ path: 'id', message: 'must be kebab-case' }] },
    );
  }
  if (semver.valid(definition.version) === null) {
    throw new GuanxiError(
      'GX_ERR_PLUGIN_INVALID',
      `Plugin ${definition.id} has version "${definition.version}", which is not semver`,
      { issues: [{ path: 'version', message: 'must be a semver version such as 1.0.0' }] },
    );
  }
  checkSegments(definition.id, 'pages', definition.pages?.map((page) => page.path) ?? []);
  checkSegments(definition.id, 'widgets', definition.widgets?.map((widget) => widget.id) ?? []);
  checkSegments(
    definition.id,
    'customerFilters',
    definition.customerFilters?.map((filter) => filter.id) ?? [],
  );
  return definition;
}

/** Page paths, widget and filter ids go into addresses: each kebab-case, none twice. */
function checkSegments(pluginId: string, field: string, names: readonly string[]): void {
  names.forEach((name, index) => {
    const problem = !PLUGIN_ID.test(name)
      ? 'must be kebab-case'
      : names.indexOf(name) !== index
        ? 'is used twice'
        : undefined;
    if (problem === undefined) return;
    throw new GuanxiError(
      'GX_ERR_PLUGIN_INVALID',
      `Plugin ${pluginId}: ${field} "${name}" ${problem}`,
      {
        issues: [{ path: `${field}.${index}`, message: problem }],
      },
    );
  });
}
