import type { PluginContext } from '@guanxi/core';
import type { LoyaltyConfig } from './config';

/** What the ledger functions need: a plugin context, or its parts in tests. */
export type LoyaltyContext = Pick<
  PluginContext<LoyaltyConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'timeZone' | 'use'
>;

/** The clock's time as ISO-8601 UTC. */
export function isoNow(ctx: Pick<LoyaltyContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}
