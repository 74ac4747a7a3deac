import {
  type Block,
  type Locale,
  localTimeText,
  type PageDefinition,
  type PluginContext,
  type WidgetDefinition,
} from '@guanxi/core';
import type { TieringConfig } from '../config';
import { formatValue } from '../format';
import { measureLabel, STRATEGY_LABELS, TIER_LABELS } from '../labels';
import type { Strategy, Tier } from '../tiers';
import { CONSOLE_PHRASES } from './labels';
import { lastRun, type TierCount, tierCounts } from './tier-counts';

/** The strategy each tier's customers get while they are customers (seed 001). */
const TIER_STRATEGY: Readonly<Record<Tier, Strategy>> = {
  important: 'strategic',
  secondary: 'main',
  normal: 'transactional',
  small: 'transactional',
};

const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 100);

/** The pyramid as a chart: each tier's customers, with its share of the team's value. */
function pyramidChart(counts: readonly TierCount[], measure: string, locale: Locale): Block {
  const phrases = CONSOLE_PHRASES[locale];
  const total = counts.reduce((sum, count) => sum + count.value, 0);
  return {
    kind: 'chart',
    chart: 'pyramid',
    title: phrases.chart,
    caption: phrases.chartCaption(measure),
    labels: counts.map((count) => TIER_LABELS[count.tier][locale]),
    series: [{ name: phrases.customers, values: counts.map((count) => count.customers) }],
    notes: counts.map((count) => phrases.valueShare(percent(count.value, total))),
  };
}

async function pyramid(ctx: PluginContext<TieringConfig>, locale: Locale) {
  const [counts, run, team] = await Promise.all([
    tierCounts(ctx),
    lastRun(ctx),
    ctx.core.teams.get(ctx.teamId),
  ]);
  const measure = measureLabel(ctx.config.measure)[locale];
  return { counts, run, currency: team.currency, measure };
}

/**
 * The team's pyramid from the plugin's own tiers and the team's configured shares: the rule
 * it follows, how many are ranked and when, the chart, and each tier's figures and strategy.
 */
export const pyramidPage: PageDefinition<TieringConfig> = {
  path: 'pyramid',
  title: { en: CONSOLE_PHRASES.en.page, 'zh-CN': CONSOLE_PHRASES['zh-CN'].page },
  roles: ['manager', 'admin'],
  async render({ locale }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const { counts, run, currency, measure } = await pyramid(ctx, locale);
    const { shares } = ctx.config;
    const sharesText = `${[shares.important, shares.secondary, shares.normal, shares.small]
      .map((share) => Math.round(share * 1000) / 10)
      .join(' / ')} %`;
    const customers = counts.reduce((sum, count) => sum + count.customers, 0);
    const value = counts.reduce((sum, count) => sum + count.value, 0);
    const money = (v: number) => formatValue(v, ctx.config.measure, currency, locale);
    return {
      blocks: [
        { kind: 'rule', text: phrases.rule(measure, sharesText) },
        {
          kind: 'stats',
          items: [
            { label: phrases.ranked, value: customers },
            { label: phrases.measure, value: measure },
            {
              label: phrases.recomputed,
              value: run === undefined ? phrases.notYet : localTimeText(run.ranAt, ctx.timeZone),
            },
          ],
        },
        pyramidChart(counts, measure, locale),
        {
          kind: 'table',
          id: 'tiers',
          title: phrases.tiers,
          columns: [
            { key: 'tier', label: phrases.tier },
            { key: 'customers', label: phrases.customers, numeric: true },
            { key: 'customerShare', label: phrases.customerShare, numeric: true },
            { key: 'targetShare', label: phrases.targetShare, numeric: true },
            { key: 'value', label: phrases.value, numeric: true },
            { key: 'valueShare', label: phrases.valueShareColumn, numeric: true },
            { key: 'strategy', label: phrases.strategy },
          ],
          rows: counts.map((count) => ({
            tier: TIER_LABELS[count.tier][locale],
            customers: count.customers,
            customerShare: `${percent(count.customers, customers)}%`,
            targetShare: `${Math.round(shares[count.tier] * 1000) / 10}%`,
            value: money(count.value),
            valueShare: `${percent(count.value, value)}%`,
            strategy: STRATEGY_LABELS[TIER_STRATEGY[count.tier]][locale],
          })),
          empty: phrases.empty,
        },
      ],
    };
  },
};

/** The pyramid on the team's overview. */
export const pyramidWidget: WidgetDefinition<TieringConfig> = {
  id: 'pyramid',
  title: { en: CONSOLE_PHRASES.en.widget, 'zh-CN': CONSOLE_PHRASES['zh-CN'].widget },
  roles: ['manager', 'admin'],
  page: 'pyramid',
  async render({ locale }, ctx) {
    const { counts, measure } = await pyramid(ctx, locale);
    return [pyramidChart(counts, measure, locale)];
  },
};
