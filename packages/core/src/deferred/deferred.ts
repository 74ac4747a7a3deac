import { type Kysely, sql } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError } from '../errors';
import { touchCards } from '../facts/facts-writer';
import { describeError, type HandlerOutcome } from '../hooks/hook-runner';
import type { AnyPlugin } from '../plugins/define-plugin';
import type { Subscription } from '../plugins/plugin-registry';
import { lockForTransaction } from '../storage/advisory-lock';
import { dialectOf } from '../storage/columns';
import { PreparedBatch } from '../storage/prepared-batch';
import type { CoreTables } from '../storage/schema';
import { chunked, inTransaction } from '../storage/transaction';

/** Customers one run of a plugin's deferred handler gets when it does not say. */
export const DEFAULT_DEFERRED_BATCH = 500;
/** The fewest customers a run sized by wait takes: work that has waited 200 ms or less. */
const SHORT_RUN = 10;
/** A run sized by wait takes one more customer for each further 20 ms its work has waited. */
const WAIT_PER_CUSTOMER_MS = 20;
/** A failed run is tried again after 1 s, 2 s, 4 s, … and at most an hour later. */
const MAX_RETRY_MS = 3_600_000;

interface QueuedRow {
  team_id: number;
  plugin_id: string;
  customer_id: number;
  queued_at: string;
  run_after: string;
}

const queueRows = new PreparedBatch<QueuedRow>(
  ['team_id', 'plugin_id', 'customer_id', 'queued_at', 'run_after'],
  (db, rows) => db.insertInto('deferred_work').values(rows),
);

/**
 * Queues `customerIds` for the deferred handler of `pluginId`, in `db`'s transaction, and
 * marks their cards changed: a card is not stored while work is queued for its customer (see
 * `Context`), so the run that does the work need not mark it again.
 */
export async function queueDeferred(
  rt: CoreRuntime,
  db: Kysely<CoreTables>,
  teamId: number,
  pluginId: string,
  customerIds: readonly number[],
): Promise<void> {
  if (rt.registry.get(pluginId).deferred === undefined) {
    throw new GuanxiError(
      'GX_ERR_PLUGIN_INVALID',
      `Plugin ${pluginId} defers work without a handler: add definePlugin({ deferred })`,
      { details: { plugin: pluginId } },
    );
  }
  const now = rt.now();
  const rows = [...new Set(customerIds)].map((customerId) => ({
    team_id: teamId,
    plugin_id: pluginId,
    customer_id: customerId,
    queued_at: now,
    run_after: now,
  }));
  for (const chunk of chunked(rows, 500)) await queueRows.execute(db, chunk);
  await touchCards(db, customerIds, teamId);
}

/** Of these customers, those with deferred work of `pluginId` still queued. */
export async function pendingDeferred(
  db: Kysely<CoreTables>,
  teamId: number,
  pluginId: string,
  customerIds: readonly number[],
): Promise<Set<number>> {
  const pending = new Set<number>();
  for (const ids of chunked([...new Set(customerIds)], 500)) {
    const rows = await db
      .selectFrom('deferred_work')
      .select('customer_id')
      .distinct()
      .where('customer_id', 'in', ids)
      .where('plugin_id', '=', pluginId)
      .where('team_id', '=', teamId)
      .execute();
    for (const row of rows) pending.add(Number(row.customer_id));
  }
  return pending;
}

/** What one run of a plugin's deferred handler did. */
export interface DeferredRun {
  readonly teamId: number;
  readonly pluginId: string;
  /** Queued rows taken: one per write that asked, several writes of a customer coalesced. */
  readonly taken: number;
  /** Distinct customers the handler ran for; 0 when the team has the plugin off (work dropped). */
  readonly customers: number;
  /** False when the handler failed or overran: its rows wait for a later try. */
  readonly ok: boolean;
}

export interface DrainOptions {
  /** Only this team's work. */
  readonly teamId?: number;
  /**
   * Only work queued up to this time (ISO): what writes queue meanwhile waits for the next
   * drain, so that under a steady stream of writes runs stay batches, not one customer each.
   */
  readonly queuedBy?: string;
  /** Awaited between two runs, to let other work through (a server yields its event loop). */
  readonly pause?: () => Promise<void>;
  /** Stops after the run in progress once aborted. */
  readonly signal?: AbortSignal;
  /**
   * Sizes each run by how long its oldest work has waited (`runSize`) instead of taking the
   * plugin's whole batch. A run holds the database's write lock for its whole transaction
   * (on SQLite, every other write waits for it), so while the queue keeps up, short runs keep
   * the writes behind them quick; when it falls behind, runs grow back to whole batches. The
   * server's worker sets it; a bulk drain after an import does not.
   */
  readonly sizeRunsByWait?: boolean;
}

