import { defineService, type PluginContext } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import {
  type AttitudeFigures,
  attitudeFigures,
  discountedOrders,
  type LoyaltyRange,
  loyalOf,
} from './loyalty-figures';

/** The loyalty plugin's figures for other plugins' reports. */
export interface LoyaltyMeasures {
  /** What the attitude surveys taken in the range say. */
  attitudes(range: LoyaltyRange): Promise<AttitudeFigures>;
  /** How many orders were flagged in the range as sold at a discount. */
  discountedOrders(range: LoyaltyRange): Promise<number>;
  /** Whether each of these customers is loyal in behaviour, by the team's repeat threshold. */
  loyal(customerIds: readonly number[]): Promise<ReadonlyMap<number, boolean>>;
}

export const loyaltyMeasuresService = defineService<LoyaltyMeasures>('loyalty.measures');

export function loyaltyMeasures(
  ctx: Pick<PluginContext<LoyaltyConfig>, 'teamId' | 'db' | 'core' | 'config'>,
): LoyaltyMeasures {
  return {
    attitudes: (range) => attitudeFigures(ctx, range),
    discountedOrders: (range) => discountedOrders(ctx, range),
    loyal: (customerIds) => loyalOf(ctx, customerIds),
  };
}
