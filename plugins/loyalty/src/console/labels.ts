import type { Locale } from '@guanxi/core';

interface FormWords {
  readonly title: string;
  readonly caption: string;
  readonly submit: string;
}

/** The console's words for the loyalty programme's pages. */
export interface ConsolePhrases {
  readonly rewards: string;
  readonly reward: string;
  readonly members: string;
  readonly redemptions: string;
  readonly rewardsRule: string;
  readonly membersRule: (basis: string, days: number) => string;
  readonly redemptionsRule: (days: number) => string;
  readonly active: string;
  readonly retired: string;
  readonly redeemed30: string;
  readonly catalogue: string;
  readonly catalogueCaption: string;
  readonly name: string;
  readonly cost: string;
  readonly stock: string;
  readonly stockHint: string;
  readonly unlimited: string;
  readonly status: string;
  readonly redeemed: string;
  readonly changed: string;
  readonly change: string;
  readonly retire: string;
  readonly restore: string;
  readonly noRewards: string;
  readonly create: FormWords;
  readonly edit: FormWords;
  readonly retireForm: FormWords;
  readonly restoreForm: FormWords;
  readonly done: {
    readonly create: string;
    readonly change: string;
    readonly retire: string;
    readonly restore: string;
  };
  readonly levels: string;
  readonly level: string;
  readonly threshold: string;
  readonly multiplier: string;
  readonly memberCount: string;
  readonly pointsHeld: string;
  readonly byLevel: string;
  readonly byLevelCaption: string;
  readonly memberList: string;
  readonly customer: string;
  readonly balance: string;
  readonly earned: string;
  readonly noMembers: string;
  readonly basis: { readonly points: string; readonly spend: string };
  readonly recent: string;
  readonly when: string;
  readonly points: string;
  readonly by: string;
  readonly noRedemptions: string;
  readonly within: string;
  readonly days: (days: number) => string;
  readonly expiring: string;
  readonly expiringCustomers: string;
  readonly expiryChart: string;
  readonly expiryChartCaption: string;
  readonly expiryDays: string;
  readonly expiresOn: string;
  readonly soonest: string;
  readonly noExpiries: string;
  readonly neverExpire: string;
}

