import {
  bucketOf,
  type PageDefinition,
  type PluginContext,
  type ReportBucket,
  type ReportRange,
  rangeBuckets,
  reportOpening,
  reportRange,
} from '@guanxi/core';
import { sql } from 'kysely';
import type { ServiceConfig } from '../config';
import { GAUGE_LABELS } from '../labels';
import { GAUGES, type Gauge } from '../surveys/survey';
import { tablesOf } from '../tables';
import { REPORT_PHRASES } from './phrases';

/** A month's (or year's) surveys with relationship items: their count, and each item's sum and answers. */
interface BucketFigures {
  readonly surveys: number;
  readonly sums: Readonly<Record<Gauge, number>>;
  readonly answers: Readonly<Record<Gauge, number>>;
}

const mean = (sum: number, answers: number) =>
  answers === 0 ? null : Math.round((sum / answers) * 100) / 100;

/** The surveys of the range with any relationship item, by bucket, in one aggregated query. */
async function gaugesByBucket(
  ctx: Pick<PluginContext<ServiceConfig>, 'teamId' | 'db'>,
  range: ReportRange,
  buckets: readonly ReportBucket[],
): Promise<BucketFigures[]> {
  const rows = await tablesOf(ctx)
    .selectFrom('service_surveys')
    .select([
      bucketOf(sql.ref('answered_at'), buckets).as('bucket'),
      sql<number>`count(*)`.as('surveys'),
      ...GAUGES.flatMap((gauge) => [
        sql<number>`coalesce(sum(${sql.ref(gauge)}), 0)`.as(`${gauge}_sum`),
        sql<number>`count(${sql.ref(gauge)})`.as(`${gauge}_n`),
      ]),
    ])
    .where('team_id', '=', ctx.teamId)
    .where('answered_at', '>=', range.from)
    .where('answered_at', '<', range.to)
    .where((eb) => eb.or(GAUGES.map((gauge) => eb(gauge, 'is not', null))))
    .groupBy(sql`bucket`)
    .execute();
  return buckets.map((_, index) => {
    const row = rows.find((each) => Number(each.bucket) === index) as
      | Record<string, number | string>
      | undefined;
    const of = (key: string) => Number(row?.[key] ?? 0);
    return {
      surveys: of('surveys'),
      sums: Object.fromEntries(GAUGES.map((g) => [g, of(`${g}_sum`)])) as Record<Gauge, number>,
      answers: Object.fromEntries(GAUGES.map((g) => [g, of(`${g}_n`)])) as Record<Gauge, number>,
    };
  });
}

/**
 * Relationship quality over time: the four items' mean answers by month (or year) of the
 * range, as a line each, with the table behind the lines.
 */
export const relationshipReport: PageDefinition<ServiceConfig> = {
  path: 'relationship-quality',
  title: { en: REPORT_PHRASES.en.qualityTitle, 'zh-CN': REPORT_PHRASES['zh-CN'].qualityTitle },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = REPORT_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const buckets = rangeBuckets(range, ctx.timeZone);
    const figures = await gaugesByBucket(ctx, range, buckets);
    const answered = buckets
      .map((bucket, index) => ({ bucket, figures: figures[index] as BucketFigures }))
      .filter(({ figures }) => figures.surveys > 0);
    const total = (pick: (figures: BucketFigures) => number) =>
      figures.reduce((sum, each) => sum + pick(each), 0);
    return {
      blocks: [
        ...reportOpening(words.qualityRule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.surveys, value: total((f) => f.surveys) },
            ...GAUGES.map((gauge) => ({
              label: GAUGE_LABELS[gauge][locale],
              value:
                mean(
                  total((f) => f.sums[gauge]),
                  total((f) => f.answers[gauge]),
                ) ?? '—',
            })),
          ],
        },
        {
          kind: 'chart',
          chart: 'line',
          title: words.qualityChart,
          caption: words.qualityCaption,
          labels: answered.map(({ bucket }) => bucket.label),
          series: GAUGES.map((gauge) => ({
            name: GAUGE_LABELS[gauge][locale],
            values: answered.map(
              ({ figures }) => mean(figures.sums[gauge], figures.answers[gauge]) ?? 0,
            ),
          })),
        },
        {
          kind: 'table',
          id: 'by-month',
          title: words.byMonth,
          columns: [
            { key: 'month', label: words.month },
            { key: 'surveys', label: words.surveys, numeric: true },
            ...GAUGES.map((gauge) => ({
              key: gauge,
              label: GAUGE_LABELS[gauge][locale],
              numeric: true,
            })),
          ],
          rows: answered.map(({ bucket, figures }) => ({
            month: bucket.label,
            surveys: figures.surveys,
            ...Object.fromEntries(
              GAUGES.map((gauge) => [gauge, mean(figures.sums[gauge], figures.answers[gauge])]),
            ),
          })),
          empty: words.noSurveys,
        },
      ],
    };
  },
};
