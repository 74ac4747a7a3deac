import type {
  ActionInput,
  FormBlock,
  PageInput,
  StatsBlock,
  TableBlock,
  Viewer,
} from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from '../test-kit';

/** The complaint id the first row of a queue links to. */
function complaintOf(table: TableBlock): string {
  const next = table.rows[0]?.next;
  if (typeof next !== 'object' || next === null || !('link' in next)) throw new Error('no link');
  return defined(next.link.query?.id);
}

describe.each(testDialects())('the complaint queue and a complaint’s page on %s', (dialect) => {
  let k: Kit;
  let repId: number;
  /** One customer in each tier, best first; the rep owns the last two. */
  let ids: number[];

  beforeEach(async () => {
    k = await openKit(dialect, { tiering: true });
    const { core } = k.t;
    const shares = { important: 0.25, secondary: 0.25, normal: 0.25, small: 0.25 };
    await core.plugins.configure(k.teamId, 'tiering', { shares, hysteresis: 0 }, 'admin');
    const rep = await core.users.create({ email: 'rep@guanxi.test', name: 'Rep' });
    await core.users.setRole(k.teamId, rep.id, 'rep');
    repId = rep.id;
    ids = [];
    for (const revenue of [40_000, 30_000, 20_000, 10_000]) {
      ids.push(await k.customer(`客户 ${revenue}`, revenue));
    }
    for (const id of ids.slice(2))
      await core.customers.update(k.teamId, id, { ownerUserId: repId });
    await core.deferred.drain();
    await core.jobs.run('tiering:recompute', { teamId: k.teamId, args: {} });
  });
  afterEach(() => k.t.destroy());

  const viewer = (role: Viewer['role']): Viewer =>
    role === 'rep'
      ? { userId: repId, role, actor: `user:${repId}` }
      : { userId: 1, role, actor: 'user:1' };
  const input = (
    role: Viewer['role'],
    query: Record<string, string> = {},
    locale: PageInput['locale'] = 'en',
  ): PageInput => ({ locale, viewer: viewer(role), query, purpose: 'page' });
  const caller = (role: Viewer['role'], locale: ActionInput['locale'] = 'en'): ActionInput => ({
    locale,
    viewer: viewer(role),
  });
  const render = (path: string, page: PageInput) =>
    k.t.core.console.render(k.teamId, 'service', path, page);
  const run = (path: string, action: string, fields: Record<string, string>, role = 'manager') =>
    k.t.core.console.run(k.teamId, 'service', path, action, fields, caller(role as Viewer['role']));
  const queue = async (role: Viewer['role'], query: Record<string, string> = {}) => {
    const { blocks } = await render('complaints', input(role, query));
    return { stats: blocks[1] as StatsBlock, table: blocks[3] as TableBlock };
  };
  const complain = (customerId: number, cause = 'product_quality', summary = 'Late delivery') =>
    run('complaints', 'open', { customerId: String(customerId), cause, channel: 'phone', summary });

  test('the queue lists open complaints by due time, marks the overdue and counts them', async () => {
    for (const id of [...ids].reverse()) await complain(id);
    await complain(defined(ids[1]), 'service_attitude', 'Rude on the phone');
    k.t.clock.advance({ hours: 6.5 });
    const { stats, table } = await queue('manager');
    expect(stats.items).toEqual([
      { label: 'Open complaints', value: 5 },
      { label: 'Overdue', value: 1 },
      { label: 'Due within 2 h', value: 2 },
      { label: 'Key customers’ open complaints', value: 3 },
    ]);
    expect(table.rows.map((row) => [row.customer, row.tier, row.left])).toEqual([
      [{ text: '客户 40000', customerId: ids[0] }, 'Key (important)', 'overdue by 2 h'],
      [{ text: '客户 30000', customerId: ids[1] }, 'Key (secondary)', '1 h left'],
      [{ text: '客户 30000', customerId: ids[1] }, 'Key (secondary)', '1 h left'],
      [{ text: '客户 20000', customerId: ids[2] }, 'Normal', '17 h left'],
      [{ text: '客户 10000', customerId: ids[3] }, 'Small', '41 h left'],
    ]);
    expect(table.rows[0]).toMatchObject({
      due: '2024-06-01 12:00',
      cause: 'product quality',
      step: 'received',
      summary: 'Late delivery',
      next: {
        text: 'Record the complaint and judge it',
        link: { page: 'complaint', query: { id: expect.stringMatching(/^\d+$/) } },
      },
    });
  });

  test('filters by cause, by the customer’s tier now, by step and by due; pages keep them', async () => {
    for (const id of ids) await complain(id);
    await complain(defined(ids[1]), 'service_attitude', 'Rude');
    const customers = async (query: Record<string, string>) =>
      (await queue('admin', query)).table.rows.map(
        (row) => (row.customer as { customerId: number }).customerId,
      );
    expect(await customers({ cause: 'service_attitude' })).toEqual([ids[1]]);
    expect(await customers({ tier: 'secondary' })).toEqual([ids[1], ids[1]]);
    expect(await customers({ tier: 'small', cause: 'product_quality' })).toEqual([ids[3]]);
    expect(await customers({ due: 'soon' })).toEqual([]);
    k.t.clock.advance({ hours: 7 });
    expect(await customers({ due: 'overdue' })).toEqual([ids[0]]);
    expect(await customers({ due: 'soon' })).toEqual([ids[1], ids[1]]);
    // A value the page does not know is left out, not an error.
    expect(await customers({ cause: 'weather', tier: 'gold', after: 'x' })).toHaveLength(5);
    // The customer moves tier: the filter follows tiering, not the tier at opening.
    await k.t.core.orders.record(k.teamId, [
      { customerId: defined(ids[3]), amount: 1_000_000, placedAt: '2024-05-20' },
    ]);
    await k.t.core.deferred.drain();
    await k.t.core.jobs.run('tiering:recompute', { teamId: k.teamId, args: {} });
    expect(await customers({ tier: 'important' })).toEqual([ids[3]]);
  });

  test('pages of fifty follow the due order; a download gives every row', async () => {
    for (let i = 0; i < 55; i++) await complain(defined(ids[i % 4]), 'other', `#${i}`);
    const first = await queue('manager', { cause: 'other' });
    expect(first.table.rows).toHaveLength(50);
    expect(first.table.next).toEqual({ cause: 'other', after: expect.stringMatching(/^\d+$/) });
    const second = await queue('manager', first.table.next as Record<string, string>);
    expect(second.table.rows).toHaveLength(5);
    expect(second.table.next).toBeUndefined();
    const all = [...first.table.rows, ...second.table.rows].map((row) => row.due as string);
    expect(all).toEqual([...all].sort());
    const csv = await k.t.core.console.render(k.teamId, 'service', 'complaints', {
      ...input('manager'),
      purpose: 'csv',
    });
    expect((csv.blocks[3] as TableBlock).rows).toHaveLength(55);
  });

  test('a rep’s queue holds their own customers’ complaints; they take one only for their own', async () => {
    for (const id of ids) await complain(id);
    const { stats, table } = await queue('rep');
    expect(stats.items[0]).toEqual({ label: 'Open complaints', value: 2 });
    expect(table.rows.map((row) => (row.customer as { customerId: number }).customerId)).toEqual(
      ids.slice(2),
    );
    await run(
      'complaints',
      'open',
      { customerId: String(ids[3]), cause: 'deception', channel: 'visit', summary: 'Short weight' },
      'rep',
    );
    await expect(
      run(
        'complaints',
        'open',
        { customerId: String(ids[0]), cause: 'deception', summary: 'x' },
        'rep',
      ),
    ).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'customerId', message: 'is not a customer of the team you may act for' }],
    });
    await expect(
      run('complaints', 'open', { customerId: 'abc', cause: 'weather', summary: '' }),
    ).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'customerId' }),
        expect.objectContaining({ path: 'cause' }),
        expect.objectContaining({ path: 'summary' }),
      ]),
    });
    expect((await queue('rep')).stats.items[0]).toEqual({ label: 'Open complaints', value: 3 });
  });

  test('a complaint is worked through its four steps from its page', async () => {
    await complain(defined(ids[2]), 'product_quality', 'Tea arrived damp');
    const id = complaintOf((await queue('rep')).table);
    const page = async (role: Viewer['role'] = 'rep', locale: PageInput['locale'] = 'en') =>
      (await render('complaint', input(role, { id }, locale))).blocks;
    const forms = async () =>
      (await page())
        .filter((block): block is FormBlock => block.kind === 'form')
        .map((f) => f.action);
    const step = (action: string, fields: Record<string, string> = {}) =>
      run('complaint', action, { id, ...fields }, 'rep');

    const opened = await page();
    expect(opened[0]).toEqual({ kind: 'heading', text: `Complaint #${id}: product quality` });
    expect(opened).toContainEqual({ kind: 'text', text: 'Tea arrived damp' });
    expect(await forms()).toEqual(['record']);
    await expect(step('record', { valid: 'no' })).rejects.toMatchObject({
      issues: [{ path: 'note', message: 'say why it is not valid' }],
    });
    await expect(step('record')).rejects.toMatchObject({
      issues: [{ path: 'valid', message: 'say whether it is valid' }],
    });
    await step('record', { valid: 'yes', note: 'Storage was wet' });
    expect(await forms()).toEqual(['propose']);
    await expect(step('propose')).rejects.toMatchObject({
      issues: [{ path: 'remedy', message: 'say what the remedy is' }],
    });
    await expect(step('accept')).rejects.toMatchObject({ code: 'GX_ERR_CONFLICT' });
    await step('propose', { remedy: 'Replace the box' });
    expect(await forms()).toEqual(['accept', 'propose']);
    await step('accept');
    expect(await forms()).toEqual(['follow-up']);
    await step('follow-up', { note: 'Happy now' });
    expect(await forms()).toEqual(['close']);
    await step('close');
    const closed = await page('manager', 'zh-CN');
    expect(closed.filter((block) => block.kind === 'form')).toEqual([]);
    expect(closed[1]).toMatchObject({
      items: [
        { label: '当前步骤', value: '已关闭' },
        { label: '到期', value: '此投诉已关闭。' },
        { label: '响应时限按', value: '普通客户' },
      ],
    });
    const steps = closed.find(
      (block) => block.kind === 'table' && block.id === 'steps',
    ) as TableBlock;
    expect(steps.rows.map((row) => [row.move, row.actor, row.note])).toEqual([
      ['已受理', 'user:1', null],
      ['已受理 → 已记录并判定', `user:${repId}`, 'Storage was wet'],
      ['已记录并判定 → 已提出补救方案', `user:${repId}`, null],
      ['已提出补救方案 → 补救已接受并实施', `user:${repId}`, null],
      ['补救已接受并实施 → 已回访', `user:${repId}`, 'Happy now'],
      ['已回访 → 已关闭', `user:${repId}`, null],
    ]);
    expect((await queue('rep')).table.rows).toEqual([]);
  });

  test('another rep’s complaint, or no id, is not found', async () => {
    await complain(defined(ids[0]));
    const id = complaintOf((await queue('manager')).table);
    await expect(render('complaint', input('rep', { id }))).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(run('complaint', 'record', { id, valid: 'yes' }, 'rep')).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(render('complaint', input('manager', { id: '<b>' }))).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
  });
});
