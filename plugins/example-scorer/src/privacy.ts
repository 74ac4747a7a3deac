import type { PrivacyDefinition } from '@guanxi/core';
import type { ExampleScorerConfig } from './config';
import { tablesOf } from './tables';

/**
 * Invoices with how late they were paid, discounts, and the count of service contacts: figures
 * and the company's own invoice and order numbers, which stay when the customer is erased, so
 * there is only an export.
 */
export const privacy: PrivacyDefinition<ExampleScorerConfig> = {
  async export(customerId, ctx) {
    const db = tablesOf(ctx);
    const payments = await db
      .selectFrom('example_scorer_payments')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const discounts = await db
      .selectFrom('example_scorer_discounts')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const serviceContacts = await db
      .selectFrom('example_scorer_service_contacts')
      .selectAll()
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return { payments, discounts, serviceContacts: serviceContacts ?? null };
  },
};
