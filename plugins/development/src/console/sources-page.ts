import {
  dayOf,
  formatMoney,
  type PageDefinition,
  pageAction,
  percentText,
  percentValue,
  reportOpening,
  reportRange,
  shareOf,
} from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { winRateBySource } from '../opportunities/reports';
import { agentFeeCustomerSchema, agentFeesDue, settleAgentFee } from '../sources/agent-fees';
import { sourcesReport } from '../sources/report';
import { moneyText } from './money';
import { CONSOLE_PHRASES } from './phrases';
import { centresTable } from './referrals-page';

/**
 * Customers, conversion to active, revenue, margin and win rate by the way the customers were
 * found, over a range; the centres of influence, each with a link to their referral tree; and
 * the agents' fees due, each with a button to mark it paid.
 */
export const sourcesPage: PageDefinition<DevelopmentConfig> = {
  path: 'sources',
  title: { en: CONSOLE_PHRASES.en.sourcesTitle, 'zh-CN': CONSOLE_PHRASES['zh-CN'].sourcesTitle },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = CONSOLE_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const [report, winRates, centres, fees, team] = await Promise.all([
      sourcesReport(ctx, range),
      winRateBySource(ctx, { range }),
      centresTable(ctx, locale),
      agentFeesDue(ctx),
      ctx.core.teams.get(ctx.teamId),
    ]);
    // One row per source: those customers came by in the range, then those only closed deals.
    const rows = [
      ...report.sources.map((source) => ({
        label: source.label[locale],
        source,
        rate: winRates.find((rate) => rate.kind === source.kind),
      })),
      ...winRates
        .filter((rate) => !report.sources.some((source) => source.kind === rate.kind))
        .map((rate) => ({ label: rate.label[locale], source: undefined, rate })),
    ];
    const customers = report.sources.reduce((sum, source) => sum + source.customers, 0);
    const converted = report.sources.reduce((sum, source) => sum + source.converted, 0);
    const feeTotals: Record<string, number> = {};
    for (const agent of fees)
      for (const [currency, minor] of Object.entries(agent.totals))
        feeTotals[currency] = (feeTotals[currency] ?? 0) + minor;
    const money = (minor: number) => formatMoney(minor, team.currency, locale);
    const winShare = (rate: (typeof rows)[number]['rate']) =>
      rate === undefined ? null : shareOf(rate.won, rate.won + rate.lost);
    return {
      blocks: [
        ...reportOpening(words.sourcesRule(ctx.config.sources.centreOfInfluence), range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.cameInRange, value: customers },
            { label: words.converted, value: converted },
            { label: words.conversionRate, value: percentText(shareOf(converted, customers)) },
            { label: words.refused, value: report.refused, hint: words.refusedHint },
            { label: words.centres, value: centres.rows.length },
            { label: words.feesDue, value: moneyText(feeTotals, locale) },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.sourcesChart,
          caption: words.sourcesChartCaption,
          labels: rows.map((row) => row.label),
          series: [
            {
              name: words.conversionRate,
              values: rows.map((row) =>
                percentValue(row.source === undefined ? null : row.source.conversion),
              ),
            },
            { name: words.winRate, values: rows.map((row) => percentValue(winShare(row.rate))) },
          ],
        },
        {
          kind: 'table',
          id: 'by-source',
          title: words.bySource,
          caption: words.bySourceCaption,
          columns: [
            { key: 'source', label: words.source },
            { key: 'customers', label: words.customers, numeric: true },
            { key: 'converted', label: words.converted, numeric: true },
            { key: 'conversion', label: words.conversionRate, numeric: true },
            { key: 'revenue', label: words.revenue, numeric: true },
            { key: 'margin', label: words.margin, numeric: true },
            { key: 'won', label: words.won, numeric: true },
            { key: 'lost', label: words.lost, numeric: true },
            { key: 'winRate', label: words.winRate, numeric: true },
          ],
          rows: rows.map(({ label, source, rate }) => ({
            source: label,
            customers: source?.customers ?? 0,
            converted: source?.converted ?? 0,
            conversion: percentText(source === undefined ? null : source.conversion),
            revenue: money(source?.revenue ?? 0),
            margin: money(source?.margin ?? 0),
            won: rate?.won ?? 0,
            lost: rate?.lost ?? 0,
            winRate: percentText(winShare(rate)),
          })),
          empty: words.noSources,
        },
        centres,
        {
          kind: 'table',
          id: 'agent-fees',
          title: words.fees,
          caption: words.feesCaption,
          columns: [
            { key: 'agent', label: words.agent },
            { key: 'customer', label: words.customer },
            { key: 'amount', label: words.amount, numeric: true },
            { key: 'owed', label: words.owed },
            { key: 'order', label: words.order },
            { key: 'pay', label: '' },
          ],
          rows: fees.flatMap((agent) =>
            agent.fees.map((fee) => ({
              agent: agent.agent,
              customer: { text: fee.customerName, customerId: fee.customerId },
              amount: formatMoney(fee.amount, fee.currency, locale),
              owed: dayOf(fee.owedAt, ctx.timeZone),
              order: `#${fee.orderId}`,
              pay: {
                action: 'mark-paid',
                label: words.markPaid,
                fields: { customerId: String(fee.customerId) },
              },
            })),
          ),
          empty: words.noFees,
        },
      ],
    };
  },
  actions: {
    // The API's rule and role: a fee already paid, or none, is not found.
    'mark-paid': pageAction({
      roles: ['manager', 'admin'],
      input: agentFeeCustomerSchema,
      done: { en: CONSOLE_PHRASES.en.feePaid, 'zh-CN': CONSOLE_PHRASES['zh-CN'].feePaid },
      async run(input, ctx, caller) {
        await settleAgentFee(ctx, input, caller.viewer.actor);
      },
    }),
  },
};
