import type { Context } from 'hono';

/** Excel reads a CSV file as UTF-8, Chinese included, only when it starts with this mark. */
export const BOM = '\uFEFF';

/**
 * One CSV field. Text a spreadsheet would run as a formula (starting with =, +, - or @) is
 * led by an apostrophe; numbers stay numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A file name safe in a Content-Disposition header, with its extension. */
function disposition(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends CSV text as a download, BOM first; each chunk (a page of lines, say) is read only
 * when the client has taken the one before, so a long list is never all in memory.
 */
export function csvDownload(
  c: Context,
  fileName: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Response {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<string>)[Symbol.iterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM));
        return;
      }
      const next = await iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': disposition(fileName),
  });
}
