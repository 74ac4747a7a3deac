import { testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { ladderSchema } from './config';
import { ladderCutoffs, ladderLevel } from './ladder';
import {
  recompute,
  recordAndPlace,
  type Setup,
  setUp,
  tieringTables,
} from './tiering.test-support';

const now = new Date('2025-01-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const defaults = ladderSchema.parse({});

const level = (orderCount: number, first: number | null, last: number | null, config = defaults) =>
  ladderLevel(
    {
      orderCount,
      firstOrderAt: first === null ? null : daysAgo(first),
      lastOrderAt: last === null ? null : daysAgo(last),
    },
    ladderCutoffs(now, config, 'UTC'),
  );

describe('the loyalty ladder', () => {
  test('climbs from potential to loyal with orders and years', () => {
    expect(level(0, null, null)).toBe('potential');
    expect(level(1, 900, 900)).toBe('new');
    expect(level(4, 30, 1)).toBe('new');
    expect(level(2, 90, 10)).toBe('regular');
    expect(level(2, 365, 10)).toBe('old');
    expect(level(5, 730, 180)).toBe('loyal');
  });

  test('loyalty needs every condition: orders, years and a recent order', () => {
    expect(level(4, 900, 10)).toBe('old');
    expect(level(5, 729, 10)).toBe('old');
    expect(level(5, 900, 181)).toBe('old');
  });

  test('follows its configuration', () => {
    const strict = ladderSchema.parse({ regularOrders: 3, newDays: 30, loyalOrders: 10 });
    expect(level(2, 100, 10, strict)).toBe('new');
    expect(level(3, 31, 10, strict)).toBe('regular');
    expect(level(9, 900, 10, strict)).toBe('old');
    expect(level(10, 900, 10, strict)).toBe('loyal');
  });
});

describe('the loyalty ladder counts the team’s days', () => {
  // 00:30 on 2 January in Shanghai; a first order at 23:30 on 4 October there is 90 days back.
  const late = new Date('2025-01-01T16:30:00Z');
  const facts = {
    orderCount: 2,
    firstOrderAt: '2024-10-04T15:30:00Z',
    lastOrderAt: '2024-12-01T00:00:00Z',
  };

  test('a first order 90 days back in Shanghai is no longer new; in UTC it is 89', () => {
    expect(ladderLevel(facts, ladderCutoffs(late, defaults, 'Asia/Shanghai'))).toBe('regular');
    expect(ladderLevel(facts, ladderCutoffs(late, defaults, 'UTC'))).toBe('new');
  });
});

describe.each(testDialects())('the ladder in SQL and in code on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test('the recompute job and the card agree on the team’s days', async () => {
    s = await setUp(dialect, { now: '2025-01-01T16:30:00Z' });
    const { id } = await s.core.customers.create(s.teamId, { kind: 'person', name: 'Mei' });
    await recordAndPlace(s.core, s.teamId, [
      { customerId: id, amount: 100, placedAt: '2024-10-04T23:30:00+08:00' },
      { customerId: id, amount: 100, placedAt: '2024-12-01' },
    ]);
    const stored = async () =>
      (
        await tieringTables(s.core)
          .selectFrom('tiering_values')
          .select('ladder')
          .where('customer_id', '=', id)
          .executeTakeFirstOrThrow()
      ).ladder;
    const shown = async () => {
      const card = await s.core.context.card(s.teamId, { customerId: id }, 'en');
      const panel = card?.card.panels.find((p) => p.plugin === 'tiering');
      return panel?.items[1]?.value;
    };
    await recompute(s.core, s.teamId);
    expect([await stored(), await shown()]).toEqual(['regular', 'Regular']);
    await s.core.teams.update(s.teamId, { timeZone: 'UTC' }, 'test');
    await recompute(s.core, s.teamId);
    expect([await stored(), await shown()]).toEqual(['new', 'New']);
  });
});
