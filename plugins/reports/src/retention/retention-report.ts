import {
  type MeasureRow,
  measureTable,
  type PageDefinition,
  type PluginContext,
  percentText,
  percentValue,
  type ReportRange,
  reportOpening,
  reportRange,
  shareOf,
} from '@guanxi/core';
import { returnRate, type ServiceMeasures } from '@guanxi/plugin-service';
import { offRow, SOURCE_NAMES, sourcesOf } from '../sources';
import { RETENTION_PHRASES } from './phrases';

/**
 * Of the customers who complained about product quality in the range, how many ordered
 * again after their first such complaint: tolerance of quality problems, from what they did.
 */
async function stayedAfterQuality(
  ctx: Pick<PluginContext, 'teamId' | 'core'>,
  service: ServiceMeasures,
  range: ReportRange,
): Promise<{ complained: number; stayed: number }> {
  const first = await service.qualityComplaints(range);
  const facts = await ctx.core.facts.many(ctx.teamId, [...first.keys()]);
  const stayed = facts.filter(
    (f) => f.lastOrderAt !== null && f.lastOrderAt > (first.get(f.customerId) ?? f.lastOrderAt),
  ).length;
  return { complained: first.size, stayed };
}

/**
 * The retention indicators of the range: repeat purchases and attention from the core's
 * orders and interactions, needs met, share of wallet and quality complaints through the
 * service plugin, choosing time, price sensitivity and tolerance through the loyalty plugin.
 */
export const retentionReport: PageDefinition<unknown> = {
  path: 'retention',
  title: { en: RETENTION_PHRASES.en.title, 'zh-CN': RETENTION_PHRASES['zh-CN'].title },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = RETENTION_PHRASES[locale];
    const sources = SOURCE_NAMES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const { service, loyalty } = await sourcesOf(ctx);
    const [orders, inTouch, surveys, quality, attitudes, discounted] = await Promise.all([
      ctx.core.orders.summary(ctx.teamId, range),
      ctx.core.orders.buyersInTouch(ctx.teamId, range),
      service?.surveys(range),
      service && stayedAfterQuality(ctx, service, range),
      loyalty?.attitudes(range),
      loyalty?.discountedOrders(range),
    ]);
    const repeat = returnRate(orders.returning, orders.buyers);
    const attention = shareOf(inTouch, orders.buyers);
    const price = discounted === undefined ? null : shareOf(discounted, orders.orders);
    const stayed = quality === undefined ? null : shareOf(quality.stayed, quality.complained);
    const rows: MeasureRow[] = [
      {
        label: words.repeat,
        value: percentText(repeat),
        basis: words.buyersOf(orders.buyers),
        source: sources.orders,
      },
      surveys === undefined
        ? offRow(words.needsMet, 'service', locale)
        : {
            label: words.needsMet,
            value: words.percentMean(surveys.needsMet.mean),
            basis: words.answers(surveys.needsMet.answered),
            source: sources.question(words.needsQuestion),
          },
      {
        label: words.attention,
        value: percentText(attention),
        basis: words.buyersOf(orders.buyers),
        source: sources.interactions,
      },
      attitudes === undefined
        ? offRow(words.choosing, 'loyalty', locale)
        : {
            label: words.choosing,
            value: words.days(attitudes.choosingDays.mean),
            basis: words.answers(attitudes.choosingDays.answered),
            source: sources.attitudes,
          },
      discounted === undefined
        ? offRow(words.price, 'loyalty', locale)
        : {
            label: words.price,
            value: percentText(price),
            basis: words.ordersOf(orders.orders),
            source: sources.discounts,
          },
      quality === undefined
        ? offRow(words.toleranceData, 'service', locale)
        : {
            label: words.toleranceData,
            value: percentText(stayed),
            basis: words.complainersOf(quality.complained),
            source: sources.qualityComplaints,
          },
      attitudes === undefined
        ? offRow(words.toleranceSurvey, 'loyalty', locale)
        : {
            label: words.toleranceSurvey,
            value: words.outOfFive(attitudes.qualityTolerance.mean),
            basis: words.answers(attitudes.qualityTolerance.answered),
            source: sources.attitudes,
          },
      surveys === undefined
        ? offRow(words.wallet, 'service', locale)
        : {
            label: words.wallet,
            value: words.percentMean(surveys.walletShare.mean),
            basis: words.answers(surveys.walletShare.answered),
            source: sources.question(words.walletQuestion),
          },
    ];
    const percentMean = (mean: number | null | undefined) => mean ?? 0;
    return {
      blocks: [
        ...reportOpening(words.rule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.buyers, value: orders.buyers },
            { label: words.cameBack, value: percentText(repeat) },
            {
              label: words.shareOfWallet,
              value: words.percentMean(surveys?.walletShare.mean ?? null),
            },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.chart,
          caption: words.chartCaption,
          labels: [...words.short],
          series: [
            {
              name: words.percent,
              values: [
                percentValue(repeat),
                percentMean(surveys?.needsMet.mean),
                percentValue(attention),
                percentValue(price),
                percentValue(stayed),
                percentMean(surveys?.walletShare.mean),
              ],
            },
          ],
        },
        measureTable({ id: 'indicators', title: words.indicators }, rows, locale),
      ],
    };
  },
};
