import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  type Core,
  type CoreApi,
  type CustomerInput,
  customerInputSchema,
  type OrderInput,
  orderInputSchema,
} from '@guanxi/core';
import type { CsvRow } from './csv-source';
import {
  cell,
  hasRequired,
  type ImportOptions,
  type ImportSummary,
  parseRow,
  runImport,
  type Tally,
} from './import-run';
import { parseMoney } from './money';
import { type Reject, RejectReport } from './reject-report';
import { sendBatch } from './send-batch';

export const ORDER_COLUMNS = {
  required: ['customer', 'placed_at', 'amount'],
  optional: ['external_id', 'cost', 'currency', 'email', 'name'],
} as const;

const ORDER_COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  placedAt: 'placed_at',
  externalId: 'external_id',
  customerId: 'customer',
};

const CUSTOMER_COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  externalRef: 'customer',
  emails: 'email',
};

const orderFieldsSchema = orderInputSchema.omit({ customerId: true });

const orderColumnOf = (field: string) => ORDER_COLUMN_OF_FIELD[field] ?? field;
const customerColumnOf = (field: string) => {
  const head = field.split('.')[0] ?? field;
  return CUSTOMER_COLUMN_OF_FIELD[head] ?? head;
};

interface OrderRow {
  readonly line: number;
  /** The customer's external reference. */
  readonly ref: string;
  readonly order: Omit<OrderInput, 'customerId'>;
  /** The person to create when no customer has the reference yet. */
  readonly newCustomer: CustomerInput;
}

/**
 * Imports orders from CSV (`customer,placed_at,amount` and optionally
 * `external_id,cost,currency,email,name`); amounts are decimal currency units. A
 * customer reference nobody has yet becomes a new person. Idempotent by external id;
 * a row without one gets an id derived from its content and line.
 */
export async function importOrders(
  core: Core,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const team = await core.teams.get(options.teamId);
  return runImport(file, options, {
    ...ORDER_COLUMNS,
    parse: (row, rejects) => parseOrderRow(row, team.currency, rejects),
    flush: ordersFlush(core, team.id, `import:${basename(file)}`),
  });
}

function parseOrderRow(
  row: CsvRow,
  teamCurrency: string,
  rejects: RejectReport,
): OrderRow | undefined {
  if (!hasRequired(row, ORDER_COLUMNS.required, rejects)) return undefined;
  const ref = cell(row, 'customer') as string;
  const currency = cell(row, 'currency')?.toUpperCase();
  const moneyCurrency =
    currency !== undefined && /^[A-Z]{3}$/.test(currency) ? currency : teamCurrency;
  const amount = money(row, 'amount', moneyCurrency, rejects);
  const cost = money(row, 'cost', moneyCurrency, rejects);
  const order = parseRow(
    orderFieldsSchema,
    {
      // A bad amount is reported already; 0 keeps the schema from reporting it again.
      amount: amount ?? 0,
      cost,
      currency,
      placedAt: cell(row, 'placed_at'),
      externalId: cell(row, 'external_id'),
    },
    row,
    orderColumnOf,
    rejects,
  );
  const newCustomer = parseRow(
    customerInputSchema,
    {
      kind: 'person',
      name: cell(row, 'name') ?? ref,
      externalRef: ref,
      emails: [cell(row, 'email')].filter((email) => email !== undefined),
    },
    row,
    customerColumnOf,
    rejects,
  );
  if (order === undefined || newCustomer === undefined || rejects.has(row.line)) return undefined;
  const externalId =
    order.externalId ?? derivedExternalId(ref, order.placedAt, order.amount, row.line);
  return { line: row.line, ref, order: { ...order, externalId }, newCustomer };
}

/** Minor units of a money cell, undefined when it is empty or (reported) invalid. */
function money(
  row: CsvRow,
  column: string,
  currency: string,
  rejects: RejectReport,
): number | undefined {
  const text = cell(row, column);
  if (text === undefined) return undefined;
  const result = parseMoney(text, currency);
  if ('error' in result) {
    rejects.add(row.line, column, result.error);
    return undefined;
  }
  return result.minor;
}

// Re-running a file then finds the same ids, so rows without their own are not doubled.
function derivedExternalId(ref: string, placedAt: string, amount: number, line: number): string {
  const digest = createHash('sha1').update(`${ref},${placedAt},${amount},${line}`).digest('hex');
  return `csv:${digest}`;
}

/** Rows whose order was not recorded although their customer was created; see ordersFlush. */
class Unrecorded extends Error {
  /** Rows whose order's external id another customer's order already has. */
  readonly taken: readonly OrderRow[];
  /** Rows the core refused, with the reasons already reported for them. */
  readonly refused: readonly Reject[];

