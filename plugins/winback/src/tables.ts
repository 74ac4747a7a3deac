import type { PluginContext } from '@guanxi/core';
import type { Generated, Kysely } from 'kysely';
import type { ChurnKind, KindSource, SignalKind } from './kinds';
import type { Policy } from './policy';
import type { RiskRule } from './risk';

export type PlaybookStatus = 'open' | 'won_back' | 'let_go';

/** This plugin's own tables, as its migrations create them. */
export interface WinbackTables {
  /** What the service plugin said about each complaint, latest state. */
  winback_complaints: {
    team_id: number;
    complaint_id: number;
    customer_id: number;
    cause: string;
    step: string;
    opened_at: string;
    closed_at: string | null;
    updated_at: string;
  };
  winback_signals: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    kind: SignalKind;
    note: string;
    actor: string;
    recorded_at: string;
  };
  /** One row a churn: when, why, of what kind, and whether the customer came back. */
  winback_churns: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    churned_at: string;
    reason: string;
    kind: ChurnKind;
    kind_source: KindSource;
    /** 4 important … 1 small (the tier scorer's value); null when tiering is off. */
    tier: number | null;
    policy: Policy;
    won_back_at: string | null;
    /** The detection rule that decided; null when a person moved the customer. */
    rule: Generated<RiskRule | null>;
  };
  /** Who changed a churn's kind, when, from what and to what. */
  winback_kind_changes: {
    id: Generated<number>;
    team_id: number;
    churn_id: number;
    customer_id: number;
    from_kind: ChurnKind;
    to_kind: ChurnKind;
    reason: string;
    actor: string;
    changed_at: string;
  };
  winback_playbooks: {
    id: Generated<number>;
    team_id: number;
    churn_id: number;
    customer_id: number;
    kind: ChurnKind;
    tier: number | null;
    policy: Policy;
    owner_user_id: number | null;
    status: PlaybookStatus;
    created_at: string;
    closed_at: string | null;
  };
  /** Active customers the last detection found past half the way to churn. */
  winback_at_risk: {
    team_id: number;
    customer_id: number;
    /** 4 important … 1 small (TIER_RANK); normal's when tiering gives none, as the policy counts it. */
    tier: number;
    rule: RiskRule;
    p_alive: number | null;
    days_since: number;
    threshold_days: number | null;
    /** The detection run that last found the customer at risk; older rows are gone. */
    run: number;
    assessed_at: string;
    checked_at: string | null;
    checked_by: string | null;
  };
  winback_steps: {
    team_id: number;
    playbook_id: number;
    step_no: number;
    action: string;
    due_at: string;
    done_at: string | null;
    done_by: string | null;
    note: string | null;
  };
}

export type WinbackDb = Kysely<WinbackTables>;

/** The context's database handle, typed for this plugin's tables. */
export function tablesOf(ctx: Pick<PluginContext, 'db'>): WinbackDb {
  return ctx.db;
}
