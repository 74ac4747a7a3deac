import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { CoreRuntime } from '../core-runtime';
import { requireCustomers } from '../customers/require-customers';
import { notFound } from '../errors';
import { addInteractionsToFacts } from '../facts/facts-writer';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, InteractionsTable } from '../storage/schema';
import { chunked, inTransaction } from '../storage/transaction';
import { requireTeam } from '../teams/teams';
import { instantIn, isoTimeSchema } from '../time';
import { parseBatch } from '../validation';
import { CHANNELS, type Channel, type Interaction } from './interaction';

export const interactionInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  channel: z.enum(CHANNELS),
  direction: z.enum(['inbound', 'outbound']),
  summary: z.string().trim().min(1, 'must not be empty').max(4000),
  occurredAt: isoTimeSchema,
  actor: z.string().trim().min(1, 'must say who').max(200),
});

export type InteractionInput = z.input<typeof interactionInputSchema>;

const latestInteractions = new PreparedQuery<
  { teamId: number; customerId: number; limit: number },
  Selectable<InteractionsTable>
>((db, param) =>
  db
    .selectFrom('interactions')
    .selectAll()
    .where('customer_id', '=', param('customerId'))
    .where('team_id', '=', param('teamId'))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(param('limit')),
);

const interactionById = new PreparedQuery<
  { teamId: number; id: number },
  Selectable<InteractionsTable>
>((db, param) =>
  db
    .selectFrom('interactions')
    .selectAll()
    .where('id', '=', param('id'))
    .where('team_id', '=', param('teamId')),
);

export function toInteraction(row: Selectable<InteractionsTable>): Interaction {
  return {
    id: row.id,
    teamId: row.team_id,
    customerId: row.customer_id,
    channel: row.channel as Channel,
    direction: row.direction,
    summary: row.summary,
    occurredAt: row.occurred_at,
    actor: row.actor,
    createdAt: row.created_at,
  };
}

/** A call of `log`, its input checked. */
interface InteractionCall {
  readonly teamId: number;
  readonly items: readonly z.output<typeof interactionInputSchema>[];
}

/** Contacts with a customer, either way, on any channel (DOMAIN §5). */
export class Interactions {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /**
   * Logs a batch in one transaction, then `interactions:logged`; invalid input rejects the
   * whole batch. Outside a transaction, small batches arriving together share one (see
   * GroupCommit), each call getting its own interactions.
   */
  async log(teamId: number, inputs: readonly InteractionInput[]): Promise<Interaction[]> {
    const call: InteractionCall = {
      teamId,
      items: parseBatch(interactionInputSchema, inputs, 'interactions'),
    };
    return this.#rt.groupCommit.submit(
      this.#db,
      `interactions:${teamId}`,
      call,
      call.items.length,
      (take: () => readonly InteractionCall[]) =>
        inTransaction(this.#db, (trx) => this.#write(trx, take())),
    );
  }

  /** Logs the interactions of calls of one team as one batch; each call's part of it. */
  async #write(
    trx: Kysely<CoreTables>,
    calls: readonly InteractionCall[],
  ): Promise<Interaction[][]> {
    const { teamId } = calls[0] as InteractionCall;
    const parsed = calls.flatMap((call) => call.items);
    const { timeZone } = await requireTeam(trx, teamId);
    await requireCustomers(trx, teamId, parsed, 'interactions');
    const now = this.#rt.now();
    const logged: Interaction[] = [];
    for (const chunk of chunked(parsed, 500)) {
      const rows = await trx
        .insertInto('interactions')
        .values(
          chunk.map((item) => ({
            team_id: teamId,
            customer_id: item.customerId,
            channel: item.channel,
            direction: item.direction,
            summary: item.summary,
            occurred_at: instantIn(item.occurredAt, timeZone),
            actor: item.actor,
            created_at: now,
          })),
        )
        .returningAll()
        .execute();
      logged.push(...rows.map(toInteraction));
    }
    await addInteractionsToFacts(trx, logged, now);
    await this.#rt.hooks.emit(trx, 'interactions:logged', teamId, logged);
    let start = 0;
    return calls.map((call) => {
      start += call.items.length;
      return logged.slice(start - call.items.length, start);
    });
  }

  /** One interaction, or GX_ERR_NOT_FOUND if it is not the team's: a primary-key read. */
  async get(teamId: number, interactionId: number): Promise<Interaction> {
    const row = await interactionById.first(this.#db, { teamId, id: interactionId });
    if (row === undefined) throw notFound('interaction', 'interactionId', interactionId);
    return toInteraction(row);
  }

  /** A customer's interactions, newest first. */
  async forCustomer(teamId: number, customerId: number, limit = 50): Promise<Interaction[]> {
    const rows = await latestInteractions.execute(this.#db, { teamId, customerId, limit });
    return rows.map(toInteraction);
  }
}
