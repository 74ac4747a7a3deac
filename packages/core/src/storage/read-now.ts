import type { DialectAdapter } from 'kysely';

/** Runs a read at once, or says (undefined) that it has to go through Kysely's executor. */
export type ReadNow = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

// Keyed by the dialect's adapter, which a handle shares with its transactions and plugins' views.
const readers = new WeakMap<DialectAdapter, ReadNow>();

/** Lets prepared reads on handles of this adapter's dialect be run at once when they can. */
export function allowReadNow(adapter: DialectAdapter, read: ReadNow): void {
  readers.set(adapter, read);
}

/** The rows of a prepared read run at once, or undefined for it to go through Kysely. */
export function readNow(
  adapter: DialectAdapter,
  sql: string,
  parameters: readonly unknown[],
): unknown[] | undefined {
  return readers.get(adapter)?.(sql, parameters);
}
