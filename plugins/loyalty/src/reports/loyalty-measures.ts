import { defineService, type PluginContext } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import {
  type AttitudeFigures,
  attitudeFigures,
  discountedOrders,
  type LoyaltyScope,
  loyalOf,
} from './loyalty-figures';

/** The loyalty plugin's figures for other plugins' reports. */
export interface LoyaltyMeasures {
  /** What the attitude surveys taken in the range say. */
  attitudes(scope: LoyaltyScope): Promise<AttitudeFigures>;
  /** How many orders were flagged in the range as sold at a discount. */
  discountedOrders(scope: LoyaltyScope): Promise<number>;
  /** Whether each of these customers is loyal in behaviour, by the team's repeat threshold. */
  loyal(customerIds: readonly number[]): Promise<ReadonlyMap<number, boolean>>;
}

export const loyaltyMeasuresService = defineService<LoyaltyMeasures>('loyalty.measures');

export function loyaltyMeasures(
  ctx: Pick<PluginContext<LoyaltyConfig>, 'teamId' | 'db' | 'core' | 'config'>,
): LoyaltyMeasures {
  return {
    attitudes: (scope) => attitudeFigures(ctx, scope),
    discountedOrders: (scope) => discountedOrders(ctx, scope),
    loyal: (customerIds) => loyalOf(ctx, customerIds),
  };
}
