import type { Kysely } from 'kysely';
import type { CoreTables } from '../storage/schema';
import { chunked } from '../storage/transaction';

/** A webhook event waiting in or sent from the outbox, with only the customer's items. */
export interface WebhookEventEntry {
  readonly id: number;
  readonly webhookId: number;
  readonly event: string;
  readonly items: readonly unknown[];
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly failedAt: string | null;
}

/** A failed hook handler kept for replay, with only the customer's items. */
export interface HookFailureEntry {
  readonly id: number;
  readonly pluginId: string;
  readonly hook: string;
  readonly items: readonly unknown[];
  readonly createdAt: string;
  readonly replayedAt: string | null;
}

interface OutboxPayload {
  readonly items: readonly unknown[];
}

/**
 * Whether an event's item is about the customer: items name their customer by `customerId`
 * (orders, interactions, stage events, plugins' events), as `customer` (`customer:updated`),
 * or are the customer (`customer:created`).
 */
export function namesCustomer(hook: string, item: unknown, customerId: number): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const fields = item as Readonly<Record<string, unknown>>;
  if (fields.customerId === customerId) return true;
  const customer = fields.customer;
  if (typeof customer === 'object' && customer !== null) {
    if ((customer as Readonly<Record<string, unknown>>).id === customerId) return true;
  }
  return hook === 'customer:created' && fields.id === customerId;
}

/**
 * Text patterns a payload naming the customer contains, to narrow the rows read; the items
 * themselves are then checked one by one.
 */
function patterns(customerId: number): string[] {
  return [
    `%"customerId":${customerId},%`,
    `%"customerId":${customerId}}%`,
    `%"id":${customerId},%`,
  ];
}

async function outboxRows(trx: Kysely<CoreTables>, teamId: number, customerId: number) {
  const rows = await trx
    .selectFrom('outbox')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) => eb.or(patterns(customerId).map((p) => eb('payload', 'like', p))))
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const payload = JSON.parse(row.payload) as OutboxPayload;
    const own = payload.items.filter((item) => namesCustomer(row.event, item, customerId));
    return own.length === 0 ? [] : [{ row, payload, own }];
  });
}

async function failureRows(trx: Kysely<CoreTables>, teamId: number, customerId: number) {
  const rows = await trx
    .selectFrom('hook_failures')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) => eb.or(patterns(customerId).map((p) => eb('payload', 'like', p))))
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const items = JSON.parse(row.payload) as unknown[];
    const own = items.filter((item) => namesCustomer(row.hook, item, customerId));
    return own.length === 0 ? [] : [{ row, items, own }];
  });
}

export async function webhookEventsOf(
  trx: Kysely<CoreTables>,
  teamId: number,
  customerId: number,
): Promise<WebhookEventEntry[]> {
  return (await outboxRows(trx, teamId, customerId)).map(({ row, own }) => ({
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    items: own,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    failedAt: row.failed_at,
  }));
}

export async function hookFailuresOf(
  trx: Kysely<CoreTables>,
  teamId: number,
  customerId: number,
): Promise<HookFailureEntry[]> {
  return (await failureRows(trx, teamId, customerId)).map(({ row, own }) => ({
    id: row.id,
    pluginId: row.plugin_id,
    hook: row.hook,
    items: own,
    createdAt: row.created_at,
    replayedAt: row.replayed_at,
  }));
}

/**
 * Takes the customer's items out of webhook events, sent or not: an event left with no
 * items is deleted with its delivery log, so nothing about the customer is sent later.
 * Returns how many events changed.
 */
export async function eraseWebhookEvents(
  trx: Kysely<CoreTables>,
  teamId: number,
  customerId: number,
): Promise<number> {
  const found = await outboxRows(trx, teamId, customerId);
  const emptied: number[] = [];
  for (const { row, payload, own } of found) {
    const items = payload.items.filter((item) => !own.includes(item));
    if (items.length === 0) {
      emptied.push(row.id);
      continue;
    }
    await trx
      .updateTable('outbox')
      .set({ payload: JSON.stringify({ ...payload, items }) })
      .where('id', '=', row.id)
      .execute();
  }
  for (const ids of chunked(emptied, 500)) {
    await trx.deleteFrom('outbox').where('id', 'in', ids).execute();
  }
  return found.length;
}

/**
 * Takes the customer's items out of failed hook handlers' payloads; a failure left with no
 * items has nothing to replay and is deleted. Returns how many failures changed.
 */
export async function eraseHookFailures(
  trx: Kysely<CoreTables>,
  teamId: number,
  customerId: number,
): Promise<number> {
  const found = await failureRows(trx, teamId, customerId);
  const emptied: number[] = [];
  for (const { row, items, own } of found) {
    const kept = items.filter((item) => !own.includes(item));
    if (kept.length === 0) {
      emptied.push(row.id);
      continue;
    }
    await trx
      .updateTable('hook_failures')
      .set({ payload: JSON.stringify(kept) })
      .where('id', '=', row.id)
      .execute();
  }
  for (const ids of chunked(emptied, 500)) {
    await trx.deleteFrom('hook_failures').where('id', 'in', ids).execute();
  }
  return found.length;
}
