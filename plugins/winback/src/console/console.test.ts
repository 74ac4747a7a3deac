import type { ActionInput, PageInput, StatsBlock, TableBlock, Viewer } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, NOW, openKit, tiered } from '../test-kit';

const day = (days: number) => new Date(Date.parse(NOW) + days * 86_400_000).toISOString();

describe.each(testDialects())('the win-back worklist on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  const viewer = (role: Viewer['role']): Viewer => {
    const userId = kit.a.userIds[role];
    return { userId, role, actor: `user:${userId}` };
  };
  const worklist = async (
    role: Viewer['role'] = 'manager',
    query: Record<string, string> = {},
    locale: PageInput['locale'] = 'en',
  ) => {
    const { blocks } = await kit.a.t.core.console.render(kit.teamId, 'winback', 'worklist', {
      locale,
      viewer: viewer(role),
      query,
      purpose: 'page',
    });
    return {
      stats: blocks[1] as StatsBlock,
      churned: blocks[3] as TableBlock,
      atRisk: blocks[4] as TableBlock,
    };
  };
  const run = (
    action: string,
    fields: Record<string, string>,
    role: Viewer['role'] = 'manager',
  ) => {
    const caller: ActionInput = { locale: 'en', viewer: viewer(role) };
    return kit.a.t.core.console.run(kit.teamId, 'winback', 'worklist', action, fields, caller);
  };
  const customerIds = (table: TableBlock) =>
    table.rows.map((row) => (row.customer as { customerId: number }).customerId);
  const button = (table: TableBlock, index: number, column: string) => {
    const cell = table.rows[index]?.[column];
    if (typeof cell !== 'object' || cell === null || !('action' in cell))
      throw new Error('no button');
    return cell;
  };

  test('churned customers’ next steps by tier, each done from the page', async () => {
    const [important, secondary, normal, small] = await tiered(kit);
    for (const id of [small, normal, secondary, important]) await kit.churn(defined(id));
    const { stats, churned } = await worklist();
    expect(stats.items).toEqual([
      { label: 'Playbooks with a step to do', value: 3 },
      { label: 'Steps overdue', value: 0 },
      { label: 'Key customers to win back', value: 2 },
      { label: 'At risk, not yet checked on', value: 0 },
    ]);
    // The small customer at a loss is let go: no playbook, no row.
    expect(customerIds(churned)).toEqual([important, secondary, normal]);
    expect(churned.rows[0]).toMatchObject({
      tier: 'Key (important)',
      kind: 'Natural (moved or closed)',
      policy: 'Win back at all costs',
      step: 'Find out why they left',
      due: '2024-06-02',
      late: '',
    });
    expect(churned.rows[2]).toMatchObject({ policy: 'Try hard to win back', due: '2024-06-04' });

    await run('done', button(churned, 0, 'done').fields);
    const after = await worklist();
    expect(after.churned.rows[0]).toMatchObject({ step: 'Call to calm their dissatisfaction' });
    await expect(run('done', button(churned, 0, 'done').fields)).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
      issues: [{ path: 'stepNo', message: 'this step is done already' }],
    });

    kit.a.t.clock.set(day(2.5));
    const late = await worklist('manager', { due: 'overdue' });
    expect(customerIds(late.churned)).toEqual([important, secondary]);
    expect(late.churned.rows[0]).toMatchObject({ late: 'overdue' });
    expect(customerIds((await worklist('manager', { tier: 'normal' })).churned)).toEqual([normal]);
    expect(customerIds((await worklist('manager', { kind: 'fault' })).churned)).toEqual([]);
    const zh = await worklist('manager', {}, 'zh-CN');
    expect(zh.churned.rows[0]).toMatchObject({ tier: '重要客户', policy: '不惜代价挽回' });
  });

  test('a rep’s worklist holds their own customers; another’s step is not theirs to do', async () => {
    const mine = await kit.customer('Mine', [30]);
    const { id: theirs } = await kit.a.t.core.customers.create(kit.teamId, {
      kind: 'company',
      name: 'Theirs',
      ownerUserId: kit.a.userIds.manager,
    });
    for (const id of [mine, theirs]) await kit.churn(id);
    expect(customerIds((await worklist('rep')).churned)).toEqual([mine]);
    const all = await worklist('manager');
    expect(customerIds(all.churned).sort()).toEqual([mine, theirs].sort());
    const theirsRow = all.churned.rows.findIndex(
      (row) => (row.customer as { customerId: number }).customerId === theirs,
    );
    await expect(
      run('done', button(all.churned, theirsRow, 'done').fields, 'rep'),
    ).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
  });

  test('detection lists the customers at risk by tier; a check-in is logged and takes them off', async () => {
    const [important, , normal] = await tiered(kit);
    // Everyone ordered every 10 days, the last 10 days ago: 6 days on, each is past half of
    // their 3 × 10-day limit.
    kit.a.t.clock.set(day(6));
    expect(await kit.detect()).toMatchObject({ churned: 0, atRisk: 4 });
    const { stats, atRisk } = await worklist();
    expect(stats.items[3]).toEqual({ label: 'At risk, not yet checked on', value: 4 });
    expect(customerIds(atRisk)[0]).toBe(important);
    expect(atRisk.rows.map((row) => row.tier)).toEqual([
      'Key (important)',
      'Key (secondary)',
      'Normal',
      'Small',
    ]);
    expect(atRisk.rows[0]).toMatchObject({
      risk: '16 days since the last order (churned after 30)',
      rule: 'Their own order rhythm (a multiple of the median gap)',
      assessed: '2024-06-07',
    });

    await run('check-in', button(atRisk, 2, 'check').fields, 'rep');
    expect(customerIds((await worklist()).atRisk)).not.toContain(normal);
    const shown = await worklist('manager', { shown: 'all' });
    expect(
      shown.atRisk.rows.find(
        (row) => (row.customer as { customerId: number }).customerId === normal,
      ),
    ).toMatchObject({ check: '2024-06-07' });
    const logged = await kit.a.t.core.db
      .selectFrom('interactions')
      .select(['direction', 'summary', 'actor'])
      .where('customer_id', '=', defined(normal))
      .execute();
    expect(logged).toEqual([
      {
        direction: 'outbound',
        summary: 'Win-back: checked in before they lapse',
        actor: `user:${kit.a.userIds.rep}`,
      },
    ]);
    await expect(run('check-in', { customerId: String(normal) }, 'rep')).resolves.toBeUndefined();
    await expect(run('check-in', { customerId: '999999' })).rejects.toMatchObject({
      issues: [{ path: 'customerId', message: 'is not a customer of the team you may act for' }],
    });

    // An order takes the normal customer off at the next detection; the check-in goes with them.
    await kit.a.t.core.orders.record(kit.teamId, [
      { customerId: defined(normal), amount: 10_000, placedAt: day(6) },
    ]);
    expect(await kit.detect()).toMatchObject({ atRisk: 3 });
    expect(customerIds((await worklist('manager', { shown: 'all' })).atRisk)).not.toContain(normal);
  });

  test('pages of fifty and a download of every row', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 53; i++) ids.push(await kit.customer(`C${i}`, [30]));
    for (const id of ids) await kit.churn(id);
    const first = await worklist();
    expect(first.churned.rows).toHaveLength(50);
    const second = await worklist('manager', first.churned.next as Record<string, string>);
    expect(customerIds(second.churned)).toHaveLength(3);
    expect(new Set([...customerIds(first.churned), ...customerIds(second.churned)]).size).toBe(53);
    const { blocks } = await kit.a.t.core.console.render(kit.teamId, 'winback', 'worklist', {
      locale: 'en',
      viewer: viewer('admin'),
      query: {},
      purpose: 'csv',
    });
    expect((blocks[3] as TableBlock).rows).toHaveLength(53);
  });
});
