import { isUtf8 } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGuanxiError } from '@guanxi/core';
import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UTF8_EVIDENCE } from './encoding-check';
import { importCustomers } from './import-customers';
import { importOrders } from './import-orders';
import type { ImportSummary } from './import-run';

const RUNS = Number(process.env.GUANXI_IMPORT_FUZZ_RUNS ?? 30);
const MEGABYTE = 'm'.repeat(1024 * 1024);

/** What can be wrong with a row, and what the import must make of it. */
type Fault =
  | 'none'
  | 'hugeIgnored'
  | 'badKind'
  | 'emptyName'
  | 'hugeName'
  | 'extraField'
  | 'shortRow'
  | 'badEmail'
  | 'quoteInside'
  | 'unclosedQuote';

/** Faults the row survives: it is imported as meant. */
const HARMLESS: ReadonlySet<Fault> = new Set(['none', 'hugeIgnored']);
/** Faults that unsettle the parser, so the rows after them may be lost (but reported). */
const UNSETTLING: ReadonlySet<Fault> = new Set(['quoteInside', 'unclosedQuote']);

interface CustomerRow {
  readonly ref: string;
  readonly kind: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly notes: string;
  readonly fault: Fault;
}

type Encoding = 'utf-8' | 'gbk' | 'gbk-told-utf-8' | 'utf-8-told-gbk';

interface CustomerFile {
  readonly rows: readonly CustomerRow[];
  readonly columns: readonly string[];
  readonly bom: boolean;
  readonly crlf: boolean;
  readonly encoding: Encoding;
}

const COLUMNS = ['external_ref', 'kind', 'name', 'email', 'notes'];
const GBK_SAFE = [
  'a',
  'Z',
  'q',
  '7',
  ' ',
  ',',
  '"',
  ';',
  "'",
  '王',
  '芳',
  '李',
  '娜',
  '张',
  '伟',
  '·',
];
const UTF8_ONLY = ['é', '😀', 'ß', '\u00a0'];

const text = (chars: readonly string[], maxLength: number) =>
  fc
    .array(fc.constantFrom(...chars), { minLength: 1, maxLength })
    .map((parts) => parts.join('').trim() || 'x');

const fault = fc.constantFrom<Fault>(
  'none',
  'none',
  'none',
  'none',
  'none',
  'none',
  'hugeIgnored',
  'badKind',
  'emptyName',
  'hugeName',
  'extraField',
  'shortRow',
  'badEmail',
  'quoteInside',
  'unclosedQuote',
);

const customerFile: fc.Arbitrary<CustomerFile> = fc
  .record({
    encoding: fc.constantFrom<Encoding>(
      'utf-8',
      'utf-8',
      'gbk',
      'gbk-told-utf-8',
      'utf-8-told-gbk',
    ),
    bom: fc.boolean(),
    crlf: fc.boolean(),
    columns: fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length - 1 }),
    size: fc.integer({ min: 1, max: 25 }),
  })
  .chain(({ encoding, size, ...file }) => {
    const chars = encoding === 'utf-8' ? [...GBK_SAFE, ...UTF8_ONLY] : GBK_SAFE;
    const row = fc.record({
      kind: fc.constantFrom('person', 'company', 'Person', 'COMPANY'),
      name: text(chars, 30),
      email: fc.option(fc.constant(''), { nil: undefined }),
      notes: fc.oneof(text(chars, 10), fc.constant('two\nlines'), fc.constant('')),
      fault,
    });
    return fc.array(row, { minLength: size, maxLength: size }).map((rows) => ({
      ...file,
      encoding,
      rows: rows.map((r, i) => ({
        ...r,
        ref: `R${i + 1}`,
        email: r.email === undefined ? undefined : `r${i + 1}@example.com`,
      })),
    }));
  });

