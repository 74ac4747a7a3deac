import { dayOf, type PageDefinition, queryChoice, queryId, wallClockOf } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { CONSOLE_PHRASES } from './labels';
import {
  comingDays,
  customersLosing,
  expiries,
  latestRedemptions,
  soonestExpiring,
} from './programme';

const PAGE_SIZE = 50;
/** A download gives every row, up to this many. */
const CSV_ROWS = 100_000;
/** How far ahead the expiries may look, in days; the first is the default. */
const HORIZONS = ['30', '7', '90', '365'] as const;

/**
 * Redemptions and expiries to come: the latest redemptions, and the unspent points that
 * lapse in the coming days (by day, and the customers who lose points first).
 */
export const redemptionsPage: PageDefinition<LoyaltyConfig> = {
  path: 'redemptions',
  title: { en: CONSOLE_PHRASES.en.redemptions, 'zh-CN': CONSOLE_PHRASES['zh-CN'].redemptions },
  roles: ['manager', 'admin'],
  async render({ locale, query, purpose }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const days = Number(queryChoice(HORIZONS, query.days) ?? HORIZONS[0]);
    const range = comingDays(ctx, days);
    const size = purpose === 'csv' ? CSV_ROWS : PAGE_SIZE;
    const [redeemed, lapsing, losing, first] = await Promise.all([
      latestRedemptions(ctx, { after: queryId(query.after), size: size + 1 }),
      expiries(ctx, range),
      customersLosing(ctx, range),
      soonestExpiring(ctx, range, size),
    ]);
    const shown = redeemed.slice(0, size);
    const names = await ctx.core.customers.names(ctx.teamId, [
      ...shown.map((row) => row.customerId),
      ...first.map((row) => row.customerId),
    ]);
    const customer = (customerId: number) => ({
      text: names.get(customerId) ?? `#${customerId}`,
      customerId,
    });
    const last = shown.at(-1);
    const points = lapsing.reduce((sum, each) => sum + each.points, 0);
    return {
      blocks: [
        { kind: 'rule', text: phrases.redemptionsRule(ctx.config.expiryDays) },
        {
          kind: 'table',
          id: 'redemptions',
          title: phrases.recent,
          columns: [
            { key: 'when', label: phrases.when },
            { key: 'customer', label: phrases.customer },
            { key: 'reward', label: phrases.reward },
            { key: 'points', label: phrases.points, numeric: true },
            { key: 'by', label: phrases.by },
          ],
          rows: shown.map((row) => ({
            when: wallClockOf(row.at, ctx.timeZone).replace('T', ' '),
            customer: customer(row.customerId),
            reward: row.reward,
            points: row.points,
            by: row.actor,
          })),
          empty: phrases.noRedemptions,
          ...(redeemed.length > size && last !== undefined
            ? { next: { days: String(days), after: String(last.id) } }
            : {}),
        },
        { kind: 'heading', text: phrases.expiryDays },
        {
          kind: 'filters',
          fields: [
            {
              type: 'select',
              name: 'days',
              label: phrases.within,
              required: true,
              options: HORIZONS.map((each) => ({ value: each, label: phrases.days(Number(each)) })),
            },
          ],
        },
        {
          kind: 'stats',
          items: [
            { label: phrases.expiring, value: points },
            { label: phrases.expiringCustomers, value: losing },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: phrases.expiryChart,
          caption: phrases.expiryChartCaption,
          labels: lapsing.map((each) => dayOf(each.expiresAt, ctx.timeZone)),
          series: [{ name: phrases.points, values: lapsing.map((each) => each.points) }],
        },
        {
          kind: 'table',
          id: 'expiring',
          title: phrases.soonest,
          columns: [
            { key: 'customer', label: phrases.customer },
            { key: 'lapse', label: phrases.expiresOn },
            { key: 'points', label: phrases.points, numeric: true },
          ],
          rows: first.map((row) => ({
            customer: customer(row.customerId),
            lapse: dayOf(row.expiresAt, ctx.timeZone),
            points: row.points,
          })),
          empty: ctx.config.expiryDays === 0 ? phrases.neverExpire : phrases.noExpiries,
        },
      ],
    };
  },
};
