import type { CoreTables, CustomerKind, RelationshipStage, Stage } from '@guanxi/core';
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';

export const CUSTOMER_SORTS = ['name', 'last-order', 'revenue', 'created'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** Which of the team's customers the list shows; every field narrows it. */
export interface CustomerFilter {
  /** The core's search, as a subquery of customer ids. */
  readonly search?: Expression<unknown>;
  readonly stage?: Stage;
  readonly relationshipStage?: RelationshipStage;
  /** A member's user id, or `none` for customers nobody owns. */
  readonly owner?: number | 'none';
  /** The last order from this instant (the start of the team's first day of the range)… */
  readonly lastOrderFrom?: string;
  /** …and before this one (the start of the day after its last). */
  readonly lastOrderBefore?: string;
  /** Plugins' filters, each a subquery of customer ids; `null` for a value that matches nobody. */
  readonly plugins?: readonly (Expression<unknown> | null)[];
}

export interface CustomerListRow {
  readonly id: number;
  readonly name: string;
  readonly kind: CustomerKind;
  readonly stage: Stage;
  readonly relationshipStage: RelationshipStage | null;
  readonly company: string | null;
  readonly ownerUserId: number | null;
  readonly owner: string | null;
  readonly orderCount: number;
  /** Minor units. */
  readonly revenue: number;
  readonly lastOrderAt: string | null;
  readonly createdAt: string;
}

export interface CustomerListPage {
  readonly rows: readonly CustomerListRow[];
  /** The cursor of the next page, or null on the last. */
  readonly next: string | null;
}

type Key = string | number;

interface SortPlan {
  /** The first sort key, as SQL, and whether it falls; ties go by customer id, rising. */
  readonly key: RawBuilder<Key> | undefined;
  readonly keyOf: (row: CustomerListRow) => Key;
}

/** Each order is a keyset: a page starts after the last row of the one before, by index where there is one. */
const SORTS: Readonly<Record<CustomerSort, SortPlan>> = {
  name: { key: sql<Key>`c.name`, keyOf: (row) => row.name },
  revenue: { key: sql<Key>`f.revenue`, keyOf: (row) => row.revenue },
  'last-order': {
    key: sql<Key>`coalesce(f.last_order_at, '')`,
    keyOf: (row) => row.lastOrderAt ?? '',
  },
  created: { key: undefined, keyOf: (row) => row.id },
};

/** Ascending for names, newest or largest first for the rest. */
const DESCENDING: ReadonlySet<CustomerSort> = new Set(['revenue', 'last-order', 'created']);

function filtered(db: Kysely<CoreTables>, teamId: number, filter: CustomerFilter) {
  let query = db
    .selectFrom('customers as c')
    .innerJoin('customer_facts as f', 'f.customer_id', 'c.id')
    .where('c.team_id', '=', teamId);
  if (filter.stage !== undefined) query = query.where('c.stage', '=', filter.stage);
  if (filter.relationshipStage !== undefined) {
    query = query.where('c.relationship_stage', '=', filter.relationshipStage);
  }
  if (filter.owner === 'none') query = query.where('c.owner_user_id', 'is', null);
  else if (filter.owner !== undefined) query = query.where('c.owner_user_id', '=', filter.owner);
  if (filter.lastOrderFrom !== undefined) {
    query = query.where('f.last_order_at', '>=', filter.lastOrderFrom);
  }
  if (filter.lastOrderBefore !== undefined) {
    query = query.where('f.last_order_at', '<', filter.lastOrderBefore);
  }
  if (filter.search !== undefined) query = query.where(sql<boolean>`c.id in (${filter.search})`);
  for (const ids of filter.plugins ?? []) {
    query = query.where(ids === null ? sql<boolean>`1 = 0` : sql<boolean>`c.id in (${ids})`);
  }
  return query;
}

/** How many of the team's customers the filter keeps. */
export async function customerCount(
  db: Kysely<CoreTables>,
  teamId: number,
  filter: CustomerFilter,
): Promise<number> {
  const row = await filtered(db, teamId, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('customers'))
    .executeTakeFirstOrThrow();
  return Number(row.customers);
}

/** The columns a row of the list shows, on a query of customers joined to their facts. */
function withColumns(query: FilteredQuery) {
  return query
    .leftJoin('users as u', 'u.id', 'c.owner_user_id')
    .leftJoin('customers as co', 'co.id', 'c.company_id')
    .select([
      'c.id',
      'c.name',
      'c.kind',
      'c.stage',
      'c.relationship_stage',
      'c.owner_user_id',
      'c.created_at',
      'u.name as owner',
      'co.name as company',
      'f.order_count',
      'f.revenue',
      'f.last_order_at',
    ]);
}

type ColumnsRow = Awaited<ReturnType<ReturnType<typeof withColumns>['execute']>>[number];

function toRow(row: ColumnsRow): CustomerListRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    stage: row.stage,
    relationshipStage: row.relationship_stage as RelationshipStage | null,
    company: row.company,
    ownerUserId: row.owner_user_id,
    owner: row.owner,
    orderCount: Number(row.order_count),
    revenue: Number(row.revenue),
    lastOrderAt: row.last_order_at,
    createdAt: row.created_at,
  };
}