/** A CSV field: quoted when it must be, quotes doubled. */
const field = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** A quote-free stand-in for a value, for rows after a broken quote (see `render`). */
const plain = (value: string) => value.replace(/[",\r\n]/g, ' ').trim() || 'x';

/**
 * The file's text and the line each row starts on. After a row with an unclosed quote no
 * field is quoted, so the quote runs to the end of the file and the outcome is certain.
 */
function render(file: CustomerFile): { text: string; lines: number[] } {
  const eol = file.crlf ? '\r\n' : '\n';
  const out = [file.columns.join(',')];
  const lines: number[] = [];
  let line = 2;
  let unclosed = false;
  for (const row of file.rows) {
    const values: Record<string, string> = {
      external_ref: row.ref,
      kind: row.fault === 'badKind' ? 'robot' : row.kind,
      name:
        row.fault === 'emptyName'
          ? ''
          : row.fault === 'hugeName'
            ? `${row.name}${MEGABYTE}`
            : row.name,
      email: row.fault === 'badEmail' ? 'not-an-email' : (row.email ?? ''),
      notes: row.fault === 'hugeIgnored' ? MEGABYTE : row.notes.replaceAll('\n', eol),
    };
    let cells = file.columns.map((column) => {
      const value = values[column] ?? '';
      return unclosed ? plain(value) : field(value);
    });
    if (row.fault === 'extraField') cells.push('surplus');
    // A line left empty is no row at all; a short row keeps something in its first field.
    if (row.fault === 'shortRow') cells = [cells[0] || 'x'];
    if (row.fault === 'quoteInside') cells[0] = `${row.ref}"x`;
    if (row.fault === 'unclosedQuote' && !unclosed) {
      cells[cells.length - 1] = `"${plain(cells.at(-1) ?? '')}`;
      unclosed = true;
    }
    const rendered = cells.join(',');
    out.push(rendered);
    lines.push(line);
    line += 1 + (rendered.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
  return {
    text: `${file.bom && file.encoding === 'utf-8' ? '\ufeff' : ''}${out.join(eol)}${eol}`,
    lines,
  };
}

function bytesOf(file: CustomerFile, text: string): Buffer {
  return file.encoding === 'gbk' || file.encoding === 'gbk-told-utf-8'
    ? iconv.encode(text, 'gbk')
    : Buffer.from(text, 'utf8');
}

/** Whether the import takes bytes it is told are in another encoding for UTF-8. */
function looksUtf8(bytes: Buffer): boolean {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return isUtf8(bytes) && (bom || bytes.filter((byte) => byte >= 0xc2).length >= UTF8_EVIDENCE);
}

/**
 * Whether the import must refuse the file for its encoding; undefined where it cannot
 * tell (a GBK file that is also well-formed UTF-8, a UTF-8 file read as GBK with too few
 * UTF-8 characters to be sure): those files are left out.
 */
function refusedForEncoding(encoding: Encoding, bytes: Buffer): boolean | undefined {
  const ascii = bytes.every((byte) => byte < 0x80);
  switch (encoding) {
    case 'utf-8':
      return false;
    case 'gbk-told-utf-8':
      return isUtf8(bytes) ? (ascii ? false : undefined) : true;
    case 'gbk':
      return looksUtf8(bytes);
    case 'utf-8-told-gbk':
      return looksUtf8(bytes) ? true : ascii ? false : undefined;
  }
}

/** The reject report as line → reasons. */
function rejectedLines(summary: ImportSummary): Map<number, string[]> {
  const lines = new Map<number, string[]>();
  if (summary.rejectsFile === null) return lines;
  const body = readFileSync(summary.rejectsFile, 'utf8').split('\n').slice(1);
  for (const entry of body.filter((l) => l !== '')) {
    const line = Number(entry.split(',')[0]);
    lines.set(line, [...(lines.get(line) ?? []), entry]);
  }
  return lines;
}

interface OrderRow {
  readonly ref: string;
  readonly placedAt: string;
  readonly amount: string;
  readonly externalId: string;
  readonly name: string;
}

const GOOD_DATES = ['2024-01-05', '2024-06-30T08:00:00Z', '2023-12-31'];
const BAD_DATES = ['2024-02-30', 'yesterday', '31/12/2024', '2024-13-01'];
const GOOD_AMOUNTS = ['12.50', '0', '100', '0.01'];
const BAD_AMOUNTS = ['-3', '1.234', 'abc', ''];
/** Customers the team has before the import, each with one order of this external id. */
const EXISTING = { E1: 'X-E1', E2: 'X-E2' } as const;
const ORDER_BATCH = 5;

const orderRows: fc.Arbitrary<OrderRow[]> = fc
  .array(
    fc.record({
      ref: fc.constantFrom('E1', 'E2', 'N1', 'N2', 'N3'),
      placedAt: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...GOOD_DATES) },
        { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
      ),
      amount: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...GOOD_AMOUNTS) },
        { weight: 1, arbitrary: fc.constantFrom(...BAD_AMOUNTS) },
      ),
      shared: fc.option(fc.constantFrom('X-E1', 'X-E2', 'o1', 'o2', 'o3'), { freq: 3 }),
      name: fc.constantFrom('Li', 'Li, Na', 'two\nlines', '王芳'),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((rows) =>
    rows.map(({ shared, ...row }, i) => ({ ...row, externalId: shared ?? `u${i + 1}` })),
  );

interface OrdersExpected {
  /** Rejected lines and the fields at fault, in order. */
  readonly rejected: ReadonlyMap<number, readonly string[]>;
  readonly recorded: ReadonlyMap<string, { ref: string; minor: number }>;
  readonly duplicates: number;
  readonly created: ReadonlySet<string>;
}

/**
 * What the import must do, worked out row by row: a bad date or amount is rejected; then
 * batches of five readable rows. In a batch, an external id already recorded for the same
 * customer is a duplicate; one recorded for another customer is a duplicate too if the
 * row's customer existed before the batch, and rejected if the batch would create them.
 */
function expectOrders(rows: readonly OrderRow[], lines: readonly number[]): OrdersExpected {
  const rejected = new Map<number, string[]>();
  const recorded = new Map<string, { ref: string; minor: number }>(
    Object.entries(EXISTING).map(([ref, id]) => [id, { ref, minor: 100 }]),
  );
  const known = new Set(Object.keys(EXISTING));
  const created = new Set<string>();
  let duplicates = 0;
  const readable = rows.flatMap((row, i) => {
    const line = lines[i] as number;
    // A missing required cell is reported alone; otherwise every bad cell is.
    const faults =
      row.amount === ''
        ? ['amount']
        : [
            ...(BAD_AMOUNTS.includes(row.amount) ? ['amount'] : []),
            ...(BAD_DATES.includes(row.placedAt) ? ['placed_at'] : []),
          ];
    if (faults.length === 0) return [{ row, line }];
    rejected.set(line, faults);
    return [];
  });
  for (let at = 0; at < readable.length; at += ORDER_BATCH) {
    const batch = readable.slice(at, at + ORDER_BATCH);
    const isNew = new Set(batch.map(({ row }) => row.ref).filter((ref) => !known.has(ref)));
    for (const { row, line } of batch) {
      const holder = recorded.get(row.externalId);
      if (holder === undefined) {
        recorded.set(row.externalId, { ref: row.ref, minor: Math.round(Number(row.amount) * 100) });
        if (isNew.has(row.ref)) created.add(row.ref);
      } else if (holder.ref !== row.ref && isNew.has(row.ref)) {
        rejected.set(line, ['external_id']);
      } else {
        duplicates += 1;
      }
    }
    for (const ref of created) known.add(ref);
  }
  return { rejected, recorded, duplicates, created };
}

function renderOrders(rows: readonly OrderRow[]): { text: string; lines: number[] } {
  const out = ['customer,placed_at,amount,external_id,name'];
  const lines: number[] = [];
  let line = 2;
  for (const row of rows) {
    const rendered = [row.ref, row.placedAt, row.amount, row.externalId, row.name]
      .map(field)
      .join(',');
    out.push(rendered);
    lines.push(line);
    line += 1 + (rendered.match(/\n/g)?.length ?? 0);
  }
  return { text: `${out.join('\n')}\n`, lines };
}

describe.each(testDialects())('importing hostile CSV on %s', (dialect) => {
  let t: TestCore;
  let dir: string;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestCore({ dialect });
    dir = mkdtempSync(join(tmpdir(), 'guanxi-import-fuzz-'));
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const newTeam = async () => {
    serial += 1;
    return (await t.core.teams.create({ name: `T${serial}`, slug: `t-${serial}`, currency: 'CNY' }))
      .id;
  };

  test('customers: every row is imported as written or reported, and a refused file stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(customerFile, async (file) => {
        const teamId = await newTeam();
        const path = join(dir, `customers-${serial}.csv`);
        const { text, lines } = render(file);
        const bytes = bytesOf(file, text);
        const wrongEncoding = refusedForEncoding(file.encoding, bytes);
        fc.pre(wrongEncoding !== undefined);
        writeFileSync(path, bytes);
        const encoding =
          file.encoding === 'gbk' || file.encoding === 'utf-8-told-gbk' ? 'gbk' : 'utf-8';
        const stored = async () => (await t.core.customers.list(teamId, { limit: 200 })).items;

        const missing = ['external_ref', 'kind', 'name'].filter((c) => !file.columns.includes(c));
        const summary = await importCustomers(t.core, path, {
          teamId,
          encoding,
          batchSize: 7,
        }).catch((error: unknown) => error);
        if (wrongEncoding || missing.length > 0) {
          expect(isGuanxiError(summary, 'GX_ERR_VALIDATION'), String(summary)).toBe(true);
          const paths = (summary as { issues: { path: string }[] }).issues.map((i) => i.path);
          expect(paths).toEqual(wrongEncoding ? ['encoding'] : missing);
          expect(await stored()).toEqual([]);
          return;
        }
        expect(isGuanxiError(summary), String(summary)).toBe(false);
        const result = summary as ImportSummary;
        const rejects = rejectedLines(result);
        const customers = new Map(
          await Promise.all(
            (await stored()).map(
              async (c) => [c.externalRef, await t.core.customers.get(teamId, c.id)] as const,
            ),
          ),
        );
        expect(result.imported).toBe(customers.size);
        for (const ref of customers.keys()) expect(file.rows.map((r) => r.ref)).toContain(ref);
        let unsettled = false;
        for (const [i, row] of file.rows.entries()) {
          const line = lines[i] as number;
          const customer = customers.get(row.ref);
          const fault =
            (row.fault === 'badEmail' && !file.columns.includes('email')) ||
            (row.fault === 'hugeIgnored' && !file.columns.includes('notes'))
              ? 'none'
              : row.fault;
          const where = `${row.ref} (${fault}) at line ${line}: ${[...(rejects.get(line) ?? [])]}`;
          if (customer !== undefined) {
            expect(HARMLESS.has(fault), where).toBe(true);
            expect(customer.name, where).toBe(row.name);
            expect(customer.kind, where).toBe(row.kind.toLowerCase());
            expect(
              customer.identities.map((id) => id.value),
              where,
            ).toEqual(
              row.email === undefined || !file.columns.includes('email') ? [] : [row.email],
            );
            expect(rejects.has(line), where).toBe(false);
          } else {
            expect(rejects.has(line), where).toBe(true);
            if (!unsettled) expect(HARMLESS.has(fault), where).toBe(false);
          }
          if (UNSETTLING.has(fault)) unsettled = true;
        }
        expect(result.rejected).toBe(rejects.size);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  test('orders: bad rows are rejected at their line, and none leaves a customer behind', async () => {
    await fc.assert(
      fc.asyncProperty(orderRows, async (rows) => {
        const teamId = await newTeam();
        for (const [ref, externalId] of Object.entries(EXISTING)) {
          const { id } = await t.core.customers.create(teamId, {
            kind: 'person',
            name: ref,
            externalRef: ref,
          });
          await t.core.orders.record(teamId, [
            { customerId: id, amount: 100, placedAt: '2023-01-01', externalId },
          ]);
        }
        const path = join(dir, `orders-${serial}.csv`);
        const { text, lines } = renderOrders(rows);
        writeFileSync(path, text);
        const want = expectOrders(rows, lines);

        const summary = await importOrders(t.core, path, { teamId, batchSize: ORDER_BATCH });
        const report = rejectedLines(summary);
        expect(
          [...report].map(([line, entries]) => [line, entries.map((e) => e.split(',')[1]).sort()]),
        ).toEqual([...want.rejected].sort(([a], [b]) => a - b));
        expect(summary).toMatchObject({
          read: rows.length,
          imported: want.recorded.size - Object.keys(EXISTING).length,
          duplicates: want.duplicates,
          rejected: want.rejected.size,
          customersCreated: want.created.size,
        });

        const customers = (await t.core.customers.list(teamId, { limit: 200 })).items;
        expect(customers.map((c) => c.externalRef).sort()).toEqual(
          [...Object.keys(EXISTING), ...want.created].sort(),
        );
        const refOf = new Map(customers.map((c) => [c.id, c.externalRef]));
        const orders = await t.core.db
          .selectFrom('orders')
          .select(['external_id', 'customer_id', 'amount'])
          .where('team_id', '=', teamId)
          .execute();
        expect(
          new Map(
            orders.map((o) => [o.external_id, { ref: refOf.get(o.customer_id), minor: o.amount }]),
          ),
        ).toEqual(want.recorded);
        for (const customer of customers) {
          const mine = orders.filter((o) => o.customer_id === customer.id);
          expect(mine.length, `${customer.externalRef} has an order`).toBeGreaterThan(0);
          expect(await t.core.facts.get(teamId, customer.id)).toMatchObject({
            orderCount: mine.length,
            revenue: mine.reduce((sum, o) => sum + o.amount, 0),
          });
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  test('a file in the wrong encoding is refused before anything is stored, naming the line', async () => {
    const teamId = await newTeam();
    const file = (name: string, bytes: Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    const csv = 'external_ref,kind,name\nR1,person,Ann\nR2,person,王芳\n';
    const cases: [string, Buffer, string | undefined, string][] = [
      [
        'gbk.csv',
        iconv.encode(csv, 'gbk'),
        undefined,
        'is not UTF-8 (line 3): if it was saved as GBK',
      ],
      [
        'utf16.csv',
        iconv.encode(`\ufeff${csv}`, 'utf16le'),
        undefined,
        'is UTF-16: save it as UTF-8',
      ],
      [
        'bom.csv',
        Buffer.from(`\ufeff${csv}`),
        'gbk',
        'is UTF-8, not gbk: import it without --encoding',
      ],
    ];
    for (const [name, bytes, encoding, message] of cases) {
      const path = file(name, bytes);
      await expect(
        importCustomers(t.core, path, { teamId, ...(encoding === undefined ? {} : { encoding }) }),
      ).rejects.toMatchObject({
        code: 'GX_ERR_VALIDATION',
        message: expect.stringContaining(`${path} ${message}`),
        issues: [{ path: 'encoding' }],
      });
    }
    expect((await t.core.customers.list(teamId)).items).toEqual([]);
    const told = await importCustomers(t.core, file('gbk-told.csv', iconv.encode(csv, 'gbk')), {
      teamId,
      encoding: 'gbk',
    });
    expect(told).toMatchObject({ imported: 2, rejected: 0 });
  });

  test('a broken quote costs the lines it swallows, each of them reported', async () => {
    const teamId = await newTeam();
    const path = join(dir, 'quotes.csv');
    writeFileSync(
      path,
      [
        'external_ref,kind,name,notes',
        'R1,person,Ann,"two\r\nlines"',
        'R2,per"son,Bo,"three\r\nmore\r\nlines"',
        'R3,person,Cy,',
        '',
        'R4,person,"Di,',
        'R5,person,Ed,',
        'R6,person,Fa,',
        '',
      ].join('\r\n'),
    );
    const summary = await importCustomers(t.core, path, { teamId });
    // R2 (lines 4 to 6) has a stray quote; R4's quote runs to the end of the file. A record
    // that cannot be read counts each of its lines, as nothing tells its rows apart.
    expect(summary).toMatchObject({ read: 8, imported: 2, rejected: 6 });
    expect(readFileSync(summary.rejectsFile ?? '', 'utf8')).toBe(
      [
        'line,field,reason',
        '4,,a quote in the middle of a field (lines 4 to 6); quote the whole field and double the quotes inside it',
        '5,,part of the unreadable record from line 4',
        '6,,part of the unreadable record from line 4',
        '9,,"a quote is opened and never closed, so lines 9 to 11 read as one field; close the quote"',
        '10,,part of the unreadable record from line 9',
        '11,,part of the unreadable record from line 9',
        '',
      ].join('\n'),
    );
    const names = (await t.core.customers.list(teamId)).items.map((c) => c.name).sort();
    expect(names).toEqual(['Ann', 'Cy']);
  });
});
