import {
  dialectOf,
  GuanxiError,
  notFound,
  parseInput,
  ROLES,
  type Role,
  roleAtLeast,
} from '@guanxi/core';
import { z } from 'zod';
import { isoNow, type LoyaltyContext } from './context';
import { loyaltyDb } from './tables';

/** The least role that keeps the catalogue (adds, changes, retires rewards), through the API and the console. */
export const CATALOGUE_ROLE: Role = 'manager';

/** The roles that keep the catalogue: the console's pages name them as a list. */
export const CATALOGUE_ROLES: readonly Role[] = ROLES.filter((role) =>
  roleAtLeast(role, CATALOGUE_ROLE),
);

export interface Reward {
  readonly id: number;
  readonly name: string;
  readonly cost: number;
  /** Null for unlimited. */
  readonly stock: number | null;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  cost: z.number().int('must be a whole number of points').min(1, 'must be at least 1 point'),
  stock: z.number().int('must be a whole number').min(0, 'must be 0 or more').nullable(),
  active: z.boolean(),
};

export const rewardInputSchema = z.strictObject({
  name: fields.name,
  cost: fields.cost,
  stock: fields.stock.default(null),
  active: fields.active.default(true),
});

export const rewardPatchSchema = z.strictObject(fields).partial();

export type RewardInput = z.input<typeof rewardInputSchema>;
export type RewardPatch = z.input<typeof rewardPatchSchema>;

const COLUMNS = ['id', 'name', 'cost', 'stock', 'active', 'created_at', 'updated_at'] as const;

function toReward(row: {
  id: number;
  name: string;
  cost: number;
  stock: number | null;
  active: number;
  created_at: string;
  updated_at: string;
}): Reward {
  return {
    id: Number(row.id),
    name: row.name,
    cost: Number(row.cost),
    stock: row.stock === null ? null : Number(row.stock),
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A new reward; every card may now show it as the next reward. */
export async function createReward(ctx: LoyaltyContext, input: unknown): Promise<Reward> {
  const reward = parseInput(rewardInputSchema, input);
  const now = isoNow(ctx);
  const row = await loyaltyDb(ctx)
    .insertInto('loyalty_rewards')
    .values({
      team_id: ctx.teamId,
      name: reward.name,
      cost: reward.cost,
      stock: reward.stock,
      active: reward.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await ctx.core.customers.touchAll(ctx.teamId);
  return toReward(row);
}

export async function updateReward(
  ctx: LoyaltyContext,
  rewardId: number,
  input: unknown,
): Promise<Reward> {
  const patch = parseInput(rewardPatchSchema, input);
  if (Object.keys(patch).length === 0) {
    throw new GuanxiError(
      'GX_ERR_VALIDATION',
      'Nothing to change: give name, cost, stock or active',
      {
        issues: [{ path: '(root)', message: 'give at least one of name, cost, stock, active' }],
      },
    );
  }
  const row = await loyaltyDb(ctx)
    .updateTable('loyalty_rewards')
    .set({
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.cost === undefined ? {} : { cost: patch.cost }),
      ...(patch.stock === undefined ? {} : { stock: patch.stock }),
      ...(patch.active === undefined ? {} : { active: patch.active ? 1 : 0 }),
      updated_at: isoNow(ctx),
    })
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', rewardId)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (row === undefined) throw notFound('reward', 'rewardId', rewardId);
  await ctx.core.customers.touchAll(ctx.teamId);
  return toReward(row);
}

/** The team's rewards by cost; only active ones unless `all`. */
export async function listRewards(ctx: LoyaltyContext, { all = false } = {}): Promise<Reward[]> {
  const rows = await loyaltyDb(ctx)
    .selectFrom('loyalty_rewards')
    .select(COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .$if(!all, (q) => q.where('active', '=', 1))
    .orderBy('cost')
    .orderBy('id')
    .execute();
  return rows.map(toReward);
}

/** The reward, locked until the transaction ends (`for update` on PostgreSQL). */
export async function lockReward(ctx: LoyaltyContext, rewardId: number): Promise<Reward> {
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_rewards')
    .select(COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', rewardId)
    .$if(dialectOf(ctx.db) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (row === undefined) throw notFound('reward', 'rewardId', rewardId);
  return toReward(row);
}

/**
 * The cheapest active, in-stock reward the balance does not yet cover, or undefined: what
 * the card shows as the next reward to aim for.
 */
export async function nextReward(
  ctx: LoyaltyContext,
  balance: number,
): Promise<Reward | undefined> {
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_rewards')
    .select(COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .where('active', '=', 1)
    .where('cost', '>', balance)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)]))
    .orderBy('cost')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toReward(row);
}
