import {
  formatMoney,
  measureTable,
  type PageDefinition,
  percentText,
  reportOpening,
  reportRange,
  shareOf,
  shareTable,
} from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { QUADRANT_LABELS } from '../labels';
import type { Quadrant } from '../measures';
import { attitudeFigures, discountedOrders, quadrantCounts } from './loyalty-figures';
import { REPORT_PHRASES } from './phrases';

const QUADRANTS: readonly Quadrant[] = ['loyal', 'latent', 'spurious', 'not_loyal'];

const perBuyer = (value: number, buyers: number) =>
  buyers === 0 ? null : Math.round((value / buyers) * 100) / 100;

/**
 * The loyalty measures of the range (repeat purchases, choosing time, attitude to
 * competitors, tolerance of quality problems, price sensitivity, spend), each with its basis
 * and source, and the four kinds of loyalty of the customers surveyed in it.
 */
export const loyaltyReport: PageDefinition<LoyaltyConfig> = {
  path: 'loyalty-report',
  title: { en: REPORT_PHRASES.en.title, 'zh-CN': REPORT_PHRASES['zh-CN'].title },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = REPORT_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const [orders, attitudes, discounted, kinds, team] = await Promise.all([
      ctx.core.orders.summary(ctx.teamId, range),
      attitudeFigures(ctx, range),
      discountedOrders(ctx, range),
      quadrantCounts(ctx, range),
      ctx.core.teams.get(ctx.teamId),
    ]);
    const again = orders.buyers - orders.byOrders[0];
    const priceShare = shareOf(discounted, orders.orders);
    const measure = (label: string, value: string, basis: string, source: string) => ({
      label,
      value,
      basis,
      source,
    });
    return {
      blocks: [
        ...reportOpening(words.rule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.buyers, value: orders.buyers },
            { label: words.boughtAgain, value: percentText(shareOf(again, orders.buyers)) },
            { label: words.discounted, value: percentText(priceShare) },
            { label: words.surveyed, value: attitudes.answered },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.chart,
          caption: words.chartCaption,
          labels: [...words.orderBands],
          series: [{ name: words.buyers, values: [...orders.byOrders] }],
        },
        measureTable(
          { id: 'measures', title: words.measures },
          [
            measure(
              words.repeats,
              words.repeatsValue(perBuyer(orders.orders - orders.buyers, orders.buyers)),
              words.ofBuyers(orders.buyers),
              words.fromOrders,
            ),
            measure(
              words.boughtAgainShare,
              percentText(shareOf(again, orders.buyers)),
              words.ofBuyers(orders.buyers),
              words.fromOrders,
            ),
            measure(
              words.choosing,
              words.days(attitudes.choosingDays.mean),
              words.ofAnswers(attitudes.choosingDays.answered),
              words.fromSurveys,
            ),
            measure(
              words.competitors,
              words.outOfFive(attitudes.competitors.mean),
              words.ofAnswers(attitudes.competitors.answered),
              words.fromSurveys,
            ),
            measure(
              words.tolerance,
              words.outOfFive(attitudes.qualityTolerance.mean),
              words.ofAnswers(attitudes.qualityTolerance.answered),
              words.fromSurveys,
            ),
            measure(
              words.priceSensitivity,
              percentText(priceShare),
              words.ofOrders(orders.orders),
              words.fromFlags,
            ),
            measure(
              words.spend,
              orders.buyers === 0
                ? '—'
                : formatMoney(Math.round(orders.revenue / orders.buyers), team.currency, locale),
              words.ofBuyers(orders.buyers),
              words.fromOrders,
            ),
          ],
          locale,
        ),
        shareTable(
          { id: 'kinds', title: words.kinds, caption: words.kindsCaption },
          words.kind,
          QUADRANTS.map((kind) => ({
            label: QUADRANT_LABELS[kind][locale],
            customers: kinds[kind],
            meaning: words.meanings[kind],
          })),
          locale,
        ),
      ],
    };
  },
};
