import type { Locale } from '@guanxi/core';

/** The words of the development plugin's console pages. */
export interface ConsolePhrases {
  readonly pipelineTitle: string;
  pipelineRule(stages: string): string;
  readonly owner: string;
  readonly everyone: string;
  readonly open: string;
  readonly openAmount: string;
  readonly weighted: string;
  readonly wonInRange: string;
  readonly lostInRange: string;
  readonly winRate: string;
  readonly winRateHint: string;
  readonly funnel: string;
  readonly funnelCaption: string;
  readonly reached: string;
  toNext(share: string): string;
  readonly byStage: string;
  readonly byStageCaption: string;
  readonly stage: string;
  readonly probability: string;
  readonly count: string;
  readonly amount: string;
  readonly byOwner: string;
  readonly conversion: string;
  readonly conversionCaption: string;
  readonly toNextColumn: string;
  readonly won: string;
  readonly lost: string;
  readonly lostReasons: string;
  readonly lostCaption: string;
  readonly reason: string;
  readonly competitors: string;
  readonly noLost: string;
  readonly openTable: string;
  readonly openCaption: string;
  readonly customer: string;
  readonly title: string;
  readonly closeDay: string;
  readonly overdue: string;
  readonly noOpen: string;
  readonly sourcesTitle: string;
  sourcesRule(centre: number): string;
  readonly cameInRange: string;
  readonly converted: string;
  readonly conversionRate: string;
  readonly refused: string;
  readonly refusedHint: string;
  readonly feesDue: string;
  readonly sourcesChart: string;
  readonly sourcesChartCaption: string;
  readonly bySource: string;
  readonly bySourceCaption: string;
  readonly source: string;
  readonly customers: string;
  readonly revenue: string;
  readonly margin: string;
  readonly noSources: string;
  readonly centres: string;
  readonly centresCaption: string;
  readonly referrals: string;
  readonly tree: string;
  readonly showTree: string;
  readonly noCentres: string;
  readonly fees: string;
  readonly feesCaption: string;
  readonly agent: string;
  readonly owed: string;
  readonly order: string;
  readonly noFees: string;
  readonly markPaid: string;
  readonly feePaid: string;
  readonly referralsTitle: string;
  referralsRule(centre: number): string;
  readonly customerId: string;
  readonly depth: string;
  readonly chooseCustomer: string;
  readonly referredBy: string;
  readonly nobody: string;
  readonly inTree: string;
  readonly centre: string;
  readonly yes: string;
  readonly no: string;
  readonly chain: string;
  readonly chainCaption: string;
  readonly level: string;
  readonly noChain: string;
  readonly brought: string;
  readonly broughtCaption: string;
  readonly cameBy: string;
  readonly noReferrals: string;
  deeper(depth: number): string;
  readonly timelineSource: string;
  readonly timelineReferral: string;
  cameFrom(source: string, referrer: string | null): string;
  referred(name: string): string;
}

