import type { PluginContext } from '@guanxi/core';
import type { Generated, Kysely } from 'kysely';
import type { Cause, Step, Tier } from './complaints/complaint';

/** This plugin's own tables, as its migrations create them. */
export interface ServiceTables {
  service_complaints: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    cause: Cause;
    summary: string;
    channel: string;
    step: Step;
    /** 1 valid, 0 not valid, null not yet judged. */
    valid: number | null;
    remedy: string | null;
    tier: Tier;
    recorded_by: string;
    opened_at: string;
    stepped_at: string;
    due_at: string | null;
    closed_at: string | null;
    close_reason: string | null;
  };
  service_complaint_steps: {
    id: Generated<number>;
    team_id: number;
    complaint_id: number;
    from_step: Step | null;
    to_step: Step;
    actor: string;
    note: string | null;
    at: string;
  };
  service_surveys: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    kind: 'csat' | 'nps';
    score: number;
    trust: number | null;
    satisfaction: number | null;
    commitment: number | null;
    friendship: number | null;
    /** 1 when the customer asked for the company by name, 0 when not; null when not asked. */
    by_name: number | null;
    /** How much of the customer's need was met, 0–100 %. */
    needs_met: number | null;
    /** The share of the customer's spending on such products that comes to the team, 0–100 %. */
    wallet_share: number | null;
    answered_at: string;
    recorded_by: string;
    created_at: string;
  };
}

/** The context's database handle, typed for this plugin's tables. */
export function tablesOf(ctx: Pick<PluginContext, 'db'>): Kysely<ServiceTables> {
  return ctx.db;
}
