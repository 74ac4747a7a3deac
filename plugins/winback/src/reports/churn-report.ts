import { type PageDefinition, reportOpening, reportRange, type TableColumn } from '@guanxi/core';
import { TIER_LABELS, type Tier } from '@guanxi/plugin-tiering';
import { sql } from 'kysely';
import type { WinbackConfig } from '../config';
import { CHURN_KINDS, type ChurnKind } from '../kinds';
import { KIND_LABELS } from '../labels';
import { TIER_RANK, tierName } from '../policy';
import { churnsIn } from '../report';
import { REPORT_PHRASES, SHORT_KIND_LABELS } from './phrases';

const TIERS = Object.keys(TIER_RANK) as Tier[];
/** The kinds a customer leaves by of their own accord; the rest are passive churn. */
const ACTIVE: readonly ChurnKind[] = ['natural', 'competitive', 'fault'];

interface KindFigures {
  readonly byTier: Readonly<Record<Tier, number>>;
  readonly churned: number;
  readonly wonBack: number;
}

/**
 * The range's churns by kind and by the tier the customer had when they left, with how many
 * have been won back since: the rule, the range, the figures, a chart and the table.
 */
export const churnReport: PageDefinition<WinbackConfig> = {
  path: 'churn-report',
  title: { en: REPORT_PHRASES.en.churnTitle, 'zh-CN': REPORT_PHRASES['zh-CN'].churnTitle },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = REPORT_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const rows = await churnsIn(ctx, range)
      .select([
        'kind',
        'tier',
        sql<number>`count(*)`.as('n'),
        sql<number>`count(won_back_at)`.as('won'),
      ])
      .groupBy(['kind', 'tier'])
      .execute();
    const figures = (kinds: readonly ChurnKind[]): KindFigures => {
      const mine = rows.filter((row) => kinds.includes(row.kind));
      const byTier = Object.fromEntries(
        TIERS.map((tier) => [
          tier,
          mine
            .filter((row) => tierName(row.tier) === tier)
            .reduce((sum, row) => sum + Number(row.n), 0),
        ]),
      ) as Record<Tier, number>;
      return {
        byTier,
        churned: TIERS.reduce((sum, tier) => sum + byTier[tier], 0),
        wonBack: mine.reduce((sum, row) => sum + Number(row.won), 0),
      };
    };
    const byKind = CHURN_KINDS.map((kind) => ({ kind, ...figures([kind]) }));
    const all = figures(CHURN_KINDS);
    const row = (kind: string, type: string, each: KindFigures) => ({
      kind,
      type,
      ...each.byTier,
      churned: each.churned,
      wonBack: each.wonBack,
    });
    const columns: TableColumn[] = [
      { key: 'kind', label: words.kind },
      { key: 'type', label: words.type },
      ...TIERS.map((tier) => ({ key: tier, label: TIER_LABELS[tier][locale], numeric: true })),
      { key: 'churned', label: words.total, numeric: true },
      { key: 'wonBack', label: words.wonBackSince, numeric: true },
    ];
    return {
      blocks: [
        ...reportOpening(words.churnRule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.churned, value: all.churned },
            { label: words.keyChurned, value: all.byTier.important + all.byTier.secondary },
            { label: words.wonBackSince, value: all.wonBack },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.churnChart,
          caption: words.churnCaption,
          labels: CHURN_KINDS.map((kind) => SHORT_KIND_LABELS[kind][locale]),
          series: TIERS.map((tier) => ({
            name: TIER_LABELS[tier][locale],
            values: byKind.map((each) => each.byTier[tier]),
          })),
        },
        {
          kind: 'table',
          id: 'by-kind',
          title: words.byKind,
          columns,
          rows:
            all.churned === 0
              ? []
              : [
                  ...byKind.map((each) =>
                    row(
                      KIND_LABELS[each.kind][locale],
                      ACTIVE.includes(each.kind) ? words.active : words.passive,
                      each,
                    ),
                  ),
                  row(words.allKinds, '', all),
                ],
          empty: words.noChurns,
        },
      ],
    };
  },
};