export const CONSOLE_PHRASES: Readonly<Record<Locale, ConsolePhrases>> = {
  en: {
    pipelineTitle: 'Pipeline',
    pipelineRule: (stages) =>
      `The successful sales visit, step by step: open opportunities by stage, weighted by each stage’s chance of winning (${stages}); conversion counts the opportunities opened in the range at every stage they reached; won and lost count those closed in the range.`,
    owner: 'Owner',
    everyone: 'Everyone',
    open: 'Open opportunities',
    openAmount: 'Open amount',
    weighted: 'Weighted forecast',
    wonInRange: 'Won in the range',
    lostInRange: 'Lost in the range',
    winRate: 'Win rate',
    winRateHint: 'won ÷ (won + lost), closed in the range',
    funnel: 'From stage to stage',
    funnelCaption:
      'Opportunities opened in the range that reached each stage, with the share that went on to the next.',
    reached: 'Reached',
    toNext: (share) => `${share} went on`,
    byStage: 'Open by stage',
    byStageCaption: 'Amounts by currency; the weighted forecast is amount × the stage’s chance.',
    stage: 'Stage',
    probability: 'Chance',
    count: 'Opportunities',
    amount: 'Amount',
    byOwner: 'Open by owner',
    conversion: 'Conversion between stages',
    conversionCaption: 'After the last stage, the next step is winning.',
    toNextColumn: 'On to the next',
    won: 'Won',
    lost: 'Lost',
    lostReasons: 'Why opportunities were lost',
    lostCaption: 'Lost in the range, by reason, with the competitors they went to.',
    reason: 'Reason',
    competitors: 'Competitors',
    noLost: 'No opportunity was lost in the range.',
    openTable: 'Open opportunities',
    openCaption: 'The one expected to close first first.',
    customer: 'Customer',
    title: 'Title',
    closeDay: 'Expected close',
    overdue: 'overdue',
    noOpen: 'No open opportunity.',
    sourcesTitle: 'Sources',
    sourcesRule: (centre) =>
      `Where customers come from decides what finding them is worth: the customers who came in the range by each way of finding them, those who have bought since (and so became active), their revenue and margin to date, and the win rate of the opportunities closed in the range; a customer whose referrals brought ${centre} or more others is a centre of influence.`,
    cameInRange: 'Customers who came',
    converted: 'Bought (active)',
    conversionRate: 'Conversion',
    refused: 'Sources refused',
    refusedHint: 'given at creation and not accepted; set again on the card',
    feesDue: 'Agents’ fees due',
    sourcesChart: 'Conversion and win rate by source',
    sourcesChartCaption:
      'The share of each source’s customers who have bought, and of its closed opportunities that were won.',
    bySource: 'By source',
    bySourceCaption: 'Revenue and margin are the customers’ own to date.',
    source: 'Source',
    customers: 'Customers',
    revenue: 'Revenue',
    margin: 'Margin',
    noSources: 'No customer came with a recorded source in the range.',
    centres: 'Centres of influence',
    centresCaption: 'The customers whose referrals brought the most others.',
    referrals: 'Referrals',
    tree: 'Referral tree',
    showTree: 'Show the tree',
    noCentres: 'No customer has brought enough others yet.',
    fees: 'Agents’ fees due',
    feesCaption: 'Owed on the first order of a customer an agent brought, not yet paid.',
    agent: 'Agent',
    owed: 'Owed on',
    order: 'Order',
    noFees: 'No fee is due.',
    markPaid: 'Mark paid',
    feePaid: 'The fee is marked paid.',
    referralsTitle: 'Referral tree',
    referralsRule: (centre) =>
      `Referral (介绍法): each customer may name the customer who brought them, so a chain of referrals can be followed up and down; a customer whose referrals brought ${centre} or more others is a centre of influence (“中心开花”).`,
    customerId: 'Customer id',
    depth: 'Levels',
    chooseCustomer: 'Give a customer’s id to see who brought them and whom they brought.',
    referredBy: 'Referred by',
    nobody: 'nobody',
    inTree: 'In the tree',
    centre: 'Centre of influence',
    yes: 'yes',
    no: 'no',
    chain: 'Referral chain',
    chainCaption: 'Who brought whom, from the first referrer down to this customer.',
    level: 'Level',
    noChain: 'Nobody referred this customer.',
    brought: 'The customers they brought',
    broughtCaption: 'Level 1 are the customer’s own referrals, level 2 theirs, and so on.',
    cameBy: 'Came by',
    noReferrals: 'This customer has not referred anybody.',
    deeper: (depth) =>
      `More referrals lie deeper than ${depth} levels: raise the levels to see them.`,
    timelineSource: 'Source',
    timelineReferral: 'Referral',
    cameFrom: (source, referrer) =>
      referrer === null ? `Came by ${source}` : `Came by ${source} from ${referrer}`,
    referred: (name) => `Brought ${name}`,
  },
  'zh-CN': {
    pipelineTitle: '销售管道',
    pipelineRule: (stages) =>
      `成功的销售拜访流程，一步一步：按阶段统计进行中的商机，并按各阶段的赢单概率加权（${stages}）；阶段转化统计区间内新建的商机到过的每个阶段；赢单与丢单统计区间内结束的商机。`,
    owner: '负责人',
    everyone: '全部',
    open: '进行中的商机',
    openAmount: '进行中的金额',
    weighted: '加权预测',
    wonInRange: '区间内赢单',
    lostInRange: '区间内丢单',
    winRate: '赢单率',
    winRateHint: '赢单 ÷（赢单 + 丢单），区间内结束的',
    funnel: '阶段转化',
    funnelCaption: '区间内新建的商机到达各阶段的数量，以及进入下一阶段的比例。',
    reached: '到达',
    toNext: (share) => `${share} 进入下一步`,
    byStage: '按阶段',
    byStageCaption: '金额按币种分列；加权预测 = 金额 × 阶段赢单概率。',
    stage: '阶段',
    probability: '赢单概率',
    count: '商机数',
    amount: '金额',
    byOwner: '按负责人',
    conversion: '阶段之间的转化',
    conversionCaption: '最后一个阶段之后的下一步是赢单。',
    toNextColumn: '进入下一步',
    won: '赢单',
    lost: '丢单',
    lostReasons: '丢单原因',
    lostCaption: '区间内丢掉的商机，按原因统计，并列出输给的竞争对手。',
    reason: '原因',
    competitors: '竞争对手',
    noLost: '区间内没有丢单。',
    openTable: '进行中的商机',
    openCaption: '预计最早成交的排在最前。',
    customer: '客户',
    title: '标题',
    closeDay: '预计成交日',
    overdue: '已逾期',
    noOpen: '没有进行中的商机。',
    sourcesTitle: '客户来源',
    sourcesRule: (centre) =>
      `客户从哪里来，决定了寻找客户的方法值多少：按寻找方法统计区间内来的客户、其中已购买（因而成为活跃客户）的客户、他们至今的销售额与毛利，以及区间内结束的商机的赢单率；转介绍带来 ${centre} 位及以上客户的客户是“中心开花”的中心人物。`,
    cameInRange: '来的客户',
    converted: '已购买（活跃）',
    conversionRate: '转化率',
    refused: '未被接受的来源',
    refusedHint: '创建时填写但未通过检查，可在客户卡片上重新设置',
    feesDue: '应付“猎犬”佣金',
    sourcesChart: '各来源的转化率与赢单率',
    sourcesChartCaption: '各来源的客户中已购买者的比例，及其已结束商机中赢单的比例。',
    bySource: '按来源',
    bySourceCaption: '销售额与毛利为这些客户至今的合计。',
    source: '来源',
    customers: '客户数',
    revenue: '销售额',
    margin: '毛利',
    noSources: '区间内没有记录了来源的新客户。',
    centres: '中心人物',
    centresCaption: '转介绍带来最多其他客户的客户。',
    referrals: '转介绍',
    tree: '转介绍树',
    showTree: '查看转介绍树',
    noCentres: '还没有客户带来足够多的其他客户。',
    fees: '应付“猎犬”佣金',
    feesCaption: '“猎犬”带来的客户首次下单后应付、尚未支付的佣金。',
    agent: '“猎犬”',
    owed: '应付日期',
    order: '订单',
    noFees: '没有应付的佣金。',
    markPaid: '标记为已付',
    feePaid: '佣金已标记为已付。',
    referralsTitle: '转介绍树',
    referralsRule: (centre) =>
      `介绍法：每位客户可以记下介绍他来的客户，于是转介绍的链条可以向上、向下追溯；转介绍带来 ${centre} 位及以上客户的客户是“中心开花”的中心人物。`,
    customerId: '客户编号',
    depth: '层数',
    chooseCustomer: '填写客户编号，查看谁介绍了他、他又介绍了谁。',
    referredBy: '介绍人',
    nobody: '无',
    inTree: '树中客户',
    centre: '中心人物',
    yes: '是',
    no: '否',
    chain: '转介绍链',
    chainCaption: '谁介绍了谁，从最早的介绍人一直到这位客户。',
    level: '层级',
    noChain: '没有人介绍这位客户。',
    brought: '他带来的客户',
    broughtCaption: '第 1 层是这位客户直接介绍的，第 2 层是他们介绍的，依此类推。',
    cameBy: '来源方式',
    noReferrals: '这位客户还没有介绍过别人。',
    deeper: (depth) => `超过 ${depth} 层还有转介绍：增加层数即可查看。`,
    timelineSource: '来源',
    timelineReferral: '转介绍',
    cameFrom: (source, referrer) =>
      referrer === null ? `来源：${source}` : `来源：${source}，介绍人 ${referrer}`,
    referred: (name) => `介绍了 ${name}`,
  },
};