export interface DrainSummary {
  readonly runs: number;
  readonly customers: number;
  readonly failed: number;
}

/** The queue's length by plugin, and how far behind it is. */
export interface DeferredBacklog {
  /** Queued rows, all plugins. */
  readonly queued: number;
  /** Rows whose last run failed, waiting for a retry. */
  readonly failing: number;
  /** When the oldest queued row was written, or null for an empty queue. */
  readonly oldestQueuedAt: string | null;
  readonly byPlugin: Readonly<Record<string, number>>;
}

const retryDelayMs = (attempts: number) => Math.min(1000 * 2 ** attempts, MAX_RETRY_MS);

/**
 * How many customers a run sized by wait takes when its oldest work has waited `waitedMs`: 10
 * up to 200 ms, one more for each further 20 ms, at most the plugin's batch size (500 by
 * default, reached after 10 s).
 */
export function runSize(waitedMs: number, batchSize: number): number {
  return Math.min(batchSize, Math.max(SHORT_RUN, Math.floor(waitedMs / WAIT_PER_CUSTOMER_MS)));
}

/**
 * Runs plugins' deferred work: each run takes the customers of the oldest due (team, plugin)
 * group's next rows, with every row queued for them (several writes of a customer make one
 * run for them), runs the plugin's handler once for those customers in a savepoint with the
 * hook budget, then deletes the rows, all in one transaction (the cards were marked changed
 * when the work was queued, and none is stored while it is). A crash before the commit leaves
 * the rows for the next run. A handler that fails or overruns leaves its rows for a retry with
 * backoff. Any number of server processes may run it: on PostgreSQL a (team, plugin) group is
 * worked by one transaction at a time, and rows another has taken are skipped.
 */
