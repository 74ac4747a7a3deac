import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { GuanxiError } from '@guanxi/core';
import { type InfoRecord, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { checkEncoding } from './encoding-check';

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
  /**
   * Told of a record the parser cannot read (a broken quote), with the lines it spans and
   * why; the rest goes on.
   */
  readonly onMalformed?: (lines: { first: number; last: number }, reason: string) => void;
}

export interface CsvSource {
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<CsvRow>;
}

/** The parser's error for a record it skipped, with where it had got to. */
interface SkipError extends Error {
  readonly code?: string;
  readonly lines?: number;
  readonly empty_lines?: number;
}

/**
 * Opens a CSV file as its header and a stream of rows, read as it goes, never all at once.
 * A file whose bytes are not in the encoding is refused before any row is read.
 */
export async function openCsv(file: string, options: CsvSourceOptions = {}): Promise<CsvSource> {
  const encoding = options.encoding ?? 'utf-8';
  const decoder = decoderFor(encoding);
  await checkEncoding(file, encoding);
  const breaks = new LineBreaks();
  // Records and skipped records come in file order. A skipped record is reported once the
  // next record (or the end of the file) shows where it ended; `starts` holds where each
  // record not yet read starts.
  let lastLine = 0;
  let emptyLines = 0;
  let skipped: { first: number; emptyLines: number; error: SkipError } | undefined;
  const reportSkipped = (last: number, emptyNow: number) => {
    if (skipped === undefined) return;
    const lines = {
      first: skipped.first,
      last: Math.max(skipped.first, last - (emptyNow - skipped.emptyLines)),
    };
    options.onMalformed?.(lines, malformedReason(skipped.error, lines.first, lines.last));
    lastLine = lines.last;
    skipped = undefined;
  };
  const starts: number[] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context: InfoRecord) => {
      const start = context.lines - count(record, /\n/g);
      reportSkipped(start - 1, context.empty_lines);
      lastLine = context.lines;
      emptyLines = context.empty_lines;
      starts.push(start);
      return record;
    },
  });
  parser.on('skip', (error: SkipError) => {
    const empty = error.empty_lines ?? emptyLines;
    reportSkipped((error.lines ?? lastLine + 1) - 1, empty);
    skipped = { first: lastLine + 1 + (empty - emptyLines), emptyLines: empty, error };
    emptyLines = empty;
  });
  const bytes = createReadStream(file);
  let read = 0;
  bytes.on('data', (chunk) => {
    read += chunk.length;
    options.onBytes?.(read);
  });
  // An error anywhere (a missing file) destroys the parser, which rejects the iteration.
  pipeline(bytes, decoder, breaks, parser, () => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  starts.shift();
  if (first.done) {
    throw new GuanxiError('GX_ERR_VALIDATION', `${file} is empty: it needs a header line`, {
      issues: [{ path: 'file', message: 'no header line' }],
    });
  }
  const columns = first.value.map((name) => name.trim().toLowerCase());
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
  const atEnd = () => reportSkipped(breaks.lastContentLine, emptyLines);
  return { columns, rows: rowsOf(records, columns, starts, atEnd) };
}

/** The stream that decodes the file's bytes to text. */
function decoderFor(encoding: string): NodeJS.ReadWriteStream {
  if (!iconv.encodingExists(encoding)) {
    throw new GuanxiError('GX_ERR_VALIDATION', `Unknown encoding "${encoding}"`, {
      issues: [{ path: 'encoding', message: 'unknown encoding; try utf-8 or gbk' }],
    });
  }
  return iconv.decodeStream(encoding);
}

/**
 * Makes every line break (\r\n, \r) a \n, inside quoted fields too, so the parser counts
 * lines as a person does, and keeps the number of the last line with anything on it.
 */
class LineBreaks extends Transform {
  lastContentLine = 0;
  #line = 1;
  #lineHasContent = false;
  #endedWithCarriageReturn = false;

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string | Buffer, _: BufferEncoding, done: TransformCallback): void {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (this.#endedWithCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.#endedWithCarriageReturn = text.endsWith('\r');
    text = text.replace(/\r\n?/g, '\n');
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      if (at > from || this.#lineHasContent) this.lastContentLine = this.#line;
      this.#line += 1;
      this.#lineHasContent = false;
      from = at + 1;
    }
    if (from < text.length) {
      this.#lineHasContent = true;
      this.lastContentLine = this.#line;
    }
    done(null, text);
  }
}

async function* rowsOf(
  records: AsyncIterator<string[]>,
  columns: readonly string[],
  starts: number[],
  atEnd: () => void,
): AsyncGenerator<CsvRow> {
  try {
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const record = next.value;
      const line = starts.shift() as number;
      const values = new Map<string, string>();
      columns.forEach((column, index) => {
        const value = record[index];
        if (value !== undefined) values.set(column, value);
      });
      yield { line, values, fieldCount: record.length };
    }
    atEnd();
  } finally {
    // Stops reading the file when the caller stops early, as after a failed batch.
    await records.return?.();
  }
}

/** Why the parser skipped lines `first` to `last`, in words that say what to fix. */
function malformedReason(error: SkipError, first: number, last: number): string {
  const lines = first === last ? `line ${first}` : `lines ${first} to ${last}`;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quote is opened and never closed, so ${lines} read as one field; close the quote`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `a quoted field is followed by more text before the comma (${lines}); quote the whole field`;
    case 'INVALID_OPENING_QUOTE':
      return `a quote in the middle of a field (${lines}); quote the whole field and double the quotes inside it`;
    default:
      return `${lines} cannot be read as CSV: ${error.message}`;
  }
}

function count(record: readonly string[], pattern: RegExp): number {
  let found = 0;
  for (const field of record) found += field.match(pattern)?.length ?? 0;
  return found;
}
