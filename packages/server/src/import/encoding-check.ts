import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { GuanxiError } from '@guanxi/core';
import iconv from 'iconv-lite';

const NEWLINE = 0x0a;

/**
 * How many multi-byte UTF-8 characters a file read in another encoding must have, all
 * well-formed, before it is taken for UTF-8. A few can be GBK by chance (伟 is CE B0 in
 * GBK, and ΰ in UTF-8); every further one makes that ten times less likely or more.
 */
export const UTF8_EVIDENCE = 8;

/**
 * Reads the whole file once, before anything is imported, and refuses it when its bytes
 * are not in the encoding it is to be read in. Read as UTF-8, a file saved as GBK (as
 * Excel saves CSV on Chinese Windows) would otherwise be stored as mojibake; read as GBK,
 * a UTF-8 file would be.
 */
export async function checkEncoding(file: string, encoding: string): Promise<void> {
  const utf8 = /^utf-?8$/i.test(encoding);
  const decoder = utf8 ? undefined : iconv.getDecoder(encoding);
  let line = 1;
  let pending: Buffer = Buffer.alloc(0);
  let validUtf8 = true;
  let utf8Chars = 0;
  let utf8Bom = false;
  let first = true;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (first && isUtf16(chunk)) throw refused(file, 'is UTF-16', 'save it as UTF-8');
    if (first) utf8Bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    first = false;
    const bytes = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const cut = completeLength(bytes);
    const whole = bytes.subarray(0, cut);
    pending = bytes.subarray(cut);
    if (validUtf8 && !isUtf8(whole)) {
      if (utf8) throw notUtf8(file, line + newlines(whole.subarray(0, firstInvalid(whole))));
      validUtf8 = false;
    }
    if (decoder === undefined) {
      line += newlines(whole);
      continue;
    }
    if (validUtf8) utf8Chars += leadBytes(whole);
    const text = decoder.write(chunk);
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) throw notIn(file, encoding, line + textNewlines(text.slice(0, bad)));
    line += textNewlines(text);
  }
  if (utf8 && pending.length > 0) throw notUtf8(file, line);
  if (decoder !== undefined && (decoder.end() ?? '').includes('\uFFFD')) {
    throw notIn(file, encoding, line);
  }
  if (!utf8 && validUtf8 && pending.length === 0 && (utf8Bom || utf8Chars >= UTF8_EVIDENCE)) {
    throw refused(file, `is UTF-8, not ${encoding}`, 'import it without --encoding');
  }
}

function refused(file: string, problem: string, remedy: string): GuanxiError {
  return new GuanxiError('GX_ERR_VALIDATION', `${file} ${problem}: ${remedy}`, {
    issues: [{ path: 'encoding', message: `the file ${problem}` }],
  });
}

function notUtf8(file: string, line: number): GuanxiError {
  return refused(
    file,
    `is not UTF-8 (line ${line})`,
    'if it was saved as GBK, as Excel does on Chinese Windows, import it with --encoding gbk',
  );
}

function notIn(file: string, encoding: string, line: number): GuanxiError {
  return refused(file, `is not ${encoding} (line ${line})`, 'give the encoding it was saved in');
}

/** A byte-order mark of UTF-16, either way round. */
function isUtf16(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** How many bytes end with a whole UTF-8 sequence; the rest continues in the next chunk. */
function completeLength(bytes: Buffer): number {
  let start = bytes.length - 1;
  while (start >= 0 && bytes.length - start < 4 && ((bytes[start] as number) & 0xc0) === 0x80) {
    start -= 1;
  }
  if (start < 0) return bytes.length;
  const lead = bytes[start] as number;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start < length ? start : bytes.length;
}

/** Where the first byte that is not well-formed UTF-8 is (RFC 3629), or the length. */
function firstInvalid(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at] as number;
    const next = bytes[at + 1] ?? 0;
    let length: number;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead === 0xe0) length = next >= 0xa0 ? 3 : 0;
    else if (lead === 0xed) length = next <= 0x9f ? 3 : 0;
    else if (lead >= 0xe1 && lead <= 0xef) length = 3;
    else if (lead === 0xf0) length = next >= 0x90 ? 4 : 0;
    else if (lead === 0xf4) length = next <= 0x8f ? 4 : 0;
    else if (lead >= 0xf1 && lead <= 0xf3) length = 4;
    else length = 0;
    if (length === 0) return at;
    for (let k = 1; k < length; k += 1) {
      if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return at;
    }
    at += length;
  }
  return bytes.length;
}

/** How many multi-byte UTF-8 characters start in these (well-formed) bytes. */
function leadBytes(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if (byte >= 0xc2) count += 1;
  return count;
}

function newlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

function textNewlines(text: string): number {
  return text.split('\n').length - 1;
}