export class Deferred {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /** One run for the oldest due group, or null when nothing is due. */
  async runOnce(
    options: Pick<DrainOptions, 'teamId' | 'queuedBy' | 'sizeRunsByWait'> = {},
  ): Promise<DeferredRun | null> {
    const busy: { team_id: number; plugin_id: string }[] = [];
    for (;;) {
      const group = await this.#oldestDue(options, busy);
      if (group === undefined) return null;
      const definition = this.#rt.registry.find(group.plugin_id)?.deferred;
      // Work of a plugin this core does not run waits for a process that does.
      if (definition === undefined) {
        busy.push(group);
        continue;
      }
      const batchSize = definition.batchSize ?? DEFAULT_DEFERRED_BATCH;
      const waitedMs = Date.parse(this.#rt.now()) - Date.parse(group.queued_at);
      const take = {
        pluginId: group.plugin_id,
        definition,
        size: options.sizeRunsByWait === true ? runSize(waitedMs, batchSize) : batchSize,
        queuedBy: options.queuedBy,
      };
      const teamId = Number(group.team_id);
      const prepared =
        definition.prepare === undefined ? undefined : await this.#prepare(teamId, take);
      const run =
        prepared === null
          ? undefined
          : await inTransaction(this.#db, (trx) => this.#run(trx, teamId, take, prepared));
      // What was prepared is out of date (done by another run, or the plugin turned on since):
      // the group still has work, so it is prepared again rather than left for later.
      if (run === STALE) continue;
      if (run !== undefined) return run;
      busy.push(group);
    }
  }

  /** Runs until nothing is due (or `signal` aborts); what it did, added up. */
  async drain(options: DrainOptions = {}): Promise<DrainSummary> {
    let runs = 0;
    let customers = 0;
    let failed = 0;
    while (!options.signal?.aborted) {
      const run = await this.runOnce(options);
      if (run === null) break;
      runs += 1;
      customers += run.customers;
      if (!run.ok) failed += 1;
      await options.pause?.();
    }
    return { runs, customers, failed };
  }

  /** The queue as it stands, for one team or all. */
  async backlog(teamId?: number): Promise<DeferredBacklog> {
    const rows = await this.#db
      .selectFrom('deferred_work')
      .select((eb) => [
        'plugin_id',
        eb.fn.countAll<number>().as('queued'),
        eb.fn.sum<number>(sql`case when attempts > 0 then 1 else 0 end`).as('failing'),
        eb.fn.min('queued_at').as('oldest'),
      ])
      .$if(teamId !== undefined, (qb) => qb.where('team_id', '=', teamId as number))
      .groupBy('plugin_id')
      .orderBy('plugin_id')
      .execute();
    const oldest = rows.reduce<string | null>(
      (min, row) => (min === null || row.oldest < min ? row.oldest : min),
      null,
    );
    return {
      queued: rows.reduce((sum, row) => sum + Number(row.queued), 0),
      failing: rows.reduce((sum, row) => sum + Number(row.failing), 0),
      oldestQueuedAt: oldest,
      byPlugin: Object.fromEntries(rows.map((row) => [row.plugin_id, Number(row.queued)])),
    };
  }

  async #oldestDue(
    { teamId, queuedBy }: Pick<DrainOptions, 'teamId' | 'queuedBy'>,
    busy: readonly { team_id: number; plugin_id: string }[],
  ) {
    return this.#db
      .selectFrom('deferred_work')
      .select(['team_id', 'plugin_id', 'queued_at'])
      .where('run_after', '<=', this.#rt.now())
      .$if(teamId !== undefined, (qb) => qb.where('team_id', '=', teamId as number))
      .$if(queuedBy !== undefined, (qb) => qb.where('queued_at', '<=', queuedBy as string))
      .$if(busy.length > 0, (qb) =>
        qb.where(({ and, eb, not, or }) =>
          not(
            or(
              busy.map((group) =>
                and([eb('team_id', '=', group.team_id), eb('plugin_id', '=', group.plugin_id)]),
              ),
            ),
          ),
        ),
      )
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * The first part of a run whose plugin prepares (`DeferredDefinition.prepare`): outside any
   * transaction, reads the customers and rows a run would take and runs `prepare` on them.
   * Null when nothing is due; no outcome when the team has the plugin off.
   */
  async #prepare(teamId: number, take: RunTake): Promise<Prepared | null> {
    const customerIds = await claimCustomers(this.#db, teamId, take, this.#rt.now(), false);
    if (customerIds.length === 0) return null;
    const rows = await queuedFor(this.#db, teamId, take.pluginId, customerIds, false);
    const team = await this.#rt.settings.forTeam(this.#db, teamId);
    const prepare = take.definition.prepare;
    if (prepare === undefined || !team.get(take.pluginId).enabled) return { rows };
    const outcome = await this.#rt.hooks.read(
      this.#db,
      deferredHook(take.pluginId, (_event, ctx) => prepare(customerIds, ctx)),
      { hook: 'deferred', teamId, items: customerIds },
      team,
    );
    return { rows, outcome };
  }

  /**
   * One run of one group in `trx`, of up to `size` customers, or of the customers `prepared`
   * read whose rows are all still queued; undefined when another process is working the group,
   * STALE when what was prepared is out of date.
   */
  async #run(
    trx: Kysely<CoreTables>,
    teamId: number,
    take: RunTake,
    prepared: Prepared | undefined,
  ): Promise<DeferredRun | typeof STALE | undefined> {
    const { pluginId, definition } = take;
    if (!(await lockForTransaction(trx, `deferred:${teamId}:${pluginId}`))) return undefined;
    const now = this.#rt.now();
    const locks = dialectOf(trx) === 'postgres';
    let rows: QueuedRowRef[];
    if (prepared === undefined) {
      const claimed = await claimCustomers(trx, teamId, take, now, locks);
      // The run does these customers' work as of now: it takes every row queued for them.
      rows = await queuedFor(trx, teamId, pluginId, claimed, locks);
    } else {
      rows = await stillQueued(trx, prepared.rows, locks);
      if (rows.length === 0) return STALE;
    }
    const customerIds = [...new Set(rows.map((row) => row.customer_id))];
    const ids = rows.map((row) => row.id);
    const run = { teamId, pluginId, taken: rows.length };
    const team = await this.#rt.settings.forTeam(trx, teamId);
    if (!team.get(pluginId).enabled) {
      // A plugin the team has turned off does no work, as its hooks do not run.
      await deleteRows(trx, ids);
      return { ...run, customers: 0, ok: true };
    }
    // Turned on since `prepare` found it off.
    if (prepared !== undefined && prepared.outcome === undefined) return STALE;
    const preparedOutcome = prepared?.outcome;
    const preparedResult = preparedOutcome?.ok === true ? preparedOutcome.result : undefined;
    const outcome =
      preparedOutcome?.ok === false
        ? preparedOutcome
        : await this.#rt.hooks.run(
            trx,
            deferredHook(pluginId, (_event, ctx) =>
              definition.run(customerIds, ctx, preparedResult),
            ),
            { hook: 'deferred', teamId, items: customerIds },
            team,
          );
    if (outcome.ok) {
      await deleteRows(trx, ids);
      return { ...run, customers: customerIds.length, ok: true };
    }
    const attempts = Math.max(...rows.map((row) => row.attempts)) + 1;
    const retryAt = new Date(Date.parse(now) + retryDelayMs(attempts - 1)).toISOString();
    for (const chunk of chunked(ids, 500)) {
      await trx
        .updateTable('deferred_work')
        .set({ attempts, run_after: retryAt })
        .where('id', 'in', chunk)
        .execute();
    }
    this.#rt.logger.warn(
      {
        plugin: pluginId,
        teamId,
        customers: customerIds.length,
        attempts,
        retryAt,
        error: describeError(outcome.error),
      },
      `deferred work ${outcome.kind === 'timeout' ? 'timed out' : 'failed'}; it will be tried again`,
    );
    return { ...run, customers: customerIds.length, ok: false };
  }
}

