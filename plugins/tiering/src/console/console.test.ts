import type { PageInput, StatsBlock, TableBlock, Viewer } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  customersWithRevenue,
  recompute,
  recordAndPlace,
  type Setup,
  setUp,
} from '../tiering.test-support';

const input = (role: Viewer['role'], locale: PageInput['locale'] = 'en'): PageInput => ({
  locale,
  viewer: { userId: 1, role, actor: 'user:1' },
  query: {},
  purpose: 'page',
});

describe.each(testDialects())('tiering in the console on %s', (dialect) => {
  let s: Setup;
  let ids: number[];

  beforeEach(async () => {
    s = await setUp(dialect);
    // 100 customers with revenue 100…10,000: the default shares give 1 / 19 / 30 / 50.
    ids = await customersWithRevenue(
      s.core,
      s.teamId,
      Array.from({ length: 100 }, (_, i) => (i + 1) * 100),
    );
    await recompute(s.core, s.teamId);
  });
  afterEach(() => s.t.destroy());

  test('the pyramid page counts the plugin’s own tiers in the team’s shares, with its rule', async () => {
    const { blocks } = await s.core.console.render(
      s.teamId,
      'tiering',
      'pyramid',
      input('manager'),
    );
    expect(blocks[0]).toMatchObject({ kind: 'rule' });
    expect((blocks[0] as { text: string }).text).toContain(
      'ranked by revenue and cut in the shares 1 / 19 / 30 / 50 %',
    );
    expect(blocks[2]).toMatchObject({
      kind: 'chart',
      chart: 'pyramid',
      labels: ['Key (important)', 'Key (secondary)', 'Normal', 'Small'],
      series: [{ values: [1, 19, 30, 50] }],
    });
    const table = blocks[3] as TableBlock;
    expect(table.rows[0]).toMatchObject({
      tier: 'Key (important)',
      customers: 1,
      targetShare: '1%',
      value: '100.00',
      strategy: 'Strategic customer: build an alliance',
    });
    // The top customer's 10,000 (minor units) is 2% of the 505,000 all hold.
    expect(table.rows[0]?.valueShare).toBe('2%');
  });

  test('the team’s own shares decide the pyramid, not fixed ones', async () => {
    await s.core.plugins.configure(
      s.teamId,
      'tiering',
      { shares: { important: 0.1, secondary: 0.2, normal: 0.3, small: 0.4 }, hysteresis: 0 },
      'admin',
    );
    await recompute(s.core, s.teamId);
    const { blocks } = await s.core.console.render(
      s.teamId,
      'tiering',
      'pyramid',
      input('admin', 'zh-CN'),
    );
    expect(blocks[2]).toMatchObject({ series: [{ values: [10, 20, 30, 40] }] });
    expect((blocks[0] as { text: string }).text).toContain('10 / 20 / 30 / 40 %');
    expect((blocks[3] as TableBlock).rows.map((row) => row.tier)).toEqual([
      '重要客户',
      '次要客户',
      '普通客户',
      '小客户',
    ]);
  });

  test('the overview widget draws the same pyramid; reps get neither', async () => {
    const [widget] = await s.core.console.widgets(s.teamId, input('manager'));
    expect(widget).toMatchObject({ pluginId: 'tiering', id: 'pyramid', page: 'pyramid' });
    expect(widget?.blocks[0]).toMatchObject({ series: [{ values: [1, 19, 30, 50] }] });
    expect(await s.core.console.widgets(s.teamId, input('rep'))).toEqual([]);
    await expect(
      s.core.console.render(s.teamId, 'tiering', 'pyramid', input('rep')),
    ).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
  });

  test('the tier filter is a subquery of the tier’s customers', async () => {
    const [filter] = await s.core.console.customerFilters(s.teamId, 'zh-CN');
    expect(filter?.key).toBe('tiering.tier');
    expect(filter?.options.map((option) => option.label)).toEqual([
      '重要客户',
      '次要客户',
      '普通客户',
      '小客户',
    ]);
    const secondary = defined(filter?.ids('secondary'));
    const rows = await s.core.db
      .selectFrom('customers')
      .select('id')
      .where(sql<boolean>`id in (${secondary})`)
      .execute();
    expect(rows).toHaveLength(19);
    expect(filter?.ids('gold')).toBeUndefined();
  });

  test('the movements page counts and lists who changed tier since the last recompute, and how', async () => {
    const page = async (query: Record<string, string> = {}, locale: PageInput['locale'] = 'en') =>
      (
        await s.core.console.render(s.teamId, 'tiering', 'movements', {
          ...input('manager', locale),
          query,
        })
      ).blocks;
    // The first recompute moved everyone above the bottom half up from small, where they began.
    const first = await page();
    expect(first[1]).toMatchObject({
      kind: 'stats',
      items: [
        { label: 'Last recompute', value: '2025-01-01 08:00', hint: 'Asia/Shanghai' },
        { label: 'Moved by the recompute', value: 50 },
        { label: 'Moved since, by new orders or scores', value: 0 },
        { label: 'Moved up', value: 50 },
        { label: 'Moved down', value: 0 },
      ],
    });
    expect(first[2]).toMatchObject({
      chart: 'bar',
      series: [{ values: [1, 19, 30, 0] }, { values: [0, 0, 0, 0] }],
    });
    expect((first[3] as TableBlock).rows.at(-1)).toEqual({
      from: 'Small',
      important: 1,
      secondary: 19,
      normal: 30,
      small: '—',
    });
    const listed = first[5] as TableBlock;
    expect(listed.rows).toHaveLength(50);
    expect(listed.next).toBeUndefined();

    const bottom = defined(ids[0]);
    await recordAndPlace(s.core, s.teamId, [
      { customerId: bottom, amount: 2_000_000, placedAt: '2024-12-20' },
    ]);
    const after = await page({ to: 'important' });
    expect((after[1] as StatsBlock).items[2]).toEqual({
      label: 'Moved since, by new orders or scores',
      value: 1,
    });
    const into = after[5] as TableBlock;
    expect(into.rows).toHaveLength(2);
    expect(into.rows[0]).toEqual({
      customer: { text: 'Customer 0', customerId: bottom },
      from: 'Small',
      to: 'Key (important)',
      when: '2025-01-01 08:00',
      how: 'a new order or score',
      value: '20,001.00',
    });
    expect(into.rows[1]).toMatchObject({ how: 'recompute, rank 1' });
    const paged = await page();
    expect((paged[5] as TableBlock).next).toEqual({ after: expect.stringMatching(/^\d+$/) });
    const rest = await page({ after: defined((paged[5] as TableBlock).next?.after) });
    expect((rest[5] as TableBlock).rows).toHaveLength(1);
    const zh = await page({ from: 'gold', after: 'x' }, 'zh-CN');
    expect((zh[5] as TableBlock).rows).toHaveLength(50);
    expect((zh[5] as TableBlock).rows[0]).toMatchObject({ from: '小客户', how: '新订单或新评分' });

    s.t.clock.set('2025-02-01T00:00:00Z');
    await recompute(s.core, s.teamId);
    const again = await page();
    expect((again[1] as StatsBlock).items[0]?.value).toBe('2025-02-01 08:00');
    // The big buyer holds the top; the one they pushed out of it moves down, by rank.
    expect((again[5] as TableBlock).rows).toEqual([
      expect.objectContaining({
        from: 'Key (important)',
        to: 'Key (secondary)',
        how: 'recompute, rank 2',
      }),
    ]);
    expect(
      await s.core.console
        .render(s.teamId, 'tiering', 'movements', input('rep'))
        .catch((e) => e.code),
    ).toBe('GX_ERR_FORBIDDEN');
  });

  test('tier changes come into the customer’s timeline, newest first', async () => {
    const bottom = defined(ids[0]);
    s.t.clock.set('2025-02-01T00:00:00Z');
    await recordAndPlace(s.core, s.teamId, [
      { customerId: bottom, amount: 2_000_000, placedAt: '2025-01-20' },
    ]);
    await recompute(s.core, s.teamId);
    const entries = await s.core.console.timeline(s.teamId, {
      customerId: bottom,
      limit: 10,
      locale: 'en',
    });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({
      kind: 'tier',
      label: 'Tier',
      plugin: 'tiering',
      link: { page: 'pyramid' },
    });
    expect(entries[0]?.text).toMatch(/^Small → Key \(important\) \(/);
    const zh = await s.core.console.timeline(s.teamId, {
      customerId: bottom,
      limit: 10,
      locale: 'zh-CN',
    });
    expect(zh[0]?.text).toMatch(/^小客户 → 重要客户（/);
    const before = await s.core.console.timeline(s.teamId, {
      customerId: bottom,
      limit: 10,
      locale: 'en',
      to: '2025-01-01T00:00:00.000Z',
    });
    expect(before).toEqual([]);
  });
});
