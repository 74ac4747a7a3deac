import { z } from 'zod';
import type { BonusResult } from '../bonuses';
import type { LoyaltySlot } from '../card-slots';
import type { LedgerEntry } from '../ledger/entries';
import type { Redemption } from '../redemptions';
import type { RefundResult } from '../refunds';
import type { Reward } from '../rewards';
import type { Statement } from './statement';

const id = z.number().int().positive();

export const rewardSchema: z.ZodType<Reward> = z
  .strictObject({
    id,
    name: z.string(),
    cost: z.number().int().meta({ description: 'In points' }),
    stock: z.number().int().nullable().meta({ description: 'Null for unlimited' }),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LoyaltyReward' });

export const entrySchema: z.ZodType<LedgerEntry> = z
  .strictObject({
    id,
    customerId: id,
    kind: z.enum(['earn', 'redeem', 'expire', 'adjust', 'reverse']),
    points: z.number().int(),
    amount: z.number().int().nullable(),
    orderId: id.nullable(),
    rewardId: id.nullable(),
    reference: z.string().nullable(),
    expiresAt: z.string().nullable(),
    shortfall: z.number().int().nullable(),
    note: z.string().nullable(),
    actor: z.string(),
    at: z.string(),
  })
  .meta({ id: 'LoyaltyLedgerEntry', description: 'One movement of points' });

export const redemptionSchema: z.ZodType<Redemption> = z
  .strictObject({
    id,
    customerId: id,
    rewardId: id,
    idempotencyKey: z.string(),
    points: z.number().int(),
    ledgerId: id,
    actor: z.string(),
    at: z.string(),
    balanceAfter: z.number().int(),
  })
  .meta({ id: 'LoyaltyRedemption' });

export const refundSchema: z.ZodType<RefundResult> = z
  .strictObject({
    entry: entrySchema,
    earned: z.number().int(),
    reversed: z.number().int(),
    shortfall: z.number().int(),
    replayed: z.boolean(),
  })
  .meta({ id: 'LoyaltyRefund' });

export const bonusSchema: z.ZodType<BonusResult> = z
  .strictObject({ entry: entrySchema, replayed: z.boolean() })
  .meta({ id: 'LoyaltyBonus' });

export const statementSchema: z.ZodType<Statement> = z
  .strictObject({
    customerId: id,
    balance: z.number().int(),
    level: z.string(),
    levelSince: z.string().nullable(),
    entries: z.array(entrySchema).meta({ description: 'The latest 100, newest first' }),
  })
  .meta({ id: 'LoyaltyStatement' });

export const loyaltySlotSchema: z.ZodType<LoyaltySlot> = z
  .strictObject({
    points: z.number().int(),
    level: z.string(),
    nextReward: z
      .strictObject({ id, name: z.string(), cost: z.number().int(), pointsToGo: z.number().int() })
      .nullable(),
  })
  .meta({ id: 'LoyaltySlot' });
