import type { Kysely, Selectable } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import type { CoreTables, HookFailuresTable } from '../storage/schema';
import { describeError } from './hook-runner';

export interface HookFailure {
  readonly id: number;
  readonly teamId: number;
  readonly pluginId: string;
  readonly hook: string;
  readonly items: readonly unknown[];
  readonly error: string;
  readonly kind: 'error' | 'timeout';
  readonly attempts: number;
  readonly createdAt: string;
  readonly replayedAt: string | null;
}

export type ReplayResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

function toFailure(row: Selectable<HookFailuresTable>): HookFailure {
  return {
    id: row.id,
    teamId: row.team_id,
    pluginId: row.plugin_id,
    hook: row.hook,
    items: JSON.parse(row.payload),
    error: row.error,
    kind: row.kind,
    attempts: row.attempts,
    createdAt: row.created_at,
    replayedAt: row.replayed_at,
  };
}

/** Handlers that failed or overran, kept with their payload so an admin can replay them. */
export class HookFailures {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async list(teamId: number, options: { pending?: boolean; limit?: number } = {}) {
    let query = this.#db
      .selectFrom('hook_failures')
      .selectAll()
      .where('team_id', '=', teamId)
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100);
    if (options.pending) query = query.where('replayed_at', 'is', null);
    return (await query.execute()).map(toFailure);
  }

  /**
   * Runs the failed handler again with the stored payload, in a savepoint of a new
   * transaction. Success marks the failure replayed, so a second replay is refused.
   */
  async replay(teamId: number, failureId: number): Promise<ReplayResult> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('hook_failures')
        .selectAll()
        .where('id', '=', failureId)
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      if (row === undefined) throw notFound('hook failure', 'failureId', failureId);
      if (row.replayed_at !== null) {
        throw new GuanxiError('GX_ERR_CONFLICT', `Hook failure ${failureId} was already replayed`, {
          issues: [{ path: 'failureId', message: 'already replayed' }],
        });
      }
      const subscription = this.#rt.registry
        .subscriptions(row.hook)
        .find((s) => s.pluginId === row.plugin_id);
      if (subscription === undefined) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_UNKNOWN',
          `Plugin ${row.plugin_id} no longer handles ${row.hook}`,
          { details: { plugin: row.plugin_id, hook: row.hook } },
        );
      }
      const team = await this.#rt.settings.forTeam(trx, teamId);
      if (!team.get(row.plugin_id).enabled) {
        throw new GuanxiError(
          'GX_ERR_PLUGIN_DISABLED',
          `Plugin ${row.plugin_id} is disabled for team ${teamId}; enable it to replay`,
          { details: { plugin: row.plugin_id } },
        );
      }
      const event = { hook: row.hook, teamId, items: JSON.parse(row.payload) as unknown[] };
      const outcome = await this.#rt.hooks.run(trx, subscription, event, team);
      await trx
        .updateTable('hook_failures')
        .set(
          outcome.ok
            ? { attempts: row.attempts + 1, replayed_at: this.#rt.now() }
            : { attempts: row.attempts + 1, error: describeError(outcome.error) },
        )
        .where('id', '=', failureId)
        .execute();
      return outcome.ok ? { ok: true } : { ok: false, error: describeError(outcome.error) };
    });
  }
}