/** What a run returns when what it prepared is out of date, to be prepared again. */
const STALE = Symbol('stale');

/** A part of a deferred handler, run as the runner runs a hook: the plugin's context, the hook budget. */
const deferredHook = (pluginId: string, handler: Subscription['handler']): Subscription => ({
  pluginId,
  hook: 'deferred',
  order: 'normal',
  timeoutMs: undefined,
  handler,
});

/** What one run takes: up to `size` customers of the plugin's due work queued by `queuedBy`. */
interface RunTake {
  readonly pluginId: string;
  readonly definition: NonNullable<AnyPlugin['deferred']>;
  readonly size: number;
  readonly queuedBy: string | undefined;
}

/** A queued row a run takes. */
interface QueuedRowRef {
  readonly id: number;
  readonly customer_id: number;
  readonly attempts: number;
}

/** What `prepare` read outside the run's transaction, and what it returned. */
interface Prepared {
  readonly rows: readonly QueuedRowRef[];
  /** Absent when the team had the plugin off. */
  readonly outcome?: HandlerOutcome;
}

/** The customers of the group's next due rows, oldest first, up to the run's size. */
async function claimCustomers(
  db: Kysely<CoreTables>,
  teamId: number,
  { pluginId, size, queuedBy }: RunTake,
  now: string,
  lock: boolean,
): Promise<number[]> {
  let claim = db
    .selectFrom('deferred_work')
    .select('customer_id')
    .where('team_id', '=', teamId)
    .where('plugin_id', '=', pluginId)
    .where('run_after', '<=', now)
    .$if(queuedBy !== undefined, (qb) => qb.where('queued_at', '<=', queuedBy as string))
    .orderBy('id')
    .limit(size);
  if (lock) claim = claim.forUpdate().skipLocked();
  return [...new Set((await claim.execute()).map((row) => Number(row.customer_id)))];
}

/** Every row queued for these customers in the group; with `lock`, locked, skipping what others hold. */
async function queuedFor(
  db: Kysely<CoreTables>,
  teamId: number,
  pluginId: string,
  customerIds: readonly number[],
  lock: boolean,
): Promise<QueuedRowRef[]> {
  const rows: QueuedRowRef[] = [];
  for (const chunk of chunked(customerIds, 500)) {
    let query = db
      .selectFrom('deferred_work')
      .select(['id', 'customer_id', 'attempts'])
      .where('customer_id', 'in', chunk)
      .where('plugin_id', '=', pluginId)
      .where('team_id', '=', teamId);
    if (lock) query = query.forUpdate().skipLocked();
    rows.push(...(await query.execute()).map(toRowRef));
  }
  return rows;
}

/**
 * Of the rows `prepare` read, those of the customers all of whose rows are still queued (with
 * `lock`, locked): a customer with any row gone was done by another run meanwhile.
 */
async function stillQueued(
  trx: Kysely<CoreTables>,
  prepared: readonly QueuedRowRef[],
  lock: boolean,
): Promise<QueuedRowRef[]> {
  const present = new Set<number>();
  for (const chunk of chunked(
    prepared.map((row) => row.id),
    500,
  )) {
    let query = trx.selectFrom('deferred_work').select('id').where('id', 'in', chunk);
    if (lock) query = query.forUpdate().skipLocked();
    for (const row of await query.execute()) present.add(Number(row.id));
  }
  const gone = new Set(
    prepared.filter((row) => !present.has(row.id)).map((row) => row.customer_id),
  );
  return prepared.filter((row) => !gone.has(row.customer_id));
}

const toRowRef = (row: { id: number; customer_id: number; attempts: number }): QueuedRowRef => ({
  id: Number(row.id),
  customer_id: Number(row.customer_id),
  attempts: Number(row.attempts),
});

async function deleteRows(trx: Kysely<CoreTables>, ids: readonly number[]): Promise<void> {
  for (const chunk of chunked([...ids], 500)) {
    await trx.deleteFrom('deferred_work').where('id', 'in', chunk).execute();
  }
}
