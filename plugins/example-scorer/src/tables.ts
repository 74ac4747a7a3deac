import type { PluginContext } from '@guanxi/core';
import type { Generated, Kysely } from 'kysely';

/** This plugin's own tables, as its migrations create them. */
export interface ExampleScorerTables {
  example_scorer_payments: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    invoice_ref: string;
    /** Integer minor units. */
    amount: number;
    due_at: string;
    paid_at: string | null;
    /** Whole days between due and paid, 0 when paid early; null while unpaid. */
    days_late: number | null;
    created_at: string;
    updated_at: string;
  };
  example_scorer_discounts: {
    id: Generated<number>;
    team_id: number;
    customer_id: number;
    order_ref: string;
    /** Integer minor units taken off the list price. */
    amount: number;
    granted_at: string;
    created_at: string;
    updated_at: string;
  };
  example_scorer_service_contacts: {
    team_id: number;
    customer_id: number;
    inbound_count: number;
    updated_at: string;
  };
}

/** The context's database handle, typed for this plugin's tables. */
export function tablesOf(ctx: Pick<PluginContext, 'db'>): Kysely<ExampleScorerTables> {
  return ctx.db;
}
