import { type Core, type CustomerInput, customerInputSchema } from '@guanxi/core';
import type { CsvRow } from './csv-source';
import {
  cell,
  hasRequired,
  type ImportOptions,
  type ImportSpec,
  type ImportSummary,
  parseRow,
  runImport,
} from './import-run';
import type { RejectReport } from './reject-report';
import { sendBatch } from './send-batch';

export const CUSTOMER_COLUMNS = {
  required: ['external_ref', 'kind', 'name'],
  optional: ['email', 'phone', 'domain', 'stage', 'source'],
} as const;

const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  externalRef: 'external_ref',
  emails: 'email',
  phones: 'phone',
  domains: 'domain',
  attributes: 'source',
};

/**
 * The attribute the `source` column fills, as written, for plugins to read when the customer
 * is created (the development plugin takes `meeting`, `referral:C-12`, `agent:Zhao`…).
 */
const SOURCE_ATTRIBUTE = 'source';

interface CustomerRow {
  readonly line: number;
  readonly ref: string;
  readonly input: CustomerInput;
}

/**
 * Imports people and companies from CSV (`external_ref,kind,name` and optionally
 * `email,phone,domain,stage,source`; several e-mails, phones or domains separated by `;`).
 * Idempotent by external reference: a customer already there is a duplicate, not an update.
 */
export function importCustomers(
  core: Core,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  return runImport(file, options, customersSpec(core, options.teamId));
}

function customersSpec(core: Core, teamId: number): ImportSpec<CustomerRow> {
  const seen = new Set<string>();
  return {
    ...CUSTOMER_COLUMNS,
    parse: parseCustomerRow,
    async flush(rows, tally, rejects) {
      const fresh = new Map<string, CustomerRow>();
      for (const row of rows) {
        if (seen.has(row.ref) || fresh.has(row.ref)) tally.duplicates += 1;
        else fresh.set(row.ref, row);
      }
      const existing = await core.customers.idsByExternalRef(teamId, [...fresh.keys()]);
      tally.duplicates += existing.size;
      for (const ref of existing.keys()) seen.add(ref);
      const { result, sent } = await sendBatch(
        [...fresh.values()].filter((row) => !existing.has(row.ref)),
        {
          name: 'customers',
          columnOf: customerColumnOf,
          rejects,
          send: (items) =>
            core.customers.createMany(
              teamId,
              items.map((item) => item.input),
            ),
        },
      );
      for (const row of sent) seen.add(row.ref);
      tally.imported += result?.length ?? 0;
    },
  };
}

function parseCustomerRow(row: CsvRow, rejects: RejectReport): CustomerRow | undefined {
  if (!hasRequired(row, CUSTOMER_COLUMNS.required, rejects)) return undefined;
  const source = cell(row, 'source');
  const input = {
    kind: cell(row, 'kind')?.toLowerCase(),
    name: cell(row, 'name'),
    externalRef: cell(row, 'external_ref'),
    stage: cell(row, 'stage')?.toLowerCase(),
    emails: list(row, 'email'),
    phones: list(row, 'phone'),
    domains: list(row, 'domain'),
    ...(source === undefined
      ? {}
      : { attributes: { [SOURCE_ATTRIBUTE]: { value: source, source: 'import' } } }),
  };
  if (input.kind === 'person' && input.domains.length > 0) {
    rejects.add(row.line, 'domain', 'only a company has a domain');
    return undefined;
  }
  const parsed = parseRow(customerInputSchema, input, row, customerColumnOf, rejects);
  return parsed === undefined
    ? undefined
    : { line: row.line, ref: parsed.externalRef as string, input: parsed };
}

function list(row: CsvRow, column: string): string[] {
  return (cell(row, column) ?? '')
    .split(';')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function customerColumnOf(field: string): string {
  const head = field.split('.')[0] ?? field;
  return COLUMN_OF_FIELD[head] ?? head;
}
