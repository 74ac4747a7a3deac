import type { CustomerFilterDefinition } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { TIER_LABELS } from '../labels';
import { tieringDb } from '../store';
import { TIERS, type Tier } from '../tiers';
import { CONSOLE_PHRASES } from './labels';

/** The customer list's tier filter: the ids of the team's customers in a tier, from the plugin's table. */
export const tierFilter: CustomerFilterDefinition<TieringConfig> = {
  id: 'tier',
  label: { en: CONSOLE_PHRASES.en.filter, 'zh-CN': CONSOLE_PHRASES['zh-CN'].filter },
  options: (locale) => TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier][locale] })),
  query: (value, ctx) =>
    (TIERS as readonly string[]).includes(value)
      ? tieringDb(ctx)
          .selectFrom('tiering_values')
          .select('customer_id')
          .where('team_id', '=', ctx.teamId)
          .where('tier', '=', value as Tier)
      : undefined,
};
