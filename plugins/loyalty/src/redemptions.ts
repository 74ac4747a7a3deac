import { GuanxiError, parseInput } from '@guanxi/core';
import { z } from 'zod';
import { isoNow, type LoyaltyContext } from './context';
import { lockAccount } from './ledger/accounts';
import { debit } from './ledger/debit';
import { expireCustomerLots } from './ledger/expire';
import { lockReward } from './rewards';
import { loyaltyDb } from './tables';

export const redemptionInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  rewardId: z.number().int().positive(),
  idempotencyKey: z.string().trim().min(1, 'must not be empty').max(200),
});

export type RedemptionInput = z.input<typeof redemptionInputSchema>;

export interface Redemption {
  readonly id: number;
  readonly customerId: number;
  readonly rewardId: number;
  readonly idempotencyKey: string;
  readonly points: number;
  readonly ledgerId: number;
  readonly actor: string;
  readonly at: string;
  /** The customer's balance right after this redemption. */
  readonly balanceAfter: number;
}

export interface RedeemResult {
  readonly redemption: Redemption;
  /** True when the key had been used: nothing was debited this time. */
  readonly replayed: boolean;
}

async function byKey(ctx: LoyaltyContext, key: string): Promise<Redemption | undefined> {
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_redemptions')
    .selectAll()
    .where('team_id', '=', ctx.teamId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    rewardId: Number(row.reward_id),
    idempotencyKey: row.idempotency_key,
    points: Number(row.points),
    ledgerId: Number(row.ledger_id),
    actor: row.actor,
    at: row.at,
    balanceAfter: Number(row.balance_after),
  };
}

function replay(existing: Redemption, input: z.output<typeof redemptionInputSchema>): RedeemResult {
  if (existing.customerId !== input.customerId || existing.rewardId !== input.rewardId) {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Idempotency key "${input.idempotencyKey}" was already used for customer ${existing.customerId} and reward ${existing.rewardId}`,
      { issues: [{ path: 'idempotencyKey', message: 'already used for another redemption' }] },
    );
  }
  return { redemption: existing, replayed: true };
}

/**
 * Redeems a reward for a customer: locks the account then the reward, expires what is due,
 * checks balance and stock, and takes the cost from the oldest unexpired points. The same
 * idempotency key again returns the first redemption without a second debit.
 */
export async function redeem(
  ctx: LoyaltyContext,
  input: unknown,
  actor: string,
): Promise<RedeemResult> {
  const parsed = parseInput(redemptionInputSchema, input);
  const first = await byKey(ctx, parsed.idempotencyKey);
  if (first !== undefined) return replay(first, parsed);
  const account = await lockAccount(ctx, parsed.customerId);
  // A request with this key may have committed while we waited for the lock.
  const raced = await byKey(ctx, parsed.idempotencyKey);
  if (raced !== undefined) return replay(raced, parsed);
  const reward = await lockReward(ctx, parsed.rewardId);
  if (!reward.active) {
    throw new GuanxiError('GX_ERR_CONFLICT', `Reward "${reward.name}" is not active`, {
      issues: [{ path: 'rewardId', message: 'reward is not active' }],
    });
  }
  if (reward.stock !== null && reward.stock <= 0) {
    throw new GuanxiError('GX_ERR_CONFLICT', `Reward "${reward.name}" is out of stock`, {
      issues: [{ path: 'rewardId', message: 'out of stock' }],
    });
  }
  const expired = await expireCustomerLots(ctx, parsed.customerId);
  const balance = account.balance - expired.points;
  if (balance < reward.cost) {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Not enough points: balance ${balance} points, reward costs ${reward.cost}`,
      {
        issues: [
          { path: 'rewardId', message: `balance ${balance} points, reward costs ${reward.cost}` },
        ],
        details: { balance, cost: reward.cost },
      },
    );
  }
  const balanceAfter = balance - reward.cost;
  const entry = await debit(
    ctx,
    {
      customerId: parsed.customerId,
      kind: 'redeem',
      points: reward.cost,
      rewardId: reward.id,
      reference: `redeem:${parsed.idempotencyKey}`,
    },
    actor,
  );
  const db = loyaltyDb(ctx);
  if (reward.stock !== null) {
    await db
      .updateTable('loyalty_rewards')
      .set({ stock: reward.stock - 1, updated_at: isoNow(ctx) })
      .where('id', '=', reward.id)
      .execute();
  }
  const row = await db
    .insertInto('loyalty_redemptions')
    .values({
      team_id: ctx.teamId,
      customer_id: parsed.customerId,
      reward_id: reward.id,
      idempotency_key: parsed.idempotencyKey,
      points: reward.cost,
      ledger_id: entry.id,
      balance_after: balanceAfter,
      actor,
      at: entry.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The last of a reward changes every card that offered it as the next reward.
  if (reward.stock === 1) await ctx.core.customers.touchAll(ctx.teamId);
  else await ctx.core.customers.touch(ctx.teamId, [parsed.customerId]);
  return {
    redemption: {
      id: Number(row.id),
      customerId: parsed.customerId,
      rewardId: reward.id,
      idempotencyKey: parsed.idempotencyKey,
      points: reward.cost,
      ledgerId: entry.id,
      actor,
      at: entry.at,
      balanceAfter,
    },
    replayed: false,
  };
}
