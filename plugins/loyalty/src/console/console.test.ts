import type {
  ActionInput,
  Block,
  ChartBlock,
  FormBlock,
  PageInput,
  StatsBlock,
  TableBlock,
  Viewer,
} from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { redeem } from '../redemptions';
import { type Kit, openKit, order } from '../test-kit';

const viewer = (role: Viewer['role']): Viewer => ({ userId: 1, role, actor: 'user:1' });
const table = (blocks: readonly Block[], id: string) =>
  defined(blocks.find((block) => block.kind === 'table' && block.id === id)) as TableBlock;

describe.each(testDialects())('the loyalty programme in the console on %s', (dialect) => {
  let k: Kit;
  /** Three members: a big, a middling and a small buyer. */
  let ids: number[];

  beforeEach(async () => {
    k = await openKit(dialect);
    await k.configure({ expiryDays: 10 });
    ids = [];
    for (const [name, amount] of [
      ['王芳', 500_000],
      ['Li Lei', 120_000],
      ['张伟', 10_000],
    ] as const) {
      const id = await k.customer(name);
      await k.orders(id, [order(amount)]);
      ids.push(id);
    }
  });
  afterEach(() => k.t.destroy());

  const render = async (
    path: string,
    role: Viewer['role'] = 'manager',
    query: Record<string, string> = {},
    locale: PageInput['locale'] = 'en',
  ) =>
    (
      await k.t.core.console.render(k.teamId, 'loyalty', path, {
        locale,
        viewer: viewer(role),
        query,
        purpose: 'page',
      })
    ).blocks;
  const run = (
    path: string,
    action: string,
    fields: Record<string, string>,
    role: Viewer['role'] = 'manager',
  ) => {
    const caller: ActionInput = { locale: 'en', viewer: viewer(role) };
    return k.t.core.console.run(k.teamId, 'loyalty', path, action, fields, caller);
  };
  const rewardIdOf = async (wanted: string) => {
    for (const row of table(await render('rewards'), 'rewards').rows) {
      const { name } = row;
      if (typeof name === 'object' && name !== null && 'link' in name && name.text === wanted)
        return defined(name.link.query?.id);
    }
    throw new Error(`no reward ${wanted}`);
  };

  test('managers add, change, retire and restore rewards; reps see the catalogue only', async () => {
    await run('rewards', 'create', { name: '  Tea set ', cost: '1000' });
    await run('rewards', 'create', { name: 'Mug', cost: '300', stock: '5' });
    const repView = await render('rewards', 'rep');
    expect(repView.filter((block) => block.kind === 'form')).toEqual([]);
    expect(table(repView, 'rewards').rows).toEqual([
      expect.objectContaining({ name: 'Mug', cost: 300, stock: 5, status: 'Active rewards' }),
      expect.objectContaining({ name: 'Tea set', cost: 1000, stock: 'no limit', redeemed: 0 }),
    ]);
    expect(table(repView, 'rewards').columns.map((column) => column.key)).not.toContain('toggle');
    await expect(run('rewards', 'create', { name: 'X', cost: '1' }, 'rep')).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });

    const teaSet = await rewardIdOf('Tea set');
    const ctx = await k.ctx();
    await redeem(
      ctx,
      {
        customerId: defined(ids[0]),
        rewardId: Number(teaSet),
        idempotencyKey: 'r1',
      },
      'user:1',
    );
    await run('reward', 'change', {
      id: teaSet,
      name: 'Tea set for two',
      cost: '1200',
      stock: '3',
    });
    const page = await render('reward', 'admin', { id: teaSet });
    expect(page[0]).toEqual({ kind: 'heading', text: 'Tea set for two' });
    expect((page[1] as StatsBlock).items).toEqual([
      { label: 'Status', value: 'Active rewards' },
      { label: 'Cost (points)', value: 1200 },
      { label: 'Stock', value: 3 },
    ]);
    expect(
      page.filter((block): block is FormBlock => block.kind === 'form').map((f) => f.action),
    ).toEqual(['change', 'retire']);
    await run('reward', 'retire', { id: teaSet });
    const listed = await render('rewards');
    expect((listed[1] as StatsBlock).items).toEqual([
      { label: 'Active rewards', value: 1 },
      { label: 'Retired', value: 1 },
      { label: 'Redeemed in the last 30 days', value: 1 },
    ]);
    expect(table(listed, 'rewards').rows.at(-1)).toMatchObject({
      status: 'Retired',
      redeemed: 1,
      toggle: { action: 'restore', fields: { id: teaSet } },
    });
    await run('rewards', 'restore', { id: teaSet });
    expect(table(await render('rewards'), 'rewards').rows.map((row) => row.status)).toEqual([
      'Active rewards',
      'Active rewards',
    ]);
    await expect(render('reward', 'rep', { id: teaSet })).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
    await expect(render('reward', 'admin', { id: '424242' })).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
  });

  test('a refused reward names the field', async () => {
    await expect(run('rewards', 'create', { cost: '0' })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'name', message: 'must not be empty' }],
    });
    await expect(run('rewards', 'create', { name: 'Mug', cost: '0' })).rejects.toMatchObject({
      issues: [{ path: 'cost', message: 'must be at least 1 point' }],
    });
    await expect(run('rewards', 'create', { name: 'Mug', cost: 'lots' })).rejects.toMatchObject({
      issues: [{ path: 'cost', message: 'must be a whole number of points' }],
    });
    await expect(
      run('rewards', 'create', { name: 'Mug', cost: '5', stock: '-1' }),
    ).rejects.toMatchObject({ issues: [{ path: 'stock', message: 'must be 0 or more' }] });
    expect(table(await render('rewards'), 'rewards').rows).toEqual([]);
  });

  test('members by level: counts, thresholds and a level’s members', async () => {
    const balances = await Promise.all(ids.map((id) => k.balance(id)));
    const blocks = await render('members');
    expect(blocks[1] as ChartBlock).toMatchObject({
      labels: ['Member', 'Silver', 'Gold'],
      series: [{ values: [1, 1, 1] }],
    });
    expect(
      table(blocks, 'levels').rows.map((row) => [row.threshold, row.members, row.points]),
    ).toEqual([
      [0, 1, balances[2]],
      [1_000, 1, balances[1]],
      [5_000, 1, balances[0]],
    ]);
    const gold = table(await render('members', 'manager', { level: 'gold' }), 'members');
    expect(gold.rows).toEqual([
      {
        customer: { text: '王芳', customerId: ids[0] },
        level: 'Gold',
        balance: balances[0],
        earned: balances[0],
      },
    ]);
    const zh = await render('members', 'admin', { level: 'platinum' }, 'zh-CN');
    expect(table(zh, 'members').rows).toHaveLength(3);
    expect(table(zh, 'members').rows[2]).toMatchObject({ level: '会员' });
    await expect(render('members', 'rep')).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
  });

  test('redemptions, newest first, and the points that lapse in the coming days', async () => {
    await run('rewards', 'create', { name: 'Tea set', cost: '1000' });
    const ctx = await k.ctx();
    const rewardId = Number(await rewardIdOf('Tea set'));
    await redeem(ctx, { customerId: defined(ids[0]), rewardId, idempotencyKey: 'a' }, 'user:1');
    await redeem(ctx, { customerId: defined(ids[1]), rewardId, idempotencyKey: 'b' }, 'user:1');
    const balances = await Promise.all(ids.map((id) => k.balance(id)));
    const blocks = await render('redemptions');
    expect(
      table(blocks, 'redemptions').rows.map((row) => [row.customer, row.reward, row.points]),
    ).toEqual([
      [{ text: 'Li Lei', customerId: ids[1] }, 'Tea set', 1000],
      [{ text: '王芳', customerId: ids[0] }, 'Tea set', 1000],
    ]);
    // Earned on 1 June (Shanghai), kept 10 days: they lapse at the start of 12 June.
    const total = balances.reduce((sum, each) => sum + each, 0);
    expect((blocks.find((block) => block.kind === 'stats') as StatsBlock).items).toEqual([
      { label: 'Points expiring', value: total },
      { label: 'Customers losing points', value: 3 },
    ]);
    expect(blocks.find((block) => block.kind === 'chart')).toMatchObject({
      labels: ['2024-06-12'],
      series: [{ values: [total] }],
    });
    expect(table(blocks, 'expiring').rows).toHaveLength(3);
    expect(table(blocks, 'expiring').rows[0]).toMatchObject({ lapse: '2024-06-12' });
    const week = await render('redemptions', 'manager', { days: '7' });
    expect(table(week, 'expiring').rows).toEqual([]);
    expect(table(week, 'expiring').empty).toBe('No points lapse in this time.');
    k.t.clock.advance({ days: 12 });
    expect(table(await render('redemptions'), 'expiring').rows).toEqual([]);
  });
});
