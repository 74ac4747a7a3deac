import { CompiledQuery, type Kysely } from 'kysely';
import { GuanxiError } from '../errors';
import type { Logger } from '../logger';
import type { PluginRegistry, Subscription } from '../plugins/plugin-registry';
import type { PluginSettings, TeamSettings } from '../plugins/plugin-settings';
import type { CoreTables } from '../storage/schema';
import { newMessageId } from '../webhooks/signing';
import { ExpiringAccess } from './expiring-access';
import type { PluginContext, Veto } from './hook-types';

/** A plugin's context for one team, with the plugin's config and the zone of `team`. */
export type ContextFactory = (
  pluginId: string,
  teamId: number,
  team: TeamSettings,
  db: Kysely<CoreTables>,
) => PluginContext;

export interface HookRunnerOptions {
  readonly registry: PluginRegistry;
  readonly settings: PluginSettings;
  readonly logger: Logger;
  readonly now: () => string;
  readonly timeoutMs: number;
  readonly context: ContextFactory;
}

export type HandlerOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly kind: 'error' | 'timeout'; readonly error: unknown };

class HookTimeout extends Error {
  constructor(ms: number) {
    super(`did not finish within its ${ms} ms budget`);
  }
}

/** Who a handler's database handle belongs to, for its errors. */
const ownerOf = (subscription: Subscription) =>
  `plugin ${subscription.pluginId} (${subscription.hook})`;

/** A handler's failure: it overran its budget or threw. */
const failed = (error: unknown): HandlerOutcome => ({
  ok: false,
  kind: error instanceof HookTimeout ? 'timeout' : 'error',
  error,
});

/**
 * Runs hook handlers inside the caller's transaction, each in a savepoint of its own: one
 * that throws or overruns its budget is rolled back alone and written to hook_failures,
 * and the write and every other handler still commit.
 */
export class HookRunner {
  readonly #options: HookRunnerOptions;
  /**
   * Savepoint names not in use. A run takes one and gives it back once its savepoint is gone,
   * so names repeat (their statements stay prepared) but two savepoints open at once never
   * share one: a rollback always reaches the savepoint it means.
   */
  readonly #freeSavepoints: string[] = [];
  #savepoints = 0;

  constructor(options: HookRunnerOptions) {
    this.#options = options;
  }

  /** Runs the event hook's handlers of the plugins `teamId` has enabled: pre, normal, post. */
  async emit(
    db: Kysely<CoreTables>,
    hook: string,
    teamId: number,
    items: readonly unknown[],
  ): Promise<void> {
    if (items.length === 0) return;
    const team = await this.#options.settings.forTeam(db, teamId);
    await this.#enqueueWebhooks(db, team.webhooks(hook), hook, teamId, items);
    const event = { hook, teamId, items };
    for (const subscription of this.#enabled(team, hook)) {
      await this.#runRecorded(db, subscription, event, team);
    }
  }

  /**
   * Whether an event on `hook` would reach anyone in the team: an enabled plugin's handler or
   * an active webhook. An emitter with a costly batch to build may skip it when nothing listens.
   */
  async listened(db: Kysely<CoreTables>, hook: string, teamId: number): Promise<boolean> {
    const team = await this.#options.settings.forTeam(db, teamId);
    return team.webhooks(hook).length > 0 || this.#enabled(team, hook).length > 0;
  }

  /** Runs a before hook's handlers; the first veto stops the write with its reason. */
  async before(
    db: Kysely<CoreTables>,
    hook: string,
    teamId: number,
    items: readonly unknown[],
  ): Promise<void> {
    if (this.#options.registry.subscriptions(hook).length === 0) return;
    const team = await this.#options.settings.forTeam(db, teamId);
    const event = { hook, teamId, items };
    for (const subscription of this.#enabled(team, hook)) {
      const outcome = await this.#runRecorded(db, subscription, event, team);
      if (outcome.ok && isVeto(outcome.result)) {
        throw new GuanxiError(
          'GX_ERR_TRANSITION_VETOED',
          `Refused by plugin ${subscription.pluginId}: ${outcome.result.veto}`,
          { details: { plugin: subscription.pluginId, hook, reason: outcome.result.veto } },
        );
      }
    }
  }

  /** The hook's handlers whose plugin the team has on. */
  #enabled(team: TeamSettings, hook: string) {
    return this.#options.registry
      .subscriptions(hook)
      .filter((subscription) => team.get(subscription.pluginId).enabled);
  }

