import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core, ImportKind, ImportRun } from '@guanxi/core';
import type { Logger } from 'pino';
import { importCustomers } from './import-customers';
import { importOrders } from './import-orders';
import type { ImportOptions, ImportSummary } from './import-run';

type Importer = (core: Core, file: string, options: ImportOptions) => Promise<ImportSummary>;

const IMPORTERS: Readonly<Record<ImportKind, Importer>> = {
  customers: importCustomers,
  orders: importOrders,
};

/** Smaller batches than the CLI's, so the console sees progress on a modest file. */
const BATCH_SIZE = 500;

export interface UploadedImport {
  readonly kind: ImportKind;
  /** The name the file had on the user's computer. */
  readonly fileName: string;
  readonly encoding: string;
  readonly bytes: Uint8Array;
  readonly actor: string;
}

/** A file name that is safe on any disk and still ends in .csv. */
function diskName(fileName: string): string {
  const safe = fileName.replace(/[^\p{L}\p{N}._-]/gu, '_').slice(-120) || 'upload';
  return /\.csv$/i.test(safe) ? safe : `${safe}.csv`;
}

/**
 * Starts a CSV import in the background of this process, through the same importers as
 * `guanxi import`, and returns its record at once. Progress after each batch, then the
 * summary and the reject report (or why it failed), go to the database, where any server
 * process reads them. `finished` settles when it is over; it never rejects.
 */
export async function startImport(
  core: Core,
  teamId: number,
  upload: UploadedImport,
  logger: Logger,
): Promise<{ run: ImportRun; finished: Promise<void> }> {
  const run = await core.imports.start(teamId, {
    kind: upload.kind,
    fileName: upload.fileName,
    encoding: upload.encoding,
    totalBytes: upload.bytes.length,
    actor: upload.actor,
  });
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-import-'));
  const file = join(dir, diskName(upload.fileName));
  let progress = Promise.resolve();
  const work = async () => {
    await writeFile(file, upload.bytes);
    const summary = await IMPORTERS[upload.kind](core, file, {
      teamId,
      encoding: upload.encoding,
      batchSize: BATCH_SIZE,
      onProgress: ({ bytes, rows }) => {
        progress = progress.then(() => core.imports.progress(run.id, { bytes, rows }));
      },
    });
    await progress;
    await core.imports.finish(run.id, {
      rows: summary.read,
      imported: summary.imported,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      customersCreated: summary.customersCreated,
      ignoredColumns: summary.ignoredColumns,
      rejects: summary.rejectsFile === null ? null : await readFile(summary.rejectsFile, 'utf8'),
    });
  };
  const finished = work()
    .catch(async (error: unknown) => {
      logger.warn({ err: error, importId: run.id, teamId }, 'console import failed');
      const message = error instanceof Error ? error.message : String(error);
      await progress.catch(() => {});
      await core.imports.fail(run.id, message.replaceAll(file, upload.fileName));
    })
    .catch((error: unknown) =>
      logger.error({ err: error, importId: run.id }, 'import record failed'),
    )
    .finally(() => rm(dir, { recursive: true, force: true }).catch(() => {}));
  return { run, finished };
}