export const CONSOLE_PHRASES: Readonly<Record<Locale, ConsolePhrases>> = {
  en: {
    rewards: 'Rewards catalogue',
    reward: 'Reward',
    members: 'Members by level',
    redemptions: 'Redemptions and expiries',
    rewardsRule:
      'Rewards go by contribution, never the same for everyone: points come from what a customer buys, times their tier’s and level’s multipliers, and the catalogue says what the points buy. A reward that matters to customers is worth measuring by its redemptions.',
    membersRule: (basis, days) =>
      `A member’s level comes from the ${basis} of the last ${days} days; a higher level earns more points per purchase.`,
    redemptionsRule: (days) =>
      days === 0
        ? 'Points never expire under the team’s settings.'
        : `Points expire at the team’s midnight ${days} days after the day they were earned; the oldest points are spent first.`,
    active: 'Active rewards',
    retired: 'Retired',
    redeemed30: 'Redeemed in the last 30 days',
    catalogue: 'Rewards',
    catalogueCaption: 'Active ones first, cheapest first.',
    name: 'Name',
    cost: 'Cost (points)',
    stock: 'Stock',
    stockHint: 'Leave empty for no limit',
    unlimited: 'no limit',
    status: 'Status',
    redeemed: 'Redeemed',
    changed: 'Changed',
    change: 'Change',
    retire: 'Retire',
    restore: 'Offer again',
    noRewards: 'No reward yet.',
    create: { title: 'Add a reward', caption: 'Offered at once to every member.', submit: 'Add' },
    edit: { title: 'Change the reward', caption: 'Cards show the change at once.', submit: 'Save' },
    retireForm: {
      title: 'Retire the reward',
      caption: 'No longer offered; past redemptions stay.',
      submit: 'Retire',
    },
    restoreForm: {
      title: 'Offer it again',
      caption: 'Back in the catalogue.',
      submit: 'Offer again',
    },
    done: {
      create: 'Reward added.',
      change: 'Reward changed.',
      retire: 'Reward retired.',
      restore: 'Reward offered again.',
    },
    levels: 'Levels',
    level: 'Level',
    threshold: 'Reached at',
    multiplier: 'Points multiplier',
    memberCount: 'Members',
    pointsHeld: 'Points held',
    byLevel: 'Members by level',
    byLevelCaption: 'How many customers each level holds.',
    memberList: 'Members',
    customer: 'Customer',
    balance: 'Points',
    earned: 'Earned in all',
    noMembers: 'No member at this level.',
    basis: { points: 'points earned', spend: 'spend' },
    recent: 'Latest redemptions',
    when: 'When',
    points: 'Points',
    by: 'By',
    noRedemptions: 'No redemption yet.',
    within: 'Within',
    days: (days) => `${days} days`,
    expiring: 'Points expiring',
    expiringCustomers: 'Customers losing points',
    expiryChart: 'Points expiring by day',
    expiryChartCaption: 'Unspent points, by the day they lapse.',
    expiryDays: 'Expiries to come',
    expiresOn: 'Lapse on',
    soonest: 'Points that lapse first, by customer',
    noExpiries: 'No points lapse in this time.',
    neverExpire: 'Points do not expire.',
  },
  'zh-CN': {
    rewards: '奖励目录',
    reward: '奖励',
    members: '各等级会员',
    redemptions: '兑换与积分到期',
    rewardsRule:
      '奖励按贡献给予，不搞平均主义：积分来自客户的消费，乘以其客户等级和会员等级的倍数；奖励目录说明积分可以兑换什么。对客户有意义的奖励，应以兑换情况来衡量。',
    membersRule: (basis, days) =>
      `会员等级由最近 ${days} 天的${basis}决定；等级越高，每次消费获得的积分越多。`,
    redemptionsRule: (days) =>
      days === 0
        ? '按本团队设置，积分永不过期。'
        : `积分在获得之日起 ${days} 天后的本团队午夜过期；消费时先使用最早的积分。`,
    active: '在售奖励',
    retired: '已停用',
    redeemed30: '最近 30 天兑换',
    catalogue: '奖励',
    catalogueCaption: '在售的排在前面，按积分从低到高。',
    name: '名称',
    cost: '所需积分',
    stock: '库存',
    stockHint: '留空表示不限量',
    unlimited: '不限量',
    status: '状态',
    redeemed: '已兑换',
    changed: '修改时间',
    change: '修改',
    retire: '停用',
    restore: '重新上架',
    noRewards: '尚无奖励。',
    create: { title: '添加奖励', caption: '立即向所有会员开放。', submit: '添加' },
    edit: { title: '修改奖励', caption: '客户卡片会立即显示修改。', submit: '保存' },
    retireForm: { title: '停用奖励', caption: '不再提供；以往的兑换记录保留。', submit: '停用' },
    restoreForm: { title: '重新上架', caption: '回到奖励目录中。', submit: '重新上架' },
    done: {
      create: '奖励已添加。',
      change: '奖励已修改。',
      retire: '奖励已停用。',
      restore: '奖励已重新上架。',
    },
    levels: '会员等级',
    level: '等级',
    threshold: '达到条件',
    multiplier: '积分倍数',
    memberCount: '会员数',
    pointsHeld: '持有积分',
    byLevel: '各等级会员数',
    byLevelCaption: '每个等级的客户数。',
    memberList: '会员',
    customer: '客户',
    balance: '积分',
    earned: '累计获得',
    noMembers: '此等级暂无会员。',
    basis: { points: '所获积分', spend: '消费金额' },
    recent: '最近的兑换',
    when: '时间',
    points: '积分',
    by: '操作人',
    noRedemptions: '尚无兑换。',
    within: '时间范围',
    days: (days) => `${days} 天`,
    expiring: '即将到期的积分',
    expiringCustomers: '积分将到期的客户',
    expiryChart: '每日到期积分',
    expiryChartCaption: '尚未使用的积分，按到期日统计。',
    expiryDays: '即将到期',
    expiresOn: '到期日',
    soonest: '最先到期的积分（按客户）',
    noExpiries: '此期间没有积分到期。',
    neverExpire: '积分不会过期。',
  },
};
