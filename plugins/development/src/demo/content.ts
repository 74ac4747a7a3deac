import type { Locale } from '@guanxi/core';
import type { BuyingSignal } from '../signals/buying-signals';

/** The words of the demo pipeline, in the team's language. */
export interface DemoContent {
  readonly pains: readonly ((industry: string) => string)[];
  readonly case: (
    industry: string,
    role: string,
    i: number,
  ) => {
    keyIssue: string;
    reason: string;
    capability: { when: string; who: string; what: string };
    provided: string;
    result: { percent: number; text: string };
  };
  readonly titles: readonly string[];
  readonly competitors: readonly string[];
  readonly benefits: readonly string[];
  readonly losses: readonly string[];
  readonly signalNote: string;
  readonly interest: string;
}

/** Two signals per tagged e-mail, in turn. */
export const DEMO_SIGNALS: readonly (readonly [BuyingSignal, BuyingSignal])[] = [
  ['asks_lower_price', 'asks_details'],
  ['compares_terms', 'introduces_manager'],
  ['complains_other_brand', 'better_reception'],
];

export const DEMO_CONTENT: Readonly<Record<Locale, DemoContent>> = {
  en: {
    pains: [
      (industry) => `${industry} orders swing from month to month, so stock is always wrong`,
      () => 'Figures arrive late and do not agree between teams',
      () => 'Too much time goes on chasing suppliers and payments',
    ],
    case: (industry, role, i) => ({
      keyIssue: [
        'Stock runs out while cash sits in the warehouse',
        'Month-end close takes too long',
        'Deliveries are late',
      ][i % 3] as string,
      reason: 'They wanted one supplier for the whole process',
      capability: {
        when: 'Every planning meeting',
        who: `The ${role.toLowerCase()} and the team`,
        what: 'See orders, stock and cash in one place',
      },
      provided: `Our service set up for a ${industry.toLowerCase()} business in six weeks`,
      result: { percent: 15 + 5 * i, text: `Costs down ${15 + 5 * i}% within a year` },
    }),
    titles: [
      'Annual supply contract',
      'Pilot for one site',
      'Upgrade to the full package',
      'Second line of products',
    ],
    competitors: ['Northwind', 'Contoso', 'Globex'],
    benefits: [
      'Half the time spent on reordering',
      'One invoice a month instead of twenty',
      'Stock that matches demand',
    ],
    losses: ['Rush orders keep costing extra', 'Cash stays tied up in stock'],
    signalNote: 'Replied about the offer',
    interest: 'Wants the project to count towards this year’s targets',
  },
  'zh-CN': {
    pains: [
      (industry) => `${industry}订单月度波动大，备货总是不准`,
      () => '各部门数据晚到且对不上',
      () => '催供应商、催回款耗费大量时间',
    ],
    case: (industry, role, i) => ({
      keyIssue: ['仓库积压资金，热销品却断货', '月末结账耗时太长', '交货经常延误'][i % 3] as string,
      reason: '希望整个流程只对接一家供应商',
      capability: {
        when: '每次计划会议',
        who: `${role}及其团队`,
        what: '在一处看到订单、库存与资金',
      },
      provided: `六周内为这家${industry}企业完成上线`,
      result: { percent: 15 + 5 * i, text: `一年内成本下降 ${15 + 5 * i}%` },
    }),
    titles: ['年度供货合同', '单厂试点', '升级为完整方案', '新增第二条产品线'],
    competitors: ['恒通', '远大', '华信'],
    benefits: ['补货时间减半', '每月一张发票代替二十张', '库存与需求相符'],
    losses: ['急单继续产生额外费用', '资金仍压在库存里'],
    signalNote: '回复了报价邮件',
    interest: '希望项目计入今年的考核指标',
  },
};
