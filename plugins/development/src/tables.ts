import type { PluginContext } from '@guanxi/core';
import type { Generated, Kysely } from 'kysely';
import type { DevelopmentConfig } from './config';

/** This plugin's own tables, as its migrations create them. */
export interface DevelopmentTables {
  /** Where each customer came from: one row per customer, recorded once, changes audited. */
  development_sources: {
    team_id: number;
    customer_id: number;
    /** `recorded`, or `refused` when the source given at creation did not pass its checks. */
    status: 'recorded' | 'refused';
    /** A built-in kind or one of the team's own source ids; null when refused. */
    kind: string | null;
    /** The customer who referred this one (referral, centre of influence). */
    referrer_id: number | null;
    /** The commissioned agent's name. */
    agent: string | null;
    /** The agent's fixed fee in minor units, else `agent_fee_rate` of the first order. */
    agent_fee: number | null;
    agent_fee_rate: number | null;
    competitor: string | null;
    /** Free text: which fair, club, directory. */
    detail: string | null;
    /** Why a source was refused: `source.referrerId: no customer 12 in this team`. */
    issue: string | null;
    /** The refused source as it was given, as JSON. */
    given: string | null;
    actor: string;
    recorded_at: string;
    changed_at: string;
  };
  /** What a commissioned agent is owed on a customer's first order. */
  development_agent_fees: {
    team_id: number;
    customer_id: number;
    agent: string;
    amount: number;
    currency: string;
    order_id: number;
    owed_at: string;
    paid_at: string | null;
    paid_by: string | null;
  };
  development_opportunities: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    owner_user_id: number;
    title: string | null;
    amount: number;
    currency: string;
    /** The expected close as a day (YYYY-MM-DD) of the team's time zone. */
    close_day: string;
    /** An open stage id, `won` or `lost`. */
    stage: string;
    status: 'open' | 'won' | 'lost';
    lost_reason: string | null;
    lost_note: string | null;
    competitor: string | null;
    order_id: number | null;
    /** The three points of persuasion, 0 or 1 each. */
    introduced: number;
    answered: number;
    benefits: number;
    created_by: string;
    created_at: string;
    stage_changed_at: string;
    closed_at: string | null;
  };
  development_opportunity_events: {
    id: Generated<number>;
    team_id: number;
    opportunity_id: number;
    customer_id: number;
    from_stage: string | null;
    to_stage: string;
    actor: string;
    note: string | null;
    at: string;
  };
  /** The Franklin balance of an opportunity: benefits of buying, losses of not buying. */
  development_balance_items: {
    id: Generated<number>;
    team_id: number;
    opportunity_id: number;
    side: 'benefit' | 'loss';
    position: number;
    text: string;
    actor: string;
    at: string;
  };
  development_customer_types: {
    team_id: number;
    customer_id: number;
    type: string;
    actor: string;
    at: string;
  };
  /** Buying signals a rep saw in an interaction (the core's), one row per signal. */
  development_signals: {
    team_id: number;
    interaction_id: number;
    signal: string;
    customer_id: number;
    /** The interaction's time, so signals since an opportunity opened are one range read. */
    occurred_at: string;
    actor: string;
    at: string;
  };
  /** Every change of the customer's relationship stage; the current one is the core's field. */
  development_relationship_events: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    /** Null for a stranger. */
    from_stage: string | null;
    to_stage: string | null;
    /** `rep`: moved through this plugin; `customer-update`: changed on the customer itself. */
    cause: 'rep' | 'customer-update';
    actor: string;
    note: string | null;
    at: string;
  };
  /** Interests (利益) a rep noted: the organisation's and the person's own. */
  development_interests: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    kind: 'organisational' | 'personal';
    text: string;
    actor: string;
    at: string;
  };
  /** The pains (1–3) of a role in an industry: the team's value proposition library. */
  development_pains: {
    team_id: number;
    /** Lower-cased, for matching a customer's attributes. */
    role_key: string;
    industry_key: string;
    role: string;
    industry: string;
    /** JSON array of one to three texts. */
    pains: string;
    actor: string;
    updated_at: string;
  };
  development_cases: {
    id: Generated<number>;
    team_id: number;
    role: string;
    industry: string;
    role_key: string;
    industry_key: string;
    key_issue: string;
    reason: string;
    capability_when: string;
    capability_who: string;
    capability_what: string;
    provided: string;
    /** The result, in money (minor units of `result_currency`) or as a percentage. */
    result_amount: number | null;
    result_currency: string | null;
    result_percent: number | null;
    result_text: string;
    actor: string;
    created_at: string;
    updated_at: string;
  };
  /** How the team's top customers spread over each compared attribute's values. */
  development_profile: {
    team_id: number;
    attribute: string;
    /** Lower-cased. */
    value: string;
    /** Top customers holding this value. */
    customers: number;
    /** Top customers counted in all. */
    top_customers: number;
    computed_at: string;
  };
}

export type DevelopmentDb = Kysely<DevelopmentTables>;

/** What this plugin's code runs with. */
export type DevelopmentContext = PluginContext<DevelopmentConfig>;

/** The context's database handle, typed for this plugin's tables. */
export function tablesOf(ctx: Pick<PluginContext, 'db'>): DevelopmentDb {
  return ctx.db;
}

/** The clock's time as ISO-8601 UTC. */
export function isoNow(ctx: Pick<PluginContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}
