import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { CoreRuntime } from '../core-runtime';
import { notFound } from '../errors';
import type { CoreTables, ImportKind, ImportRunsTable, ImportStatus } from '../storage/schema';
import { requireTeam } from '../teams/teams';
import { parseInput } from '../validation';

export type { ImportKind, ImportStatus };

export const IMPORT_KINDS = ['customers', 'orders'] as const satisfies readonly ImportKind[];

export const importStartSchema = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string().trim().min(1, 'must not be empty').max(200),
  encoding: z.string().trim().min(1).max(40),
  totalBytes: z.number().int().nonnegative(),
  actor: z.string().trim().min(1, 'must say who').max(200),
});

export type ImportStart = z.input<typeof importStartSchema>;

/** How far a running import has got. */
export interface ImportProgressUpdate {
  readonly bytes: number;
  readonly rows: number;
}

/** What a finished import did; `rejects` is its reject report as CSV, null when none. */
export interface ImportOutcome {
  readonly rows: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly customersCreated: number;
  readonly ignoredColumns: readonly string[];
  readonly rejects: string | null;
}

export interface ImportRun {
  readonly id: number;
  readonly teamId: number;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly encoding: string;
  readonly status: ImportStatus;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly customersCreated: number;
  readonly ignoredColumns: readonly string[];
  readonly hasRejects: boolean;
  readonly error: string | null;
  readonly actor: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

const ERROR_LIMIT = 2_000;

type RunRow = Omit<Selectable<ImportRunsTable>, 'rejects'> & { has_rejects: number | boolean };

function toRun(row: RunRow): ImportRun {
  return {
    id: row.id,
    teamId: row.team_id,
    kind: row.kind,
    fileName: row.file_name,
    encoding: row.encoding,
    status: row.status,
    bytes: Number(row.bytes),
    totalBytes: Number(row.total_bytes),
    rows: Number(row.rows),
    imported: Number(row.imported),
    duplicates: Number(row.duplicates),
    rejected: Number(row.rejected),
    customersCreated: Number(row.customers_created),
    ignoredColumns: JSON.parse(row.ignored_columns) as string[],
    hasRejects: Boolean(row.has_rejects),
    error: row.error,
    actor: row.actor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/**
 * The record of CSV imports run in the background (from the console): progress while they
 * run and the outcome after, in the database, so every server process can show them.
 */
export class ImportRuns {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async start(teamId: number, input: ImportStart): Promise<ImportRun> {
    const start = parseInput(importStartSchema, input);
    await requireTeam(this.#db, teamId);
    const now = this.#rt.now();
    const { id } = await this.#db
      .insertInto('import_runs')
      .values({
        team_id: teamId,
        kind: start.kind,
        file_name: start.fileName,
        encoding: start.encoding,
        status: 'running',
        total_bytes: start.totalBytes,
        actor: start.actor,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.get(teamId, id);
  }

  async progress(runId: number, progress: ImportProgressUpdate): Promise<void> {
    await this.#db
      .updateTable('import_runs')
      .set({ bytes: progress.bytes, rows: progress.rows, updated_at: this.#rt.now() })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .execute();
  }

  async finish(runId: number, outcome: ImportOutcome): Promise<void> {
    const now = this.#rt.now();
    await this.#db
      .updateTable('import_runs')
      .set((eb) => ({
        status: 'done',
        bytes: eb.ref('total_bytes'),
        rows: outcome.rows,
        imported: outcome.imported,
        duplicates: outcome.duplicates,
        rejected: outcome.rejected,
        customers_created: outcome.customersCreated,
        ignored_columns: JSON.stringify(outcome.ignoredColumns),
        rejects: outcome.rejects,
        updated_at: now,
        finished_at: now,
      }))
      .where('id', '=', runId)
      .execute();
  }

  /** Records why an import stopped; what it had sent by then stays imported. */
  async fail(runId: number, error: string): Promise<void> {
    const now = this.#rt.now();
    await this.#db
      .updateTable('import_runs')
      .set({
        status: 'failed',
        error: error.slice(0, ERROR_LIMIT),
        updated_at: now,
        finished_at: now,
      })
      .where('id', '=', runId)
      .execute();
  }

  async get(teamId: number, runId: number): Promise<ImportRun> {
    const row = await this.#select()
      .where('id', '=', runId)
      .where('team_id', '=', teamId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('import', 'importId', runId);
    return toRun(row);
  }

  /** The team's imports, newest first. */
  async list(teamId: number, limit = 20): Promise<ImportRun[]> {
    const rows = await this.#select()
      .where('team_id', '=', teamId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRun);
  }

  /** The import's reject report as CSV (line, field, reason), or null when none. */
  async rejects(teamId: number, runId: number): Promise<string | null> {
    const row = await this.#db
      .selectFrom('import_runs')
      .select('rejects')
      .where('id', '=', runId)
      .where('team_id', '=', teamId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('import', 'importId', runId);
    return row.rejects;
  }

  #select() {
    return this.#db
      .selectFrom('import_runs')
      .select((eb) => [
        'id',
        'team_id',
        'kind',
        'file_name',
        'encoding',
        'status',
        'bytes',
        'total_bytes',
        'rows',
        'imported',
        'duplicates',
        'rejected',
        'customers_created',
        'ignored_columns',
        'error',
        'actor',
        'created_at',
        'updated_at',
        'finished_at',
        eb.case().when('rejects', 'is not', null).then(1).else(0).end().as('has_rejects'),
      ]);
  }
}
