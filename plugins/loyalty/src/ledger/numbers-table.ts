import { type RawBuilder, sql } from 'kysely';

/**
 * Rows of whole numbers (or nulls) as the derived table `n`, for inserts that bind only what
 * differs from row to row: binding a value costs about as much as writing it, so what a batch
 * shares is bound once, outside the table. A VALUES list's columns are `column1`, `column2`, …
 * on SQLite and PostgreSQL alike; the first row's casts type them as bigint for PostgreSQL.
 */
export class NumbersTable<Column extends string> {
  readonly columns: readonly Column[];

  constructor(columns: readonly Column[]) {
    this.columns = columns;
  }

  /** The rows' numbers, in the order of the columns. */
  of(rows: readonly Readonly<Record<Column, number | null>>[]) {
    const tuples = rows.map((row, index) => {
      const values = this.columns.map((column) =>
        index === 0 ? sql`cast(${row[column]} as bigint)` : sql`${row[column]}`,
      );
      return sql`(${sql.join(values)})`;
    });
    return sql`(values ${sql.join(tuples)})`.as('n');
  }

  /** A column of the table, by name. */
  ref(column: Column): RawBuilder<number> {
    return sql<number>`${sql.ref(`n.column${this.columns.indexOf(column) + 1}`)}`;
  }

  /** Every column of the table under its own name, in order, for a select. */
  all() {
    return this.columns.map((column) => this.ref(column).as(column));
  }
}

/** A value every row of a batch shares, bound once and typed for PostgreSQL. */
export function shared(value: unknown, type: 'bigint' | 'text'): RawBuilder<unknown> {
  return sql`cast(${value} as ${sql.raw(type)})`;
}
