import type { PluginContext } from '@guanxi/core';
import type { LoyaltyConfig } from './config';

/** What the ledger functions need: a plugin context, or its parts in tests. */
export type LoyaltyContext = Pick<
  PluginContext<LoyaltyConfig>,
  'teamId' | 'db' | 'core' | 'clock' | 'config' | 'use'
>;

const DAY_MS = 86_400_000;

/** The clock's time as ISO-8601 UTC, `days` from now. */
export function isoDaysFrom(ctx: Pick<LoyaltyContext, 'clock'>, days = 0): string {
  return new Date(ctx.clock.now().getTime() + days * DAY_MS).toISOString();
}
