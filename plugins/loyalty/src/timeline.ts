import type { Locale, PluginContext, TimelineEntry, TimelineInput } from '@guanxi/core';
import type { LoyaltyConfig } from './config';
import { customerEntries, type LedgerRow } from './ledger/customer-entries';
import type { LedgerKind } from './tables';
import { loyaltyDb } from './tables';

const WORDS: Readonly<
  Record<
    Locale,
    { label: string } & Record<LedgerKind, (points: number, detail: string | null) => string>
  >
> = {
  en: {
    label: 'Points',
    earn: (points) => `+${points} points earned on an order`,
    redeem: (points, reward) =>
      `${points} points spent on a reward${reward === null ? '' : `: ${reward}`}`,
    expire: (points) => `${points} points expired`,
    adjust: (points, note) =>
      `Adjusted by ${points > 0 ? '+' : ''}${points} points${note === null ? '' : `: ${note}`}`,
    reverse: (points) => `${points} points taken back for a refunded order`,
  },
  'zh-CN': {
    label: '积分',
    earn: (points) => `订单获得 +${points} 积分`,
    redeem: (points, reward) =>
      `兑换奖励使用 ${points} 积分${reward === null ? '' : `：${reward}`}`,
    expire: (points) => `${points} 积分已过期`,
    adjust: (points, note) =>
      `积分调整 ${points > 0 ? '+' : ''}${points}${note === null ? '' : `：${note}`}`,
    reverse: (points) => `退款订单扣回 ${points} 积分`,
  },
};

/**
 * A customer's points (earned, spent, expired, adjusted, taken back) for their timeline in the
 * console, newest first, read through the ledger's own indexes.
 */
export async function loyaltyTimeline(
  input: TimelineInput,
  ctx: PluginContext<LoyaltyConfig>,
): Promise<TimelineEntry[]> {
  const { from, to } = input;
  const rows = await customerEntries(ctx, [input.customerId], (query) =>
    query
      .$if(from !== undefined, (q) => q.where('at', '>=', from as string))
      .$if(to !== undefined, (q) => q.where('at', '<', to as string)),
  );
  const newest = rows
    .sort((a, b) => (a.at === b.at ? Number(b.id) - Number(a.id) : a.at < b.at ? 1 : -1))
    .slice(0, input.limit);
  const rewardIds = [
    ...new Set(newest.flatMap((row) => (row.reward_id === null ? [] : [row.reward_id]))),
  ];
  const rewards =
    rewardIds.length === 0
      ? []
      : await loyaltyDb(ctx)
          .selectFrom('loyalty_rewards')
          .select(['id', 'name'])
          .where('team_id', '=', ctx.teamId)
          .where('id', 'in', rewardIds)
          .execute();
  const rewardName = new Map(rewards.map((reward) => [Number(reward.id), reward.name]));
  const words = WORDS[input.locale];
  const textOf = (row: LedgerRow) => {
    const points = Number(row.points);
    if (row.kind === 'adjust') return words.adjust(points, row.note);
    const detail = row.reward_id === null ? null : (rewardName.get(Number(row.reward_id)) ?? null);
    return words[row.kind](Math.abs(points), detail);
  };
  return newest.map((row) => ({
    at: row.at,
    kind: 'points',
    label: words.label,
    text: textOf(row),
  }));
}
