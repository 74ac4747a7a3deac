import {
  type Block,
  type Locale,
  type PageDefinition,
  queryChoice,
  queryId,
  wallClockOf,
} from '@guanxi/core';
import type { TieringConfig } from '../config';
import { formatValue } from '../format';
import { TIER_LABELS } from '../labels';
import { TIERS, type Tier, tierIndex } from '../tiers';
import { MOVEMENT_PHRASES } from './movement-labels';
import { type MoveCount, moveCounts, moves } from './movements';
import { lastRun } from './tier-counts';

const PAGE_SIZE = 50;
/** A download gives every movement, up to this many. */
const CSV_ROWS = 200_000;

const sum = (counts: readonly MoveCount[], pick: (count: MoveCount) => boolean) =>
  counts.filter(pick).reduce((total, count) => total + count.byRecompute + count.byWrite, 0);

const rose = (count: MoveCount) => tierIndex(count.to) < tierIndex(count.from);

/** Customers who came into each tier from below and from above. */
function intoChart(counts: readonly MoveCount[], locale: Locale): Block {
  const phrases = MOVEMENT_PHRASES[locale];
  const into = (tier: Tier, up: boolean) =>
    sum(counts, (count) => count.to === tier && rose(count) === up);
  return {
    kind: 'chart',
    chart: 'bar',
    title: phrases.chart,
    caption: phrases.chartCaption,
    labels: TIERS.map((tier) => TIER_LABELS[tier][locale]),
    series: [
      { name: phrases.movedUp, values: TIERS.map((tier) => into(tier, true)) },
      { name: phrases.movedDown, values: TIERS.map((tier) => into(tier, false)) },
    ],
  };
}

/** Rows the tiers customers left, columns the tiers they reached. */
function matrix(counts: readonly MoveCount[], locale: Locale): Block {
  const phrases = MOVEMENT_PHRASES[locale];
  return {
    kind: 'table',
    id: 'matrix',
    title: phrases.matrix,
    caption: phrases.matrixCaption,
    columns: [
      { key: 'from', label: phrases.from },
      ...TIERS.map((tier) => ({
        key: tier,
        label: phrases.into(TIER_LABELS[tier][locale]),
        numeric: true,
      })),
    ],
    rows: TIERS.map((from) => ({
      from: TIER_LABELS[from][locale],
      ...Object.fromEntries(
        TIERS.map((to) => [
          to,
          from === to ? '—' : sum(counts, (c) => c.from === from && c.to === to),
        ]),
      ),
    })),
  };
}

/**
 * Who changed tier since the team's last recompute, and how: at the recompute (by rank,
 * past a boundary and the hysteresis margin) or since, on a new order or score. The counts
 * and the table read the team's changes by time (migration 004).
 */
export const movementsPage: PageDefinition<TieringConfig> = {
  path: 'movements',
  title: { en: MOVEMENT_PHRASES.en.page, 'zh-CN': MOVEMENT_PHRASES['zh-CN'].page },
  roles: ['manager', 'admin'],
  async render({ locale, query, purpose }, ctx) {
    const phrases = MOVEMENT_PHRASES[locale];
    const run = await lastRun(ctx);
    if (run === undefined) {
      return {
        blocks: [
          { kind: 'rule', text: phrases.rule },
          { kind: 'stats', items: [{ label: phrases.recomputed, value: phrases.notYet }] },
        ],
      };
    }
    const from = queryChoice(TIERS, query.from);
    const to = queryChoice(TIERS, query.to);
    const after = queryId(query.after);
    const size = purpose === 'csv' ? CSV_ROWS : PAGE_SIZE;
    const [counts, page, team] = await Promise.all([
      moveCounts(ctx, run.ranAt),
      moves(ctx, { since: run.ranAt, from, to }, { after, size: size + 1 }),
      ctx.core.teams.get(ctx.teamId),
    ]);
    const shown = page.slice(0, size);
    const names = await ctx.core.customers.names(
      ctx.teamId,
      shown.map((move) => move.customerId),
    );
    const last = shown.at(-1);
    const tierOptions = TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier][locale] }));
    const when = (at: string) => wallClockOf(at, ctx.timeZone).replace('T', ' ');
    return {
      blocks: [
        { kind: 'rule', text: phrases.rule },
        {
          kind: 'stats',
          items: [
            { label: phrases.recomputed, value: when(run.ranAt), hint: ctx.timeZone },
            { label: phrases.byRecompute, value: counts.reduce((n, c) => n + c.byRecompute, 0) },
            { label: phrases.byWrite, value: counts.reduce((n, c) => n + c.byWrite, 0) },
            { label: phrases.up, value: sum(counts, rose) },
            { label: phrases.down, value: sum(counts, (count) => !rose(count)) },
          ],
        },
        intoChart(counts, locale),
        matrix(counts, locale),
        {
          kind: 'filters',
          fields: [
            { type: 'select', name: 'from', label: phrases.from, options: tierOptions },
            { type: 'select', name: 'to', label: phrases.to, options: tierOptions },
          ],
        },
        {
          kind: 'table',
          id: 'customers',
          title: phrases.customers,
          columns: [
            { key: 'customer', label: phrases.customer },
            { key: 'from', label: phrases.from },
            { key: 'to', label: phrases.to },
            { key: 'when', label: phrases.when },
            { key: 'how', label: phrases.how },
            { key: 'value', label: phrases.value, numeric: true },
          ],
          rows: shown.map((move) => ({
            customer: {
              text: names.get(move.customerId) ?? `#${move.customerId}`,
              customerId: move.customerId,
            },
            from: TIER_LABELS[move.from][locale],
            to: TIER_LABELS[move.to][locale],
            when: when(move.changedAt),
            how:
              move.rank === null ? phrases.onWrite : phrases.rank(move.rank.toLocaleString(locale)),
            value: formatValue(move.value, ctx.config.measure, team.currency, locale),
          })),
          empty: phrases.empty,
          ...(page.length > size && last !== undefined
            ? {
                next: {
                  ...(from === undefined ? {} : { from }),
                  ...(to === undefined ? {} : { to }),
                  after: String(last.id),
                },
              }
            : {}),
        },
      ],
    };
  },
};
