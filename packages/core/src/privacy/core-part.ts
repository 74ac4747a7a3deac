import type { Kysely } from 'kysely';
import { type AuditEntry, toAuditEntry } from '../audit/audit';
import type { CoreRuntime } from '../core-runtime';
import type { CustomerWithIdentities } from '../customers/customer';
import { scrubSearchText } from '../customers/customer-search';
import { Customers } from '../customers/customers';
import type { CustomerFacts } from '../facts/customer-facts';
import { Facts } from '../facts/facts';
import { touchCards } from '../facts/facts-writer';
import type { Interaction } from '../interactions/interaction';
import { toInteraction } from '../interactions/interactions';
import { toStageEvent } from '../lifecycle/lifecycle';
import type { StageEvent } from '../lifecycle/stage-event';
import type { Order } from '../orders/order';
import { toOrder } from '../orders/orders';
import type { CoreTables } from '../storage/schema';
import {
  eraseHookFailures,
  eraseWebhookEvents,
  type HookFailureEntry,
  hookFailuresOf,
  type WebhookEventEntry,
  webhookEventsOf,
} from './event-payloads';

/** What replaces erased free text in a column that must hold some. */
export const ERASED_TEXT = '[erased]';

/** The name an erased customer keeps, so lists, orders and reports still have someone to show. */
export function erasedName(customerId: number): string {
  return `erased customer #${customerId}`;
}

/** What the core stores about one customer. */
export interface CoreExport {
  readonly customer: CustomerWithIdentities;
  readonly facts: CustomerFacts;
  /** Every order, oldest first. */
  readonly orders: readonly Order[];
  /** Every interaction, oldest first. */
  readonly interactions: readonly Interaction[];
  readonly stageEvents: readonly StageEvent[];
  /** Audit log entries about the customer, oldest first. */
  readonly audit: readonly AuditEntry[];
  /** Webhook events about the customer, sent or waiting. */
  readonly webhookEvents: readonly WebhookEventEntry[];
  /** Failed hook handlers whose payload is about the customer. */
  readonly hookFailures: readonly HookFailureEntry[];
}

function auditAbout(trx: Kysely<CoreTables>, teamId: number, customerId: number) {
  return trx
    .selectFrom('audit_log')
    .where('team_id', '=', teamId)
    .where('entity', '=', 'customer')
    .where('entity_id', '=', String(customerId));
}

/** The core's part of an export; GX_ERR_NOT_FOUND if the customer is not in the team. */
export async function exportCore(
  rt: CoreRuntime,
  trx: Kysely<CoreTables>,
  teamId: number,
  customerId: number,
): Promise<CoreExport> {
  const customer = await new Customers(rt, trx).get(teamId, customerId);
  const facts = await new Facts(trx).get(teamId, customerId);
  const orders = await trx
    .selectFrom('orders')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('customer_id', '=', customerId)
    .orderBy('placed_at')
    .orderBy('id')
    .execute();
  const interactions = await trx
    .selectFrom('interactions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('customer_id', '=', customerId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  const stageEvents = await trx
    .selectFrom('stage_events')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  const audit = await auditAbout(trx, teamId, customerId).selectAll().orderBy('id').execute();
  return {
    customer,
    facts,
    orders: orders.map(toOrder),
    interactions: interactions.map(toInteraction),
    stageEvents: stageEvents.map(toStageEvent),
    audit: audit.map(toAuditEntry),
    webhookEvents: await webhookEventsOf(trx, teamId, customerId),
    hookFailures: await hookFailuresOf(trx, teamId, customerId),
  };
}

/**
 * The core's part of an erasure. The name becomes `erased customer #<id>`; identities go;
 * attributes and the external reference are emptied; interaction summaries and the reasons
 * people gave for stage changes become `[erased]`; audit entries about the customer lose
 * their before and after (an earlier erasure's counts stay); webhook events and failed hooks
 * lose the customer's items. Orders, facts, stages and dates stay, so revenue and lifecycle
 * figures still add up. Returns how many rows of each kind changed.
 */
export async function eraseCore(
  rt: CoreRuntime,
  trx: Kysely<CoreTables>,
  teamId: number,
  customerId: number,
): Promise<Record<string, number>> {
  await new Customers(rt, trx).get(teamId, customerId);
  const now = rt.now();
  await trx
    .updateTable('customers')
    .set((eb) => ({
      name: erasedName(customerId),
      attributes: '{}',
      external_ref: null,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', customerId)
    .execute();
  const identities = await trx
    .deleteFrom('customer_identities')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  const interactions = await trx
    .updateTable('interactions')
    .set({ summary: ERASED_TEXT })
    .where('team_id', '=', teamId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  const stageEvents = await trx
    .updateTable('stage_events')
    .set({ reason: ERASED_TEXT })
    .where('team_id', '=', teamId)
    .where('customer_id', '=', customerId)
    .where('cause', '=', 'manual')
    .executeTakeFirst();
  const audit = await trx
    .updateTable('audit_log')
    .set({ before: null, after: null })
    .where('team_id', '=', teamId)
    .where('entity', '=', 'customer')
    .where('entity_id', '=', String(customerId))
    .where('action', '<>', 'customer.erased')
    .where((eb) => eb.or([eb('before', 'is not', null), eb('after', 'is not', null)]))
    .executeTakeFirst();
  // A company's name is in its people's search text and on their cards.
  const people = await trx
    .selectFrom('customers')
    .select('id')
    .where('company_id', '=', customerId)
    .execute();
  const affected = [customerId, ...people.map((p) => p.id)];
  await scrubSearchText(trx, affected);
  await touchCards(trx, affected);
  await trx.deleteFrom('customer_cards').where('customer_id', 'in', affected).execute();
  return {
    identities: Number(identities.numDeletedRows),
    interactions: Number(interactions.numUpdatedRows),
    stageEvents: Number(stageEvents.numUpdatedRows),
    auditEntries: Number(audit.numUpdatedRows),
    webhookEvents: await eraseWebhookEvents(trx, teamId, customerId),
    hookFailures: await eraseHookFailures(trx, teamId, customerId),
  };
}