type FilteredQuery = ReturnType<typeof filtered>;

/** Orders a query of the list by the sort: its key, then customer id. */
function sorted(query: FilteredQuery, sort: CustomerSort): FilteredQuery {
  const plan = SORTS[sort];
  const direction = DESCENDING.has(sort) ? 'desc' : 'asc';
  return plan.key === undefined
    ? query.orderBy('c.id', direction)
    : query.orderBy(plan.key, direction).orderBy('c.id', 'asc');
}

/** One page of the filtered list in the sort's order, starting after `cursor`. */
export async function customerListPage(
  db: Kysely<CoreTables>,
  teamId: number,
  filter: CustomerFilter,
  sort: CustomerSort,
  cursor: string | undefined,
  limit: number,
): Promise<CustomerListPage> {
  const plan = SORTS[sort];
  const falling = DESCENDING.has(sort);
  let query = filtered(db, teamId, filter);
  const after = decodeCursor(cursor);
  if (after !== undefined && plan.key === undefined) {
    query = query.where('c.id', falling ? '<' : '>', after.id);
  } else if (after !== undefined && plan.key !== undefined) {
    const beyond = falling ? sql`<` : sql`>`;
    query = query.where(
      sql<boolean>`(${plan.key} ${beyond} ${after.key} or (${plan.key} = ${after.key} and c.id > ${after.id}))`,
    );
  }
  const found = await withColumns(sorted(query, sort))
    .limit(limit + 1)
    .execute();
  const rows = found.slice(0, limit).map(toRow);
  const last = rows.at(-1);
  const next =
    found.length > limit && last !== undefined
      ? encodeCursor({ key: plan.keyOf(last), id: last.id })
      : null;
  return { rows, next };
}

/**
 * Every row of the filtered list in the sort's order, a chunk at a time, for a download: the
 * matching ids are sorted once, then read back in chunks by id, so no chunk sorts the team again
 * and no connection is held while the client reads.
 */
export async function* allCustomerRows(
  db: Kysely<CoreTables>,
  teamId: number,
  filter: CustomerFilter,
  sort: CustomerSort,
  chunk = 5_000,
): AsyncGenerator<readonly CustomerListRow[]> {
  const ids = (
    await sorted(filtered(db, teamId, filter), sort)
      .select('c.id')
      .execute()
  ).map((row) => row.id);
  for (let start = 0; start < ids.length; start += chunk) {
    const wanted = ids.slice(start, start + chunk);
    const rows = await withColumns(
      db
        .selectFrom('customers as c')
        .innerJoin('customer_facts as f', 'f.customer_id', 'c.id')
        .where('c.team_id', '=', teamId)
        .where('c.id', 'in', wanted),
    ).execute();
    const byId = new Map(rows.map((row) => [row.id, toRow(row)]));
    yield wanted.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [row];
    });
  }
}

interface Cursor {
  readonly key: Key;
  readonly id: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/** A cursor from the address, or undefined (the first page) for anything else. */
export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined || text.length > 1_000) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [key, id] = value as [unknown, unknown];
    if ((typeof key !== 'string' && typeof key !== 'number') || !Number.isSafeInteger(id)) {
      return undefined;
    }
    return { key, id: id as number };
  } catch {
    return undefined;
  }
}
