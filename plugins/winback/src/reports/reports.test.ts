import type { Locale, StatsBlock, TableBlock, Viewer } from '@guanxi/core';
import { defined, expectJson, pageInput, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { daysAgo, type Kit, openKit } from '../test-kit';
import { churnMeasures } from './churn-measures';

const JUNE = { from: '2024-06-01', to: '2024-06-30' };

const input = (role: Viewer['role'], locale: Locale, query: Record<string, string> = JUNE) =>
  pageInput(role, locale, query);

describe.each(testDialects())('the win-back plugin’s reports on %s', (dialect) => {
  let kit: Kit;

  beforeEach(async () => {
    // The clock stands at 2024-06-01; the team keeps Beijing days.
    kit = await openKit(dialect);
    const { core } = kit.a.t;
    await core.plugins.change(kit.teamId, 'tiering', {
      enabled: true,
      config: { shares: { important: 0.25, secondary: 0.25, normal: 0.25, small: 0.25 } },
      actor: 'test',
    });
    const [important, secondary, normal, small] = [
      await kit.customer('Important', [80, 70, 60, 50, 40, 30, 20, 10]),
      await kit.customer('Secondary', [60, 50, 40, 30, 20, 10]),
      await kit.customer('Normal', [40, 30, 20, 10]),
      await kit.customer('Small', [20, 10], 20_000),
    ].map((id) => defined(id));
    await core.jobs.run('tiering:recompute', { teamId: kit.teamId });
    const signal = async (customerId: number, kind: string) =>
      expectJson(await kit.rep('POST', '/signals', { customerId, kind, note: 'heard' }), 201);
    // A rival's offer makes the important customer's churn competitive; fraud the normal one's
    // malicious (no playbook); forgetting to renew the small one's non-malicious, and a small
    // customer at a loss is let go with no playbook.
    await signal(defined(important), 'rival_offer');
    await signal(defined(normal), 'fraud');
    for (const id of [important, secondary, normal]) await kit.churn(defined(id));
    await kit.churn(defined(small), 'forgot to renew');
    // The important one comes back five days on.
    kit.a.t.clock.advance({ days: 5 });
    await core.orders.record(kit.teamId, [
      { customerId: defined(important), amount: 5_000, placedAt: daysAgo(-5) },
    ]);
    // A churn in July, out of June's range.
    kit.a.t.clock.advance({ days: 40 });
    await kit.churn(await kit.customer('Later', [50]));
  });
  afterEach(() => kit.a.destroy());

  test('churn by kind and by tier, from known churns', async () => {
    const { blocks } = await kit.a.t.core.console.render(
      kit.teamId,
      'winback',
      'churn-report',
      input('manager', 'en'),
    );
    expect(blocks.map((block) => block.kind)).toEqual([
      'rule',
      'filters',
      'stats',
      'chart',
      'table',
    ]);
    expect((blocks[0] as { text: string }).text).toContain('key customers at all costs');
    expect((blocks[2] as StatsBlock).items).toEqual([
      { label: 'Churned', value: 4 },
      { label: 'Key customers churned', value: 2 },
      { label: 'Won back since', value: 1 },
    ]);
    expect(blocks[3]).toMatchObject({
      chart: 'bar',
      labels: ['Natural', 'Competitive', 'Our fault', 'Non-malicious', 'Retaliatory', 'Malicious'],
      series: [
        { name: 'Key (important)', values: [0, 1, 0, 0, 0, 0] },
        { name: 'Key (secondary)', values: [1, 0, 0, 0, 0, 0] },
        { name: 'Normal', values: [0, 0, 0, 0, 0, 1] },
        { name: 'Small', values: [0, 0, 0, 1, 0, 0] },
      ],
    });
    const rows = (blocks[4] as TableBlock).rows;
    expect(rows).toHaveLength(7);
    expect(rows[1]).toEqual({
      kind: 'Competitive (lost to a rival)',
      type: 'Active churn',
      important: 1,
      secondary: 0,
      normal: 0,
      small: 0,
      churned: 1,
      wonBack: 1,
    });
    expect(rows[3]).toMatchObject({ type: 'Passive churn', small: 1, churned: 1, wonBack: 0 });
    expect(rows[6]).toMatchObject({ kind: 'All kinds', churned: 4, wonBack: 1, important: 1 });
  });

  test('the win-back rate by kind and by tier for the range, in Chinese', async () => {
    const { blocks } = await kit.a.t.core.console.render(
      kit.teamId,
      'winback',
      'winback-report',
      input('admin', 'zh-CN'),
    );
    expect((blocks[0] as { text: string }).text).toContain('挽回率 = 挽回的客户数');
    expect((blocks[2] as StatsBlock).items).toEqual([
      { label: '挽回方案', value: 2 },
      { label: '已挽回', value: 1 },
      { label: '挽回率', value: '50%' },
      { label: '已放弃', value: 0 },
      { label: '流失客户', value: 4 },
    ]);
    expect(blocks[3]).toMatchObject({
      labels: ['自然', '竞争'],
      series: [
        { name: '挽回方案', values: [1, 1] },
        { name: '已挽回', values: [0, 1] },
      ],
    });
    expect((blocks[4] as TableBlock).rows).toEqual([
      { kind: '自然流失', playbooks: 1, open: 1, wonBack: 0, letGo: 0, rate: '0%' },
      { kind: '竞争流失', playbooks: 1, open: 0, wonBack: 1, letGo: 0, rate: '100%' },
    ]);
    expect((blocks[5] as TableBlock).rows.map((row) => [row.tier, row.rate])).toEqual([
      ['重要客户', '100%'],
      ['次要客户', '0%'],
    ]);
    expect((blocks[6] as TableBlock).rows).toEqual([{ rule: '人工判定', churns: 4, wonBack: 1 }]);
    const july = await kit.a.t.core.console.render(
      kit.teamId,
      'winback',
      'winback-report',
      input('manager', 'en', { from: '2024-07-01', to: '2024-07-31' }),
    );
    expect((july.blocks[2] as StatsBlock).items[0]).toEqual({ label: 'Playbooks', value: 1 });
    for (const path of ['churn-report', 'winback-report']) {
      await expect(
        kit.a.t.core.console.render(kit.teamId, 'winback', path, input('rep', 'en')),
      ).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
    }
  });

  test('the churns other plugins read, of the range and by owner', async () => {
    const { core } = kit.a.t;
    const measures = churnMeasures({ teamId: kit.teamId, db: core.db, core });
    const june = { from: '2024-05-31T16:00:00.000Z', to: '2024-06-30T16:00:00.000Z' };
    expect(await measures.churns(june)).toEqual({ churned: 4, keyChurned: 2, wonBack: 1 });
    const byOwner = await measures.churnsByOwner(june);
    expect(Object.fromEntries(byOwner)).toEqual({
      [kit.a.userIds.rep]: { churned: 4, keyChurned: 2, wonBack: 1 },
    });
    const none = { from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' };
    expect(await measures.churns(none)).toEqual({ churned: 0, keyChurned: 0, wonBack: 0 });
    expect((await measures.churnsByOwner(none)).size).toBe(0);
  });
});
