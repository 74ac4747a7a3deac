import { type PageDefinition, queryChoice, queryId } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { levelLabel } from '../labels';
import { CONSOLE_PHRASES } from './labels';
import { levelCounts, members } from './programme';

const PAGE_SIZE = 50;
/** A download gives every member, up to this many. */
const CSV_ROWS = 200_000;

/**
 * Members by level: the team's levels with their thresholds and multipliers, how many
 * customers each holds and the points they hold, and a level's members, a page at a time.
 */
export const membersPage: PageDefinition<LoyaltyConfig> = {
  path: 'members',
  title: { en: CONSOLE_PHRASES.en.members, 'zh-CN': CONSOLE_PHRASES['zh-CN'].members },
  roles: ['manager', 'admin'],
  async render({ locale, query, purpose }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const { thresholds: levels, basis, periodDays } = ctx.config.levels;
    const label = (id: string) => levelLabel(levels, id, locale);
    const level = queryChoice(
      levels.map((each) => each.id),
      query.level,
    );
    const size = purpose === 'csv' ? CSV_ROWS : PAGE_SIZE;
    const [counts, page] = await Promise.all([
      levelCounts(ctx),
      members(ctx, level, { after: queryId(query.after), size: size + 1 }),
    ]);
    const shown = page.slice(0, size);
    const names = await ctx.core.customers.names(
      ctx.teamId,
      shown.map((member) => member.customerId),
    );
    const countOf = (id: string) => counts.find((count) => count.level === id);
    const last = shown.at(-1);
    return {
      blocks: [
        { kind: 'rule', text: phrases.membersRule(phrases.basis[basis], periodDays) },
        {
          kind: 'chart',
          chart: 'bar',
          title: phrases.byLevel,
          caption: phrases.byLevelCaption,
          labels: levels.map((each) => label(each.id)),
          series: [
            {
              name: phrases.memberCount,
              values: levels.map((each) => countOf(each.id)?.members ?? 0),
            },
          ],
        },
        {
          kind: 'table',
          id: 'levels',
          title: phrases.levels,
          columns: [
            { key: 'level', label: phrases.level },
            { key: 'threshold', label: phrases.threshold, numeric: true },
            { key: 'multiplier', label: phrases.multiplier, numeric: true },
            { key: 'members', label: phrases.memberCount, numeric: true },
            { key: 'points', label: phrases.pointsHeld, numeric: true },
          ],
          rows: levels.map((each) => ({
            level: { text: label(each.id), link: { page: 'members', query: { level: each.id } } },
            threshold: each.threshold,
            multiplier: `× ${each.multiplier}`,
            members: countOf(each.id)?.members ?? 0,
            points: countOf(each.id)?.points ?? 0,
          })),
        },
        {
          kind: 'filters',
          fields: [
            {
              type: 'select',
              name: 'level',
              label: phrases.level,
              options: levels.map((each) => ({ value: each.id, label: label(each.id) })),
            },
          ],
        },
        {
          kind: 'table',
          id: 'members',
          title: phrases.memberList,
          columns: [
            { key: 'customer', label: phrases.customer },
            { key: 'level', label: phrases.level },
            { key: 'balance', label: phrases.balance, numeric: true },
            { key: 'earned', label: phrases.earned, numeric: true },
          ],
          rows: shown.map((member) => ({
            customer: {
              text: names.get(member.customerId) ?? `#${member.customerId}`,
              customerId: member.customerId,
            },
            level: label(member.level),
            balance: member.balance,
            earned: member.earned,
          })),
          empty: phrases.noMembers,
          ...(page.length > size && last !== undefined
            ? {
                next: {
                  ...(level === undefined ? {} : { level }),
                  after: String(last.customerId),
                },
              }
            : {}),
        },
      ],
    };
  },
};
