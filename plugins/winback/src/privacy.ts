import { ERASED_TEXT, type PrivacyDefinition } from '@guanxi/core';
import type { WinbackConfig } from './config';
import { listPlaybooks } from './playbook/playbooks';
import { tablesOf } from './tables';

/**
 * Churns with their kinds and kind corrections, signals, playbooks with their steps, what
 * the service plugin said about the customer's complaints, and the worklist's churn risk. Erasure strips what people wrote
 * (churn and correction reasons, signal and step notes) and keeps kinds, causes, tiers,
 * policies, statuses and dates, so win-back rates and counts by kind stay.
 */
export const privacy: PrivacyDefinition<WinbackConfig> = {
  async export(customerId, ctx) {
    const db = tablesOf(ctx);
    const churns = await db
      .selectFrom('winback_churns')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const kindChanges = await db
      .selectFrom('winback_kind_changes')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const signals = await db
      .selectFrom('winback_signals')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const complaints = await db
      .selectFrom('winback_complaints')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('complaint_id')
      .execute();
    const playbooks = (await listPlaybooks(ctx, { customerId })).reverse();
    const atRisk = await db
      .selectFrom('winback_at_risk')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return { churns, kindChanges, signals, playbooks, complaints, atRisk: atRisk ?? null };
  },

  async erase(customerId, ctx) {
    const db = tablesOf(ctx);
    const churns = await db
      .updateTable('winback_churns')
      .set({ reason: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const kindChanges = await db
      .updateTable('winback_kind_changes')
      .set({ reason: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const signals = await db
      .updateTable('winback_signals')
      .set({ note: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const steps = await db
      .updateTable('winback_steps')
      .set({ note: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('note', 'is not', null)
      .where('playbook_id', 'in', (eb) =>
        eb
          .selectFrom('winback_playbooks')
          .select('id')
          .where('team_id', '=', ctx.teamId)
          .where('customer_id', '=', customerId),
      )
      .executeTakeFirst();
    return {
      churns: Number(churns.numUpdatedRows),
      kindChanges: Number(kindChanges.numUpdatedRows),
      signals: Number(signals.numUpdatedRows),
      playbookSteps: Number(steps.numUpdatedRows),
    };
  },
};
