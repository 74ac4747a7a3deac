import type { Core, CustomerCard, Locale } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import {
  customersWithRevenue,
  heard,
  recompute,
  recordAndPlace,
  type Setup,
  setUp,
  tieringTables,
} from '../tiering.test-support';

async function card(core: Core, teamId: number, customerId: number, locale: Locale = 'en') {
  const found = defined(await core.context.card(teamId, { customerId }, locale), 'card');
  return found.card;
}

const panelOf = (shown: CustomerCard) => defined(shown.panels.find((p) => p.plugin === 'tiering'));
const item = (shown: CustomerCard, label: string) =>
  panelOf(shown).items.find((i) => i.label === label)?.value;

/** 100 customers by revenue, customer i worth 100 × (100 − i) minor units, ranked. */
async function rankedTeam(dialect: Setup['t']['dialect']) {
  const s = await setUp(dialect);
  const ids = await customersWithRevenue(
    s.core,
    s.teamId,
    Array.from({ length: 100 }, (_, i) => 100 * (100 - i)),
  );
  await recompute(s.core, s.teamId);
  return { s, ids };
}

describe.each(testDialects())('the tier panel on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test('says why the customer is in its tier, in both languages', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const top = await card(s.core, s.teamId, ranked.ids[0] as number);
    expect(panelOf(top).title).toBe('Tier');
    expect(top.slots.tier).toEqual({
      value: 'important',
      label: 'Key (important)',
      why: 'rank 1 of 100 by revenue; the key/important boundary is 100.00',
      rank: 1,
      of: 100,
      strategy: 'strategic',
      pending: false,
    });
    expect(item(top, 'Value')).toBe('100.00 (revenue)');
    expect(item(top, 'Rank')).toBe('1 of 100');
    expect(item(top, 'Changed')).toBe('2025-01-01, from Small');
    const zh = await card(s.core, s.teamId, ranked.ids[30] as number, 'zh-CN');
    expect(panelOf(zh).title).toBe('客户等级');
    expect(zh.slots.tier).toMatchObject({
      value: 'normal',
      label: '普通客户',
      why: '按销售额排名第 31 名，共 100 名；普通客户门槛为 51.00',
      rank: 31,
    });
    const bottom = await card(s.core, s.teamId, ranked.ids[99] as number);
    expect(bottom.slots.tier?.why).toBe('rank 100 of 100 by revenue; the normal boundary is 51.00');
  });

  test('shows the change a tier:changed event carried, and a later rank estimate', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const riser = ranked.ids[60] as number;
    await recordAndPlace(s.core, s.teamId, [
      { customerId: riser, amount: 5_000, placedAt: '2024-12-01' },
    ]);
    const shown = await card(s.core, s.teamId, riser);
    // 4,000 + 5,000 = 9,000, level with the 11th customer, who is older: 12th, key/secondary.
    expect(shown.slots.tier).toMatchObject({
      value: 'secondary',
      rank: 12,
      of: 100,
      why: 'rank 12 of 100 by revenue; the key/secondary boundary is 81.00',
    });
    expect(heard.at(-1)).toMatchObject({
      customerId: riser,
      from: 'small',
      to: 'secondary',
      value: 9_000,
      threshold: 8_100,
    });
    expect(item(shown, 'Changed')).toBe('2025-01-01, from Small');
  });

  test('says the tier is pending until the background pass has placed the buyer, in both languages', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const riser = ranked.ids[60] as number;
    await s.core.orders.record(s.teamId, [
      { customerId: riser, amount: 5_000, placedAt: '2024-12-01' },
    ]);
    const queued = await card(s.core, s.teamId, riser);
    expect(queued.slots.tier).toMatchObject({ value: 'small', pending: true });
    expect(item(queued, 'Being updated')).toBe('the latest order is not yet in this tier');
    const zh = await card(s.core, s.teamId, riser, 'zh-CN');
    expect(item(zh, '更新中')).toBe('最新订单尚未计入此等级');
    await s.core.deferred.drain();
    const placed = await card(s.core, s.teamId, riser);
    expect(placed.slots.tier).toMatchObject({ value: 'secondary', pending: false });
    expect(item(placed, 'Being updated')).toBeUndefined();
  });

  test('gives the next best action of each tier, in both languages', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const actions = async (locale: Locale) =>
      Promise.all(
        [0, 5, 30, 80].map(async (i) => {
          const shown = await card(s.core, s.teamId, ranked.ids[i] as number, locale);
          return [
            shown.slots.tier?.strategy,
            shown.nextBestAction.label,
            shown.nextBestAction.plugin,
          ];
        }),
      );
    expect(await actions('en')).toEqual([
      ['strategic', 'Give dedicated attention: plan visits and ask their opinion', 'tiering'],
      ['main', 'Plan regular visits and ask their opinion', 'tiering'],
      [
        'transactional',
        'Grow them if they have potential, otherwise cut the cost of serving them',
        'tiering',
      ],
      [
        'transactional',
        'Grow them if they have potential, otherwise raise the price or cut the cost',
        'tiering',
      ],
    ]);
    expect(await actions('zh-CN')).toEqual([
      ['strategic', '专人重点服务：计划拜访，征求意见', 'tiering'],
      ['main', '计划定期拜访，征求意见', 'tiering'],
      ['transactional', '有潜力则培养，否则降低服务成本', 'tiering'],
      ['transactional', '有潜力则培养，否则提价或降低成本', 'tiering'],
    ]);
    const small = await card(s.core, s.teamId, ranked.ids[80] as number);
    expect(item(small, 'Strategy')).toBe(
      'Transactional customer: keep it transactional (next step up: Main customer: a long-term learning relationship)',
    );
  });

  test('calls disqualified and loss-making customers risks, and leaves a churned one to win-back', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const [churned, dropped, lossy] = ranked.ids as [number, number, number];
    await s.core.lifecycle.transition(s.teamId, churned, {
      to: 'churned',
      reason: 'left',
      actor: 'rep',
    });
    await s.core.lifecycle.transition(s.teamId, dropped, {
      to: 'non_customer',
      reason: 'fraud',
      actor: 'rep',
    });
    await recordAndPlace(s.core, s.teamId, [
      { customerId: lossy, amount: 100, cost: 5_000, placedAt: '2024-12-01' },
    ]);
    const left = await card(s.core, s.teamId, churned);
    // Still ranked, in their tier; what to do is win-back's rule, not a risk to end.
    expect(left.slots.tier).toMatchObject({ value: 'important', strategy: null });
    expect(item(left, 'Strategy')).toBe('Churned: the win-back plan says what to do');
    expect(panelOf(left).nextBestAction).toBeUndefined();
    expect(left.nextBestAction).toMatchObject({ plugin: null, label: 'Find out why they left' });
    const zh = await card(s.core, s.teamId, dropped, 'zh-CN');
    expect(zh.slots.tier).toBeUndefined();
    expect(panelOf(zh).items).toEqual([
      { label: '等级', value: '不参与排名：非客户' },
      { label: '关系策略', value: '风险客户：拒绝或终止' },
    ]);
    expect(zh.nextBestAction).toMatchObject({
      plugin: 'tiering',
      label: '止损：拒绝新业务或终止关系',
      reason: '风险客户：非客户',
    });
    expect((await card(s.core, s.teamId, lossy)).nextBestAction).toMatchObject({
      plugin: 'tiering',
      reason: 'Risk customer: negative margin, serving them loses money',
    });
  });

  test('before the first recompute the customer is small and not ranked yet', async () => {
    s = await setUp(dialect);
    const [id] = await customersWithRevenue(s.core, s.teamId, [100]);
    const shown = await card(s.core, s.teamId, id as number);
    expect(shown.slots.tier).toMatchObject({
      value: 'small',
      rank: null,
      of: null,
      why: 'not ranked by revenue yet: the tiering:recompute job ranks the team',
    });
    expect(item(shown, 'Rank')).toBe('—');
  });

  test('shows the loyalty ladder, and the job stores the same levels', async () => {
    s = await setUp(dialect, { now: '2025-01-01T00:00:00Z' });
    const ids = (
      await s.core.customers.createMany(
        s.teamId,
        ['potential', 'new', 'regular', 'old', 'loyal'].map((name) => ({
          kind: 'person' as const,
          name,
        })),
      )
    ).map((c) => c.id);
    const at = (days: number) =>
      new Date(Date.parse('2025-01-01') - days * 86_400_000).toISOString();
    const orders = (index: number, days: number[]) =>
      days.map((d) => ({ customerId: ids[index] as number, amount: 100, placedAt: at(d) }));
    await recordAndPlace(s.core, s.teamId, [
      ...orders(1, [10]),
      ...orders(2, [120, 20]),
      ...orders(3, [500, 20]),
      ...orders(4, [800, 600, 400, 200, 30]),
    ]);
    const shown = await Promise.all(ids.map((id) => card(s.core, s.teamId, id)));
    expect(shown.map((c) => c.slots.ladder?.value)).toEqual([
      'potential',
      'new',
      'regular',
      'old',
      'loyal',
    ]);
    expect((await card(s.core, s.teamId, ids[4] as number, 'zh-CN')).slots.ladder?.label).toBe(
      '忠诚客户',
    );
    // A year later nobody bought again: the loyal customer has no recent order any more.
    s.t.clock.set('2026-01-01T00:00:00Z');
    await recompute(s.core, s.teamId);
    const stored = await tieringTables(s.core)
      .selectFrom('tiering_values')
      .select(['customer_id', 'ladder'])
      .where('team_id', '=', s.teamId)
      .execute();
    const later = await Promise.all(ids.map((id) => card(s.core, s.teamId, id)));
    expect(later.map((c) => c.slots.ladder?.value)).toEqual([
      'potential',
      'new',
      'old',
      'old',
      'old',
    ]);
    expect(ids.map((id) => stored.find((r) => r.customer_id === id)?.ladder)).toEqual(
      later.map((c) => c.slots.ladder?.value),
    );
  });
});
