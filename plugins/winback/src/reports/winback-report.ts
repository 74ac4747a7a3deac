import {
  type Locale,
  type PageDefinition,
  percentText,
  reportOpening,
  reportRange,
} from '@guanxi/core';
import { TIER_LABELS, type Tier } from '@guanxi/plugin-tiering';
import type { WinbackConfig } from '../config';
import { CHURN_KINDS, type ChurnKind } from '../kinds';
import { KIND_LABELS } from '../labels';
import { TIER_RANK } from '../policy';
import { type RateRow, winbackReport } from '../report';
import { REPORT_PHRASES, type ReportPhrases, SHORT_KIND_LABELS } from './phrases';

/** A rate table's columns, after the group's own. */
function rateColumns(words: ReportPhrases) {
  return [
    { key: 'playbooks', label: words.playbooks, numeric: true },
    { key: 'open', label: words.open, numeric: true },
    { key: 'wonBack', label: words.wonBack, numeric: true },
    { key: 'letGo', label: words.letGo, numeric: true },
    { key: 'rate', label: words.rate, numeric: true },
  ];
}

function rateCells(row: RateRow) {
  return {
    playbooks: row.playbooks,
    open: row.open,
    wonBack: row.wonBack,
    letGo: row.letGo,
    rate: percentText(row.winBackRate),
  };
}

const kindLabel = (group: string, locale: Locale) =>
  KIND_LABELS[group as ChurnKind]?.[locale] ?? group;

/** Rows in the order of `groups` (churn kinds, tiers), not of their names. */
const inOrder = (rows: readonly RateRow[], groups: readonly string[]) =>
  [...rows].sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group));

/**
 * The win-back rate of the range's churns by kind and by tier, from the same report the
 * `winback:report` job and route give, read for the range.
 */
export const winbackRateReport: PageDefinition<WinbackConfig> = {
  path: 'winback-report',
  title: { en: REPORT_PHRASES.en.winbackTitle, 'zh-CN': REPORT_PHRASES['zh-CN'].winbackTitle },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = REPORT_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const report = await winbackReport(ctx, range);
    const byKind = inOrder(report.byKind, CHURN_KINDS);
    const byTier = inOrder(report.byTier, Object.keys(TIER_RANK));
    return {
      blocks: [
        ...reportOpening(words.winbackRule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.playbooks, value: report.total.playbooks },
            { label: words.wonBack, value: report.total.wonBack },
            { label: words.rate, value: percentText(report.total.winBackRate) },
            { label: words.letGo, value: report.total.letGo },
            { label: words.churned, value: report.churns },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.rateChart,
          caption: words.rateCaption,
          labels: byKind.map(
            (row) => SHORT_KIND_LABELS[row.group as ChurnKind]?.[locale] ?? row.group,
          ),
          series: [
            { name: words.playbooks, values: byKind.map((row) => row.playbooks) },
            { name: words.wonBack, values: byKind.map((row) => row.wonBack) },
          ],
        },
        {
          kind: 'table',
          id: 'by-kind',
          title: words.byKind,
          columns: [{ key: 'kind', label: words.kind }, ...rateColumns(words)],
          rows: byKind.map((row) => ({ kind: kindLabel(row.group, locale), ...rateCells(row) })),
          empty: words.noPlaybooks,
        },
        {
          kind: 'table',
          id: 'by-tier',
          title: words.byTier,
          columns: [{ key: 'tier', label: words.tier }, ...rateColumns(words)],
          rows: byTier.map((row) => ({
            tier: TIER_LABELS[row.group as Tier]?.[locale] ?? row.group,
            ...rateCells(row),
          })),
          empty: words.noPlaybooks,
        },
        {
          kind: 'table',
          id: 'by-rule',
          title: words.byRule,
          columns: [
            { key: 'rule', label: words.rule },
            { key: 'churns', label: words.churned, numeric: true },
            { key: 'wonBack', label: words.wonBack, numeric: true },
          ],
          rows: report.byRule.map((row) => ({
            rule: row.label[locale],
            churns: row.churns,
            wonBack: row.wonBack,
          })),
          empty: words.noChurns,
        },
      ],
    };
  },
};
