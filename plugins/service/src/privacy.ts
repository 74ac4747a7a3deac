import { ERASED_TEXT, type PrivacyDefinition } from '@guanxi/core';
import { sql } from 'kysely';
import { withSteps } from './complaints/store';
import type { ServiceConfig } from './config';
import { toSurvey } from './surveys/store';
import { tablesOf } from './tables';

/** `[erased]` where a text was written, so it shows one was; a column left empty stays null. */
const erasedText = (column: string) =>
  sql<string | null>`case when ${sql.ref(column)} is null then null else ${ERASED_TEXT} end`;

/**
 * Complaints with their steps, and survey answers. Erasure strips what people wrote (the
 * complaint's summary, remedy and closing reason, the steps' notes) and keeps causes, steps,
 * dates, validity and scores, so complaint counts by cause and satisfaction measures stay.
 */
export const privacy: PrivacyDefinition<ServiceConfig> = {
  async export(customerId, ctx) {
    const db = tablesOf(ctx);
    const complaints = await db
      .selectFrom('service_complaints')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const surveys = await db
      .selectFrom('service_surveys')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    return { complaints: await withSteps(ctx, complaints), surveys: surveys.map(toSurvey) };
  },

  async erase(customerId, ctx) {
    const db = tablesOf(ctx);
    const complaints = await db
      .updateTable('service_complaints')
      .set({
        summary: ERASED_TEXT,
        remedy: erasedText('remedy'),
        close_reason: erasedText('close_reason'),
      })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    const steps = await db
      .updateTable('service_complaint_steps')
      .set({ note: ERASED_TEXT })
      .where('team_id', '=', ctx.teamId)
      .where('note', 'is not', null)
      .where('complaint_id', 'in', (eb) =>
        eb
          .selectFrom('service_complaints')
          .select('id')
          .where('team_id', '=', ctx.teamId)
          .where('customer_id', '=', customerId),
      )
      .executeTakeFirst();
    return {
      complaints: Number(complaints.numUpdatedRows),
      complaintSteps: Number(steps.numUpdatedRows),
    };
  },
};
