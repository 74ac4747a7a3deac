import { stat } from 'node:fs/promises';
import { toFieldIssues } from '@guanxi/core';
import type { z } from 'zod';
import { type CsvRow, openCsv } from './csv-source';
import { RejectReport, rejectsFileOf } from './reject-report';
import type { BatchItem } from './send-batch';

export interface ImportOptions {
  readonly teamId: number;
  /** The file's encoding when it is not UTF-8, such as `gbk`. */
  readonly encoding?: string;
  /** Rows sent to the core at once. Default 2,000. */
  readonly batchSize?: number;
  /** Told after each batch how far the import has got. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface ImportSummary {
  readonly file: string;
  /** Data rows in the file, the header not counted. */
  readonly read: number;
  readonly imported: number;
  /** Rows already imported before (or repeated in the file): skipped. */
  readonly duplicates: number;
  readonly rejected: number;
  /** Customers an orders import created for references it did not know. */
  readonly customersCreated: number;
  /** Header columns the import does not know: ignored, and named so a typo shows. */
  readonly ignoredColumns: readonly string[];
  /** The reject report, when some row was rejected. */
  readonly rejectsFile: string | null;
}

/** Counts a batch adds to as it goes through the core. */
export interface Tally {
  imported: number;
  duplicates: number;
  customersCreated: number;
}

/** What one kind of import knows: its columns, how to read a row, how to send a batch. */
export interface ImportSpec<Row extends BatchItem> {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** The row ready to send, or undefined after adding why not to the report. */
  parse(row: CsvRow, rejects: RejectReport): Row | undefined;
  flush(rows: readonly Row[], tally: Tally, rejects: RejectReport): Promise<void>;
}

const DEFAULT_BATCH_SIZE = 2_000;

/** Streams a CSV file through a spec in batches and writes the reject report beside it. */
export async function runImport<Row extends BatchItem>(
  file: string,
  options: ImportOptions,
  spec: ImportSpec<Row>,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const totalBytes = (await stat(file)).size;
  const rejects = new RejectReport();
  const tally: Tally = { imported: 0, duplicates: 0, customersCreated: 0 };
  let read = 0;
  let bytes = 0;
  const source = await openCsv(file, {
    required: spec.required,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    onBytes: (count) => {
      bytes = count;
    },
    // Every line of an unreadable record is reported, so none goes missing unseen.
    onMalformed: ({ first, last }, reason) => {
      read += last - first + 1;
      rejects.add(first, '', reason);
      for (let line = first + 1; line <= last; line += 1) {
        rejects.add(line, '', `part of the unreadable record from line ${first}`);
      }
    },
  });
  let batch: Row[] = [];
  const flush = async () => {
    await spec.flush(batch, tally, rejects);
    batch = [];
    options.onProgress?.({ bytes, totalBytes, rows: read });
  };
  for await (const row of source.rows) {
    read += 1;
    const parsed = fitsHeader(row, source.columns.length, rejects)
      ? spec.parse(row, rejects)
      : undefined;
    if (parsed !== undefined) batch.push(parsed);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const known = new Set([...spec.required, ...spec.optional]);
  return {
    file,
    read,
    ...tally,
    rejected: rejects.rows,
    ignoredColumns: source.columns.filter((column) => column !== '' && !known.has(column)),
    rejectsFile: await rejects.write(rejectsFileOf(file)),
  };
}

// A row longer than the header has its values shifted: no column can be trusted.
function fitsHeader(row: CsvRow, columns: number, rejects: RejectReport): boolean {
  if (row.fieldCount <= columns) return true;
  rejects.add(row.line, '', `has ${row.fieldCount} fields where the header has ${columns}`);
  return false;
}

/** A cell's trimmed text, or undefined when it is empty or the row is short. */
export function cell(row: CsvRow, column: string): string | undefined {
  const value = row.values.get(column)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Reports each required cell that is empty; true when all are there. */
export function hasRequired(row: CsvRow, columns: readonly string[], rejects: RejectReport) {
  const missing = columns.filter((column) => cell(row, column) === undefined);
  for (const column of missing) rejects.add(row.line, column, 'is required');
  return missing.length === 0;
}

/** Parses with a core schema, reporting each issue against the CSV column it comes from. */
export function parseRow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  row: CsvRow,
  columnOf: (field: string) => string,
  rejects: RejectReport,
): z.output<S> | undefined {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of toFieldIssues(result.error)) {
    rejects.add(row.line, columnOf(issue.path), issue.message);
  }
  return undefined;
}
