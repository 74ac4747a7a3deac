import type { Customer, CustomerFacts, Locale, NextBestAction } from '@guanxi/core';
import type { Localised } from './labels';
import type { Strategy, Tier } from './tiers';

/** The strategy of each tier's customers (seed 001): the pyramid page's strategy per segment. */
export function tierStrategy(tier: Tier): Strategy {
  if (tier === 'important') return 'strategic';
  return tier === 'secondary' ? 'main' : 'transactional';
}

/**
 * The relationship strategy of a customer (DOMAIN §4, seed 001): a disqualified customer, or
 * one whose margin is negative, is a risk; otherwise their tier's strategy. A churned customer
 * has none from tiering (null): what to do about one is win-back's rule alone (its policy by
 * churn kind and tier: a key customer is won back at all costs), so the card says one thing.
 */
export function strategyOf(tier: Tier, customer: Customer, facts: CustomerFacts): Strategy | null {
  if (customer.stage === 'churned') return null;
  if (customer.stage === 'non_customer' || facts.margin < 0) return 'risk';
  return tierStrategy(tier);
}

/** The upgrade path transactional → main → strategic; null at the top and for risks. */
export const UPGRADE: Readonly<Record<Strategy, Strategy | null>> = {
  transactional: 'main',
  main: 'strategic',
  strategic: null,
  risk: null,
};

interface Policy {
  readonly label: Localised;
  readonly reason: Localised;
  /** Against other plugins' suggestions; the core's stage suggestion has 10. */
  readonly priority: number;
}

/** What to do with a customer of each tier (DOMAIN §4). */
const TIER_POLICY: Readonly<Record<Tier, Policy>> = {
  important: {
    label: {
      en: 'Give dedicated attention: plan visits and ask their opinion',
      'zh-CN': '专人重点服务：计划拜访，征求意见',
    },
    reason: {
      en: 'Key customer (important): concentrate resources, a dedicated team, fast complaint handling',
      'zh-CN': '重要客户：集中资源，专门团队，快速处理投诉',
    },
    priority: 40,
  },
  secondary: {
    label: {
      en: 'Plan regular visits and ask their opinion',
      'zh-CN': '计划定期拜访，征求意见',
    },
    reason: {
      en: 'Key customer (secondary): concentrate resources, handle complaints fast',
      'zh-CN': '次要客户属关键客户：集中资源，快速处理投诉',
    },
    priority: 35,
  },
  normal: {
    label: {
      en: 'Grow them if they have potential, otherwise cut the cost of serving them',
      'zh-CN': '有潜力则培养，否则降低服务成本',
    },
    reason: {
      en: 'Normal customer: many of them, not worth special treatment',
      'zh-CN': '普通客户：数量多，无需特殊待遇',
    },
    priority: 20,
  },
  small: {
    label: {
      en: 'Grow them if they have potential, otherwise raise the price or cut the cost',
      'zh-CN': '有潜力则培养，否则提价或降低成本',
    },
    reason: {
      en: 'Small customer: low volume, costly to serve',
      'zh-CN': '小客户：购买量小，服务成本高',
    },
    priority: 15,
  },
};

const STOP: Localised = {
  en: 'Stop: refuse new business or end the relationship',
  'zh-CN': '止损：拒绝新业务或终止关系',
};

const RISK_REASONS = {
  non_customer: { en: 'Risk customer: disqualified', 'zh-CN': '风险客户：非客户' },
  margin: {
    en: 'Risk customer: negative margin, serving them loses money',
    'zh-CN': '风险客户：负毛利，服务即亏损',
  },
} as const satisfies Record<string, Localised>;

/**
 * The next best action from the tier's policy, or "stop" for a risk; none for a churned
 * customer, whose next step is the core's "find out why they left" and win-back's plan.
 */
export function nextBestAction(
  tier: Tier,
  strategy: Strategy | null,
  customer: Customer,
  locale: Locale,
): NextBestAction | undefined {
  if (strategy === null) return undefined;
  if (strategy === 'risk') {
    const why = customer.stage === 'non_customer' ? RISK_REASONS.non_customer : RISK_REASONS.margin;
    return { label: STOP[locale], reason: why[locale], priority: 30 };
  }
  const policy = TIER_POLICY[tier];
  return { label: policy.label[locale], reason: policy.reason[locale], priority: policy.priority };
}
