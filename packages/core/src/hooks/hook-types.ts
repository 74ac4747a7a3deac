import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { CoreApi } from '../core-api';
import type { Customer, CustomerChange } from '../customers/customer';
import type { Interaction } from '../interactions/interaction';
import type { ProposedTransition, StageEvent } from '../lifecycle/stage-event';
import type { Logger } from '../logger';
import type { Order } from '../orders/order';
import type { ServiceRef } from '../plugins/services';

/** A hook whose handlers react to something already written. */
export interface EventHook<TItem> {
  readonly kind: 'event';
  readonly item: TItem;
}

/** A hook whose handlers run before a write and may veto it. */
export interface BeforeHook<TItem> {
  readonly kind: 'before';
  readonly item: TItem;
}

/**
 * Every hook there is, by name (`area:event`). Plugins add their own through declaration
 * merging (`declare module '@guanxi/core' { interface CoreHooks { … } }`) and list the
 * names in `definePlugin({ events })` so the host knows them at run time.
 */
export interface CoreHooks {
  'customer:created': EventHook<Customer>;
  'customer:updated': EventHook<CustomerChange>;
  'lifecycle:beforeTransition': BeforeHook<ProposedTransition>;
  'lifecycle:transitioned': EventHook<StageEvent>;
  'customer:churned': EventHook<StageEvent>;
  'customer:wonBack': EventHook<StageEvent>;
  'orders:recorded': EventHook<Order>;
  'interactions:logged': EventHook<Interaction>;
}

export type HookName = keyof CoreHooks & string;
export type HookItem<N extends HookName> = CoreHooks[N]['item'];
export type EventHookName = {
  [N in HookName]: CoreHooks[N] extends EventHook<unknown> ? N : never;
}[HookName];
export type BeforeHookName = Exclude<HookName, EventHookName>;

/** The core's own hooks and their kinds; plugins' hooks are known from `definePlugin({ events })`. */
export const CORE_HOOKS = {
  'customer:created': 'event',
  'customer:updated': 'event',
  'lifecycle:beforeTransition': 'before',
  'lifecycle:transitioned': 'event',
  'customer:churned': 'event',
  'customer:wonBack': 'event',
  'orders:recorded': 'event',
  'interactions:logged': 'event',
} as const satisfies Readonly<Record<string, 'event' | 'before'>>;

/** What a handler receives: one team's batch. A single write is a batch of one. */
export interface HookEvent<N extends HookName> {
  readonly hook: N;
  readonly teamId: number;
  readonly items: readonly HookItem<N>[];
}

/** A before-hook handler's refusal; the caller gets GX_ERR_TRANSITION_VETOED with the reason. */
export interface Veto {
  readonly veto: string;
}

/** Everything a plugin's code may use while it runs: scoped to one team and one transaction. */
export interface PluginContext<TConfig = unknown> {
  readonly pluginId: string;
  readonly teamId: number;
  readonly config: TConfig;
  /** The team's IANA time zone: read its days with `dayOf`, `startOfDayFrom`, `daysBetween`. */
  readonly timeZone: string;
  // biome-ignore lint/suspicious/noExplicitAny: a plugin types its own tables
  readonly db: Kysely<any>;
  readonly core: CoreApi;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * A service this plugin lists in `uses`, built by its provider for this team on this
   * transaction; `undefined` when the team has the provider off. A service not in `uses` is
   * GX_ERR_SERVICE_UNKNOWN.
   */
  use<T>(service: ServiceRef<T>): Promise<T | undefined>;
  emit<N extends EventHookName>(hook: N, items: readonly HookItem<N>[]): Promise<void>;
  /**
   * Whether `emit(hook, …)` would reach an enabled plugin's handler or a webhook in this team,
   * so an emitter can skip building a large batch of events nobody receives.
   */
  listened(hook: EventHookName): Promise<boolean>;
  /**
   * Queues these customers for the plugin's `deferred` handler, in this transaction: the work
   * is done by a background pass once the write commits, and never if it rolls back. A plugin
   * without `deferred` gets GX_ERR_PLUGIN_INVALID.
   */
  defer(customerIds: readonly number[]): Promise<void>;
  /** Of these customers, those with this plugin's deferred work still queued. */
  pending(customerIds: readonly number[]): Promise<ReadonlySet<number>>;
}

/** A before hook's handler may return a veto; any other handler returns nothing. */
export type HookResult<N extends HookName> = N extends BeforeHookName
  ? // biome-ignore lint/suspicious/noConfusingVoidType: returning nothing lets the write go on
    Veto | undefined | void
  : // biome-ignore lint/suspicious/noConfusingVoidType: event handlers return nothing
    void;

export type HookHandler<N extends HookName, TConfig = unknown> = (
  event: HookEvent<N>,
  ctx: PluginContext<TConfig>,
) => HookResult<N> | Promise<HookResult<N>>;

export type HookOrder = 'pre' | 'normal' | 'post';

export interface HookRegistration<N extends HookName, TConfig = unknown> {
  readonly order?: HookOrder;
  /** Overrides the core's hook time budget for this handler. */
  readonly timeoutMs?: number;
  readonly handler: HookHandler<N, TConfig>;
}

export type PluginHooks<TConfig = unknown> = {
  readonly [N in HookName]?: HookHandler<N, TConfig> | HookRegistration<N, TConfig>;
};
