import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { GuanxiError } from '@guanxi/core';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

export interface CsvRow {
  /** The line of the file the record starts on; the header is line 1. */
  readonly line: number;
  /** Values by header name (trimmed, lower-case); missing where the record is short. */
  readonly values: ReadonlyMap<string, string>;
  /** How many fields the record has; more than the header's means the row is shifted. */
  readonly fieldCount: number;
}

export interface CsvSourceOptions {
  /** Any encoding iconv-lite knows, such as `gbk`; default UTF-8. */
  readonly encoding?: string;
  /** Told how many bytes of the file have been read so far. */
  readonly onBytes?: (bytes: number) => void;
  /** Columns the header must have; without one the file is refused before any row is read. */
  readonly required?: readonly string[];
  /** Told of a record the parser cannot read (a broken quote); the rest goes on. */
  readonly onMalformed?: (line: number, reason: string) => void;
}

export interface CsvSource {
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<CsvRow>;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Opens a CSV file as its header and a stream of rows, read as it goes, never all at once. */
export async function openCsv(file: string, options: CsvSourceOptions = {}): Promise<CsvSource> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (error: Error & { lines?: number }) =>
    options.onMalformed?.(error.lines ?? 0, error.message),
  );
  const decoder = decoderFor(options.encoding ?? 'utf-8');
  const bytes = createReadStream(file);
  let read = 0;
  bytes.on('data', (chunk) => {
    read += chunk.length;
    options.onBytes?.(read);
  });
  // An error anywhere (a missing file) destroys the parser, which rejects the iteration.
  const ignore = () => {};
  if (decoder === undefined) pipeline(bytes, parser, ignore);
  else pipeline(bytes, decoder, parser, ignore);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRecord>;
  const first = await records.next();
  if (first.done) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${file} is empty: it needs a header line`, {
      issues: [{ path: 'file', message: 'no header line' }],
    });
  }
  const columns = first.value.record.map((name) => name.trim().toLowerCase());
  const missing = (options.required ?? []).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    await records.return?.();
    throw new GuanxiError(
      'GX_ERR_VALIDATION',
      `${file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      {
        issues: missing.map((path) => ({
          path,
          message: 'required column missing from the header',
        })),
      },
    );
  }
  return { columns, rows: rowsOf(records, columns) };
}

/** A decoding stream for encodings other than UTF-8, which the parser reads itself. */
function decoderFor(encoding: string): NodeJS.ReadWriteStream | undefined {
  if (/^utf-?8$/i.test(encoding)) return undefined;
  if (!iconv.encodingExists(encoding)) {
    throw new GuanxiError('GX_ERR_VALIDATION', `Unknown encoding "${encoding}"`, {
      issues: [{ path: 'encoding', message: 'unknown encoding; try utf-8 or gbk' }],
    });
  }
  return iconv.decodeStream(encoding);
}

async function* rowsOf(
  records: AsyncIterator<ParsedRecord>,
  columns: readonly string[],
): AsyncGenerator<CsvRow> {
  // The parser counts every \r and \n inside quotes as a line; \r\n is one line break.
  let overCounted = 0;
  try {
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const { record, info } = next.value;
      const values = new Map<string, string>();
      columns.forEach((column, index) => {
        const value = record[index];
        if (value !== undefined) values.set(column, value);
      });
      const breaks = count(record, /\r\n|\r|\n/g);
      overCounted += count(record, /[\r\n]/g) - breaks;
      yield { line: info.lines - overCounted - breaks, values, fieldCount: record.length };
    }
  } finally {
    // Stops reading the file when the caller stops early, as after a failed batch.
    await records.return?.();
  }
}

function count(record: readonly string[], pattern: RegExp): number {
  let found = 0;
  for (const field of record) found += field.match(pattern)?.length ?? 0;
  return found;
}