  /** Runs one handler and, if it fails or overruns, records it for replay. */
  async #runRecorded(
    db: Kysely<CoreTables>,
    subscription: Subscription,
    event: { hook: string; teamId: number; items: readonly unknown[] },
    team: TeamSettings,
  ): Promise<HandlerOutcome> {
    const outcome = await this.run(db, subscription, event, team);
    if (!outcome.ok) await this.#recordFailure(db, subscription, event, outcome);
    return outcome;
  }

  /**
   * Runs one handler outside any transaction, on a handle that only reads, with its time
   * budget: the first part of a deferred run (`prepare`). It writes nothing, so nothing is
   * rolled back.
   */
  async read(
    db: Kysely<CoreTables>,
    subscription: Subscription,
    event: { hook: string; teamId: number; items: readonly unknown[] },
    team: TeamSettings,
  ): Promise<HandlerOutcome> {
    const access = new ExpiringAccess(ownerOf(subscription), { readOnly: true });
    try {
      return { ok: true, result: await this.#call(db, subscription, event, team, access) };
    } catch (error) {
      return failed(error);
    } finally {
      access.expire();
    }
  }

  /** Runs one handler in a savepoint of `db`'s transaction with its time budget. */
  async run(
    db: Kysely<CoreTables>,
    subscription: Subscription,
    event: { hook: string; teamId: number; items: readonly unknown[] },
    team: TeamSettings,
  ): Promise<HandlerOutcome> {
    const savepoint = this.#freeSavepoints.pop() ?? `gx_hook_${++this.#savepoints}`;
    const access = new ExpiringAccess(ownerOf(subscription));
    try {
      await db.executeQuery(CompiledQuery.raw(`savepoint ${savepoint}`));
      try {
        const result = await this.#call(db, subscription, event, team, access);
        access.expire();
        await db.executeQuery(CompiledQuery.raw(`release savepoint ${savepoint}`));
        return { ok: true, result };
      } catch (error) {
        access.expire();
        await db.executeQuery(CompiledQuery.raw(`rollback to savepoint ${savepoint}`));
        await db.executeQuery(CompiledQuery.raw(`release savepoint ${savepoint}`));
        return failed(error);
      }
    } finally {
      this.#freeSavepoints.push(savepoint);
    }
  }

  /** The handler's result, with the plugin's context on `db` through `access`, within its budget. */
  #call(
    db: Kysely<CoreTables>,
    subscription: Subscription,
    event: { hook: string; teamId: number; items: readonly unknown[] },
    team: TeamSettings,
    access: ExpiringAccess,
  ): Promise<unknown> {
    const scoped = db.withPlugin(access);
    const ctx = this.#options.context(subscription.pluginId, event.teamId, team, scoped);
    const budget = subscription.timeoutMs ?? this.#options.timeoutMs;
    return withinBudget(() => subscription.handler(event, ctx), budget);
  }

  /** One outbox row per subscribed webhook, in the transaction of the change itself. */
  async #enqueueWebhooks(
    db: Kysely<CoreTables>,
    webhookIds: readonly number[],
    hook: string,
    teamId: number,
    items: readonly unknown[],
  ): Promise<void> {
    if (webhookIds.length === 0) return;
    const now = this.#options.now();
    const payload = JSON.stringify({ event: hook, teamId, occurredAt: now, items });
    const messageId = newMessageId();
    await db
      .insertInto('outbox')
      .values(
        webhookIds.map((webhookId) => ({
          team_id: teamId,
          webhook_id: webhookId,
          message_id: messageId,
          event: hook,
          payload,
          created_at: now,
          next_attempt_at: now,
        })),
      )
      .execute();
  }

  async #recordFailure(
    db: Kysely<CoreTables>,
    subscription: Subscription,
    event: { hook: string; teamId: number; items: readonly unknown[] },
    outcome: Extract<HandlerOutcome, { ok: false }>,
  ): Promise<void> {
    const message = describeError(outcome.error);
    this.#options.logger.warn(
      { plugin: subscription.pluginId, hook: event.hook, teamId: event.teamId, error: message },
      `hook handler ${outcome.kind === 'timeout' ? 'timed out' : 'failed'}`,
    );
    await db
      .insertInto('hook_failures')
      .values({
        team_id: event.teamId,
        plugin_id: subscription.pluginId,
        hook: event.hook,
        payload: JSON.stringify(event.items),
        error: message,
        kind: outcome.kind,
        created_at: this.#options.now(),
      })
      .execute();
  }
}

function isVeto(value: unknown): value is Veto {
  return typeof value === 'object' && value !== null && typeof (value as Veto).veto === 'string';
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.slice(0, 4000);
}

export async function withinBudget<T>(fn: () => T | Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HookTimeout(ms)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(fn), overrun]);
  } finally {
    clearTimeout(timer);
  }
}
