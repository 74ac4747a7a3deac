import {
  formatMoney,
  type MeasureRow,
  measureTable,
  type PageDefinition,
  percentText,
  percentValue,
  reportOpening,
  reportRange,
  shareOf,
} from '@guanxi/core';
import { complaintRate, returnRate } from '@guanxi/plugin-service';
import { offRow, SOURCE_NAMES, sourcesOf } from '../sources';
import { SATISFACTION_PHRASES } from './phrases';

/**
 * Customer satisfaction by its six measures over the range, each saying the source it is
 * read from: surveys and complaints through the service plugin, discount flags through the
 * loyalty plugin, orders from the core.
 */
export const satisfactionReport: PageDefinition<unknown> = {
  path: 'satisfaction',
  title: { en: SATISFACTION_PHRASES.en.title, 'zh-CN': SATISFACTION_PHRASES['zh-CN'].title },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = SATISFACTION_PHRASES[locale];
    const sources = SOURCE_NAMES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const { service, loyalty } = await sourcesOf(ctx);
    const [orders, surveys, complaints, discounted, team] = await Promise.all([
      ctx.core.orders.summary(ctx.teamId, range),
      service?.surveys(range),
      service?.complaints(range),
      loyalty?.discountedOrders(range),
      ctx.core.teams.get(ctx.teamId),
    ]);
    const money = (minor: number) => formatMoney(minor, team.currency, locale);
    const promoters = surveys && shareOf(surveys.nps.promoters, surveys.nps.responses);
    const byName = surveys && shareOf(surveys.byName.yes, surveys.byName.answered);
    const returned = returnRate(orders.returning, orders.buyers);
    const perHundred = complaints && complaintRate(complaints.opened, orders.buyers);
    const price = discounted === undefined ? undefined : shareOf(discounted, orders.orders);
    const rows: MeasureRow[] = [
      surveys === undefined
        ? offRow(words.reputation, 'service', locale)
        : {
            label: words.reputation,
            value: words.nps(surveys.nps.score, percentText(promoters ?? null)),
            basis: words.answers(surveys.nps.responses),
            source: sources.nps,
          },
      surveys === undefined
        ? offRow(words.byName, 'service', locale)
        : {
            label: words.byName,
            value: percentText(byName ?? null),
            basis: words.answers(surveys.byName.answered),
            source: sources.question(words.byNameQuestion),
          },
      {
        label: words.returnRate,
        value: percentText(returned),
        basis: words.buyersOf(orders.buyers),
        source: sources.orders,
      },
      complaints === undefined
        ? offRow(words.complaintRate, 'service', locale)
        : {
            label: words.complaintRate,
            value: words.per100(perHundred ?? null),
            basis: words.complaintsOf(complaints.opened, orders.buyers),
            source: sources.complaints,
          },
      {
        label: words.purchases,
        value:
          orders.buyers === 0
            ? '—'
            : words.purchasesValue(
                money(orders.revenue),
                money(Math.round(orders.revenue / orders.buyers)),
              ),
        basis: words.ordersOf(orders.orders),
        source: sources.orders,
      },
      price === undefined
        ? offRow(words.priceSensitivity, 'loyalty', locale)
        : {
            label: words.priceSensitivity,
            value: percentText(price),
            basis: words.ordersOf(orders.orders),
            source: sources.discounts,
          },
    ];
    return {
      blocks: [
        ...reportOpening(words.rule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.csat, value: words.outOfFive(surveys?.csat.average ?? null) },
            {
              label: words.satisfied,
              value: percentText(
                surveys ? shareOf(surveys.csat.satisfied, surveys.csat.responses) : null,
              ),
            },
            { label: words.buyers, value: orders.buyers },
            { label: words.complaints, value: complaints?.opened ?? '—' },
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
                percentValue(promoters ?? null),
                percentValue(byName ?? null),
                percentValue(returned),
                perHundred ?? 0,
                percentValue(price ?? null),
              ],
            },
          ],
        },
        measureTable({ id: 'measures', title: words.measures }, rows, locale),
      ],
    };
  },
};
