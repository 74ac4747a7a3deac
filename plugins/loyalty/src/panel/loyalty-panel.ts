import type { PanelDefinition } from '@guanxi/core';
import type { LoyaltySlot } from '../card-slots';
import type { LoyaltyConfig } from '../config';
import { levelLabel, PHRASES, QUADRANT_LABELS } from '../labels';
import { readAccounts } from '../ledger/accounts';
import { priceSensitivity, quadrant, repeatPurchases } from '../measures';
import { nextReward } from '../rewards';
import { loyaltySlotSchema } from '../routes/schemas';
import { signalsOf } from '../signals';

/**
 * The card's loyalty panel: points, level, the next reward and the points still to go,
 * repeat purchases, price sensitivity and the attitude × behaviour kind. Indexed reads only.
 */
export const loyaltyPanel: PanelDefinition<LoyaltyConfig> = {
  id: 'loyalty',
  slots: { loyalty: loyaltySlotSchema },
  async render({ customer, facts, locale }, ctx) {
    const phrases = PHRASES[locale];
    const levels = ctx.config.levels.thresholds;
    const account = (await readAccounts(ctx, [customer.id])).get(customer.id);
    const points = account?.balance ?? 0;
    const level = account?.level ?? levels[0]?.id ?? 'member';
    const [reward, signals] = await Promise.all([
      nextReward(ctx, points),
      signalsOf(ctx, customer.id),
    ]);
    const repeats = repeatPurchases(facts);
    const sensitivity = priceSensitivity(signals.discounted, facts.orderCount);
    const kind = quadrant(signals.attitude, repeats, ctx.config.quadrant);
    const slot: LoyaltySlot = {
      points,
      level,
      nextReward:
        reward === undefined
          ? null
          : {
              id: reward.id,
              name: reward.name,
              cost: reward.cost,
              pointsToGo: reward.cost - points,
            },
    };
    const percent = (share: number) =>
      share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
    return {
      title: phrases.title,
      items: [
        { label: phrases.points, value: points.toLocaleString(locale) },
        { label: phrases.level, value: levelLabel(levels, level, locale) },
        {
          label: phrases.nextReward,
          value:
            slot.nextReward === null
              ? phrases.none
              : phrases.nextRewardValue(
                  slot.nextReward.name,
                  slot.nextReward.cost,
                  slot.nextReward.pointsToGo,
                ),
        },
        { label: phrases.repeats, value: repeats.toLocaleString(locale) },
        {
          label: phrases.priceSensitivity,
          value: sensitivity === null ? phrases.none : phrases.discounted(percent(sensitivity)),
        },
        {
          label: phrases.quadrant,
          value: kind === null ? phrases.noSurvey : QUADRANT_LABELS[kind][locale],
        },
      ],
      actions: [],
      slots: { loyalty: slot },
    };
  },
};
