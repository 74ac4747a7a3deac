import type { PluginContext } from '@guanxi/core';
import type { Generated, Kysely } from 'kysely';

export type LedgerKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'reverse';

/** This plugin's own tables, as its migrations create them. */
export interface LoyaltyTables {
  /**
   * Every change of a balance, signed. Entries are never deleted and their points never change;
   * a credit's `remaining` records how much of it is still unspent.
   */
  loyalty_ledger: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    kind: LedgerKind;
    points: number;
    /** The order's amount in minor units (negative on a reverse), for levels by spend. */
    amount: number | null;
    order_id: number | null;
    reward_id: number | null;
    /** Idempotency: `bonus:referral:<ref>`, `redeem:<key>`, `expire:<lot>`. */
    reference: string | null;
    expires_at: string | null;
    /** Points a reverse could not take back because they were already spent. */
    shortfall: number | null;
    note: string | null;
    actor: string;
    at: string;
    /** On a credit (earn, positive adjust): its points not yet spent or expired, taken oldest first. */
    remaining: number | null;
  };
  /**
   * One row per customer: the balance (always the ledger sum), the level and the level value
   * of the customer's whole history. Earning rewrites it on every batch, so it holds nothing
   * else: the fewer bytes a row, the fewer pages a batch rewrites.
   */
  loyalty_accounts: {
    team_id: number;
    customer_id: number;
    balance: number;
    level: string;
    /**
     * The level value of the customer's whole history: points earned and spend (minor units),
     * less those of refunded orders. No period's value is higher.
     */
    earned: Generated<number>;
    spend: Generated<number>;
  };
  /** One row per account: the times its level rules look at, rarely rewritten. */
  loyalty_account_dates: {
    team_id: number;
    customer_id: number;
    level_since: string;
    /** When the customer fell below the level's threshold, for the grace period. */
    below_since: string | null;
    /**
     * When the customer first earned; null before. While it is within the level period, the
     * account's whole-history level value is the period's.
     */
    first_earned_at: string | null;
    updated_at: string;
  };
  loyalty_rewards: {
    id: Generated<number>;
    team_id: number;
    name: string;
    cost: number;
    /** Null for unlimited. */
    stock: number | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  loyalty_redemptions: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    reward_id: number;
    idempotency_key: string;
    points: number;
    ledger_id: number;
    balance_after: number;
    actor: string;
    at: string;
  };
  loyalty_discounts: {
    team_id: number;
    order_id: number;
    customer_id: number;
    discounted: number;
    at: string;
  };
  /** Each customer's latest attitude survey. */
  loyalty_attitudes: {
    team_id: number;
    customer_id: number;
    /** Their attitude to the company, 1 hostile … 5 devoted. */
    score: number;
    /** Days they spent choosing before they bought. */
    choosing_days: number | null;
    /** Their attitude to competitors, 1 drawn to them … 5 not interested. */
    competitors: number | null;
    /** Their tolerance of quality problems, 1 leaves at the first … 5 stays through them. */
    quality_tolerance: number | null;
    actor: string;
    at: string;
  };
}

export type LoyaltyDb = Kysely<LoyaltyTables>;

/** The context's database handle, typed for this plugin's tables. */
export function loyaltyDb(ctx: Pick<PluginContext, 'db'>): LoyaltyDb {
  return ctx.db;
}
