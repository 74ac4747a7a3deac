import { ERASED_TEXT, type PrivacyDefinition } from '@guanxi/core';
import { sql } from 'kysely';
import type { DevelopmentConfig } from './config';
import { balanceOf, opportunitiesOf, stageHistory } from './opportunities/opportunity';
import { interestsOf, relationshipHistory } from './relationship/relationship';
import { sourceOf } from './sources/store';
import { tablesOf } from './tables';

/** `[erased]` where a text was written, so it shows one was; a column left empty stays null. */
const erasedText = (column: string) =>
  sql<string | null>`case when ${sql.ref(column)} is null then null else ${ERASED_TEXT} end`;

/**
 * Everything the plugin keeps about a customer: the source, an agent's fee, opportunities with
 * their stage history and balance, the type, buying signals, the relationship history and
 * noted interests. Erasure strips what people wrote (notes, titles, the Franklin balance,
 * interests, a refused source as given) and keeps kinds, stages, amounts and dates, so the
 * reports still add up; the agent's and the competitor's names are business names and stay.
 */
export const privacy: PrivacyDefinition<DevelopmentConfig> = {
  async export(customerId, ctx) {
    const db = tablesOf(ctx);
    const opportunities = await Promise.all(
      (await opportunitiesOf(ctx, customerId)).map(async (opportunity) => ({
        ...opportunity,
        history: await stageHistory(ctx, opportunity.id),
        balance: await balanceOf(ctx, opportunity.id),
      })),
    );
    const agentFees = await db
      .selectFrom('development_agent_fees')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .execute();
    const customerType = await db
      .selectFrom('development_customer_types')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const signals = await db
      .selectFrom('development_signals')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('occurred_at')
      .execute();
    return {
      source: (await sourceOf(ctx, customerId)) ?? null,
      agentFees,
      opportunities,
      customerType: customerType ?? null,
      signals,
      relationship: await relationshipHistory(ctx, customerId),
      interests: await interestsOf(ctx, customerId, 10_000),
    };
  },

  async erase(customerId, ctx) {
    const db = tablesOf(ctx);
    const sources = await db
      .updateTable('development_sources')
      .set({ detail: erasedText('detail'), given: null })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const opportunityIds = db
      .selectFrom('development_opportunities')
      .select('id')
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId);
    const opportunities = await db
      .updateTable('development_opportunities')
      .set({ title: erasedText('title'), lost_note: erasedText('lost_note') })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const stageNotes = await db
      .updateTable('development_opportunity_events')
      .set({ note: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .where('note', 'is not', null)
      .executeTakeFirst();
    const balance = await db
      .updateTable('development_balance_items')
      .set({ text: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('opportunity_id', 'in', opportunityIds)
      .executeTakeFirst();
    const relationshipNotes = await db
      .updateTable('development_relationship_events')
      .set({ note: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .where('note', 'is not', null)
      .executeTakeFirst();
    const interests = await db
      .updateTable('development_interests')
      .set({ text: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return {
      sources: Number(sources.numUpdatedRows),
      opportunities: Number(opportunities.numUpdatedRows),
      stageNotes: Number(stageNotes.numUpdatedRows),
      balanceItems: Number(balance.numUpdatedRows),
      relationshipNotes: Number(relationshipNotes.numUpdatedRows),
      interests: Number(interests.numUpdatedRows),
    };
  },
};
