import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { addTo } from '../collections';
import type { CoreRuntime } from '../core-runtime';
import { GuanxiError, notFound } from '../errors';
import { touchCards } from '../facts/facts-writer';
import type { CoreTables, StageEventsTable } from '../storage/schema';
import { chunked, inTransaction } from '../storage/transaction';
import { parseInput } from '../validation';
import type { ProposedTransition, StageEvent } from './stage-event';
import { STAGES_ACTIVATED_BY_ORDER, type Stage, stageSchema } from './stages';

export const transitionInputSchema = z.strictObject({
  to: stageSchema,
  reason: z.string().trim().min(1, 'must say why').max(500),
  actor: z.string().trim().min(1, 'must say who').max(200),
});

export type TransitionInput = z.input<typeof transitionInputSchema>;

export function toStageEvent(row: Selectable<StageEventsTable>): StageEvent {
  return {
    id: row.id,
    teamId: row.team_id,
    customerId: row.customer_id,
    from: row.from_stage,
    to: row.to_stage,
    reason: row.reason,
    actor: row.actor,
    cause: row.cause,
    occurredAt: row.occurred_at,
  };
}

/** The customer state machine (DOMAIN §1): any state may follow any other, each change an event. */
export class Lifecycle {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /**
   * Moves a customer to `to`. `lifecycle:beforeTransition` handlers may veto
   * (GX_ERR_TRANSITION_VETOED, nothing written); then `lifecycle:transitioned` and, as the
   * case is, `customer:churned` or `customer:wonBack` fire.
   */
  async transition(
    teamId: number,
    customerId: number,
    input: TransitionInput,
  ): Promise<StageEvent> {
    const { to, reason, actor } = parseInput(transitionInputSchema, input);
    return inTransaction(this.#db, async (trx) => {
      const customer = await trx
        .selectFrom('customers')
        .select(['id', 'stage'])
        .where('id', '=', customerId)
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      if (customer === undefined) throw notFound('customer', 'customerId', customerId);
      if (customer.stage === to) {
        throw new GuanxiError('GX_ERR_CONFLICT', `Customer ${customerId} is already ${to}`, {
          issues: [{ path: 'to', message: `the customer is already ${to}` }],
        });
      }
      const proposed: ProposedTransition = { customerId, from: customer.stage, to, reason, actor };
      await this.#rt.hooks.before(trx, 'lifecycle:beforeTransition', teamId, [proposed]);
      const now = this.#rt.now();
      await trx
        .updateTable('customers')
        .set((eb) => ({
          stage: to,
          stage_changed_at: now,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', customerId)
        .execute();
      const [event] = await insertStageEvents(trx, [
        {
          team_id: teamId,
          customer_id: customerId,
          from_stage: customer.stage,
          to_stage: to,
          reason,
          actor,
          cause: 'manual',
          occurred_at: now,
        },
      ]);
      await touchCards(trx, [customerId]);
      await emitTransitions(this.#rt, trx, teamId, [event as StageEvent]);
      return event as StageEvent;
    });
  }

  /** Every stage the customer has been in, oldest first. */
  async history(teamId: number, customerId: number): Promise<StageEvent[]> {
    const rows = await this.#db
      .selectFrom('stage_events')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    if (rows.length === 0) throw notFound('customer', 'customerId', customerId);
    return rows.map(toStageEvent);
  }
}

async function insertStageEvents(
  trx: Kysely<CoreTables>,
  rows: readonly Omit<Selectable<StageEventsTable>, 'id'>[],
): Promise<StageEvent[]> {
  const events: StageEvent[] = [];
  for (const chunk of chunked(rows, 500)) {
    const inserted = await trx.insertInto('stage_events').values(chunk).returningAll().execute();
    events.push(...inserted.map(toStageEvent));
  }
  return events;
}

/**
 * Moves the customers of newly recorded orders that are potential, target or churned to
 * active; churned → active is a win-back.
 */
export async function activateByOrders(
  rt: CoreRuntime,
  trx: Kysely<CoreTables>,
  teamId: number,
  stages: ReadonlyMap<number, Stage>,
  customerIds: Iterable<number>,
  actor: string,
): Promise<StageEvent[]> {
  const byStage = new Map<Stage, number[]>();
  for (const id of new Set(customerIds)) {
    const stage = stages.get(id);
    if (stage === undefined || !STAGES_ACTIVATED_BY_ORDER.includes(stage)) continue;
    addTo(byStage, stage, id);
  }
  const now = rt.now();
  const rows: Omit<Selectable<StageEventsTable>, 'id'>[] = [];
  for (const [from, ids] of byStage) {
    for (const chunk of chunked(ids, 500)) {
      const moved = await trx
        .updateTable('customers')
        .set((eb) => ({
          stage: 'active',
          stage_changed_at: now,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', 'in', chunk)
        .where('stage', '=', from)
        .returning('id')
        .execute();
      for (const { id } of moved) {
        rows.push({
          team_id: teamId,
          customer_id: id,
          from_stage: from,
          to_stage: 'active',
          reason: from === 'churned' ? 'won back by a new order' : 'first order recorded',
          actor,
          cause: 'order',
          occurred_at: now,
        });
      }
    }
  }
  // The orders' facts upsert has already bumped these customers' card versions.
  const events = await insertStageEvents(trx, rows);
  await emitTransitions(rt, trx, teamId, events);
  return events;
}

async function emitTransitions(
  rt: CoreRuntime,
  trx: Kysely<CoreTables>,
  teamId: number,
  events: readonly StageEvent[],
): Promise<void> {
  await rt.hooks.emit(trx, 'lifecycle:transitioned', teamId, events);
  await rt.hooks.emit(
    trx,
    'customer:churned',
    teamId,
    events.filter((e) => e.to === 'churned'),
  );
  await rt.hooks.emit(
    trx,
    'customer:wonBack',
    teamId,
    events.filter((e) => e.from === 'churned' && e.to === 'active'),
  );
}