  constructor(taken: readonly OrderRow[], refused: readonly Reject[]) {
    super('orders of new customers were not recorded');
    this.taken = taken;
    this.refused = refused;
  }
}

/**
 * Sends one batch: creates the customers it names that nobody has yet, then records the
 * orders, in one transaction. A new customer has no orders, so when one of theirs comes
 * back as already recorded its external id belongs to another customer. When that
 * happens, or the core refuses a new customer's order, the transaction is rolled back,
 * those rows are rejected and the batch is sent again without them: no rejected row
 * leaves a customer behind.
 */
function ordersFlush(core: Core, teamId: number, actor: string) {
  const customerIds = new Map<string, number>();
  return async (rows: readonly OrderRow[], tally: Tally, rejects: RejectReport) => {
    const unknown = [...new Set(rows.map((row) => row.ref))].filter((ref) => !customerIds.has(ref));
    for (const [ref, id] of await core.customers.idsByExternalRef(teamId, unknown))
      customerIds.set(ref, id);
    let pending = rows;
    for (;;) {
      // What one attempt reports and learns is kept only if its transaction commits.
      const attempt = new RejectReport();
      const known = new Map(customerIds);
      try {
        const outcome = await core.transaction(async (tx) => {
          const created = await createMissing(tx, teamId, pending, known, attempt);
          const ready = pending.filter((row) => known.has(row.ref));
          const sent = await sendBatch(ready, {
            name: 'orders',
            columnOf: orderColumnOf,
            rejects: attempt,
            send: (items) =>
              tx.orders.record(
                teamId,
                items.map((item) => ({ ...item.order, customerId: known.get(item.ref) as number })),
                { actor },
              ),
          });
          const recordedFor = new Map(
            (sent.result?.recorded ?? []).map((order) => [order.externalId, order.customerId]),
          );
          const taken = (sent.result?.duplicates ?? [])
            .map(({ index }) => sent.sent[index] as OrderRow)
            .filter(
              (row) =>
                created.has(row.ref) &&
                recordedFor.get(row.order.externalId as string) !== known.get(row.ref),
            );
          const refusedLines = new Set(
            sent.rejected.filter((row) => created.has(row.ref)).map((row) => row.line),
          );
          if (taken.length > 0 || refusedLines.size > 0) {
            const refused = attempt.rejects.filter((reject) => refusedLines.has(reject.line));
            throw new Unrecorded(taken, refused);
          }
          return { created: created.size, result: sent.result };
        });
        for (const [ref, id] of known) customerIds.set(ref, id);
        for (const reject of attempt.rejects) rejects.add(reject.line, reject.field, reject.reason);
        tally.customersCreated += outcome.created;
        tally.imported += outcome.result?.recorded.length ?? 0;
        tally.duplicates += outcome.result?.duplicates.length ?? 0;
        return;
      } catch (error) {
        if (!(error instanceof Unrecorded)) throw error;
        for (const row of error.taken) {
          rejects.add(
            row.line,
            'external_id',
            'is already the external id of another customer’s order',
          );
        }
        for (const reject of error.refused) rejects.add(reject.line, reject.field, reject.reason);
        const dropped = new Set([
          ...error.taken.map((row) => row.line),
          ...error.refused.map((reject) => reject.line),
        ]);
        pending = pending.filter((row) => !dropped.has(row.line));
      }
    }
  };
}

/**
 * Creates a person for each reference no customer has, from the first row naming it;
 * when that fails, every row of the reference is rejected. Returns the references created.
 */
async function createMissing(
  core: CoreApi,
  teamId: number,
  rows: readonly OrderRow[],
  customerIds: Map<string, number>,
  rejects: RejectReport,
): Promise<Set<string>> {
  const firstRows = new Map<string, OrderRow>();
  for (const row of rows) {
    if (!customerIds.has(row.ref) && !firstRows.has(row.ref)) firstRows.set(row.ref, row);
  }
  const { result, rejected } = await sendBatch([...firstRows.values()], {
    name: 'customers',
    columnOf: customerColumnOf,
    rejects,
    send: (items) =>
      core.customers.createMany(
        teamId,
        items.map((item) => item.newCustomer),
      ),
  });
  const created = new Set<string>();
  for (const customer of result ?? []) {
    if (customer.externalRef !== null) {
      customerIds.set(customer.externalRef, customer.id);
      created.add(customer.externalRef);
    }
  }
  const failed = new Map(rejected.map((row) => [row.ref, row.line]));
  for (const row of rows) {
    const first = failed.get(row.ref);
    if (first !== undefined && first !== row.line) {
      rejects.add(row.line, 'customer', `customer ${row.ref} could not be created (line ${first})`);
    }
  }
  return created;
}
