import { chunked, notFound, type Order, parseInput } from '@guanxi/core';
import { z } from 'zod';
import { type DevelopmentContext, isoNow, tablesOf } from '../tables';

/**
 * Owes a commissioned agent their fee when a customer they brought places a first order:
 * the source's fixed fee, else its rate of that order's amount, rounded to a minor unit, in
 * the order's currency. Only the customer's very first order counts, once.
 */
export async function oweAgentFees(ctx: DevelopmentContext, orders: readonly Order[]) {
  const firstInBatch = new Map<number, Order>();
  const inBatch = new Map<number, number>();
  for (const order of orders) {
    inBatch.set(order.customerId, (inBatch.get(order.customerId) ?? 0) + 1);
    const seen = firstInBatch.get(order.customerId);
    if (seen === undefined || order.placedAt < seen.placedAt) {
      firstInBatch.set(order.customerId, order);
    }
  }
  const db = tablesOf(ctx);
  for (const chunk of chunked([...firstInBatch.keys()], 500)) {
    const sources = await db
      .selectFrom('development_sources')
      .select(['customer_id', 'agent', 'agent_fee', 'agent_fee_rate'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', chunk)
      .where('kind', '=', 'agent')
      .where('status', '=', 'recorded')
      .execute();
    if (sources.length === 0) continue;
    const ids = sources.map((source) => Number(source.customer_id));
    const counts = new Map(
      (await ctx.core.facts.many(ctx.teamId, ids)).map((f) => [f.customerId, f.orderCount]),
    );
    const now = isoNow(ctx);
    const fees = sources.flatMap((source) => {
      const id = Number(source.customer_id);
      const order = firstInBatch.get(id);
      // Orders before this batch mean its first order is not here.
      if (order === undefined || counts.get(id) !== inBatch.get(id)) return [];
      const amount =
        source.agent_fee === null
          ? Math.round(order.amount * (source.agent_fee_rate ?? 0))
          : Number(source.agent_fee);
      return [
        {
          team_id: ctx.teamId,
          customer_id: id,
          agent: source.agent ?? '',
          amount,
          currency: order.currency,
          order_id: order.id,
          owed_at: now,
        },
      ];
    });
    if (fees.length === 0) continue;
    await db
      .insertInto('development_agent_fees')
      .values(fees)
      .onConflict((oc) => oc.columns(['team_id', 'customer_id']).doNothing())
      .execute();
  }
}

export interface AgentFee {
  readonly customerId: number;
  readonly customerName: string;
  readonly amount: number;
  readonly currency: string;
  readonly orderId: number;
  readonly owedAt: string;
}

export interface AgentFeesDue {
  readonly agent: string;
  /** Sums in minor units, by currency. */
  readonly totals: Readonly<Record<string, number>>;
  readonly fees: readonly AgentFee[];
}

/** The fees owed and not yet paid, by agent (by name), oldest first. */
export async function agentFeesDue(ctx: DevelopmentContext): Promise<AgentFeesDue[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('development_agent_fees')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('paid_at', 'is', null)
    .orderBy('agent')
    .orderBy('owed_at')
    .orderBy('customer_id')
    .execute();
  const byAgent = new Map<string, { totals: Record<string, number>; fees: AgentFee[] }>();
  for (const row of rows) {
    const customer = await ctx.core.customers.find(ctx.teamId, Number(row.customer_id));
    const entry = byAgent.get(row.agent) ?? { totals: {}, fees: [] };
    entry.totals[row.currency] = (entry.totals[row.currency] ?? 0) + Number(row.amount);
    entry.fees.push({
      customerId: Number(row.customer_id),
      customerName: customer?.name ?? '',
      amount: Number(row.amount),
      currency: row.currency,
      orderId: Number(row.order_id),
      owedAt: row.owed_at,
    });
    byAgent.set(row.agent, entry);
  }
  return [...byAgent].map(([agent, entry]) => ({ agent, ...entry }));
}

export const settleAgentFeeInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
});

/** The fee's customer as a path or a console form sends it: text, to a number. */
export const agentFeeCustomerSchema = z.strictObject({
  customerId: z.coerce.number().int().positive('must be a customer id'),
});

/** Marks the fee owed for a customer as paid; paying it twice is refused as not found. */
export async function settleAgentFee(
  ctx: DevelopmentContext,
  input: z.input<typeof settleAgentFeeInputSchema>,
  actor: string,
): Promise<void> {
  const { customerId } = parseInput(settleAgentFeeInputSchema, input);
  const result = await tablesOf(ctx)
    .updateTable('development_agent_fees')
    .set({ paid_at: isoNow(ctx), paid_by: actor })
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .where('paid_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw notFound('unpaid agent fee', 'customerId', customerId);
}
