import type { Locale, StatsBlock, TableBlock, Viewer } from '@guanxi/core';
import { defined, pageInput, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from '../test-kit';
import { serviceMeasures } from './measures-service';

const MAY = { from: '2024-05-01', to: '2024-05-31' };

const input = (role: Viewer['role'], locale: Locale, query: Record<string, string> = MAY) =>
  pageInput(role, locale, query);

describe.each(testDialects())('the service plugin’s reports on %s', (dialect) => {
  let k: Kit;
  let ada: number;
  let bo: number;
  let cy: number;
  let repId: number;

  beforeEach(async () => {
    // The clock stands at 2024-06-01; the team keeps Beijing days.
    k = await openKit(dialect);
    [ada, bo, cy] = [await k.customer('Ada'), await k.customer('Bo'), await k.customer('Cy')];
    const rep = await k.t.core.users.create({ email: 'rep@north.test', name: 'Rep' });
    await k.t.core.users.setRole(k.teamId, rep.id, 'rep');
    repId = rep.id;
    await k.t.core.customers.update(k.teamId, ada, { ownerUserId: repId });
    const clock = k.t.clock;
    // April: out of May's range.
    clock.set('2024-04-15T02:00:00Z');
    await k.open({ customerId: bo, cause: 'deception', summary: 'Bait price' });
    // Ada's quality complaint goes through every step and closes 24 hours after it opened.
    clock.set('2024-05-01T02:00:00Z');
    const first = await k.open({ customerId: ada, cause: 'product_quality', summary: 'Cracked' });
    clock.set('2024-05-01T10:00:00Z');
    await k.step(first.id, { to: 'recorded', valid: true });
    await k.step(first.id, { to: 'remedy_proposed', remedy: 'Replace it' });
    await k.step(first.id, { to: 'remedy_accepted' });
    await k.step(first.id, { to: 'followed_up' });
    clock.set('2024-05-02T02:00:00Z');
    await k.step(first.id, { to: 'closed', note: 'done' });
    // Bo's is judged not valid, which closes it, six hours on.
    clock.set('2024-05-10T00:00:00Z');
    const second = await k.open({ customerId: bo, cause: 'service_attitude', summary: 'Rude' });
    clock.set('2024-05-10T06:00:00Z');
    await k.step(second.id, { to: 'recorded', valid: false, note: 'was not rude' });
    // Cy's waits at the first step, past its 24 hours.
    clock.set('2024-05-20T00:00:00Z');
    await k.open({ customerId: cy, cause: 'product_quality', summary: 'Leaks' });
    clock.set('2024-06-01T00:00:00Z');

    const survey = (body: Record<string, unknown>) => k.call('POST', '/surveys', body);
    await survey({
      customerId: ada,
      kind: 'csat',
      score: 5,
      items: { trust: 4, satisfaction: 5 },
      byName: true,
      needsMet: 80,
      walletShare: 50,
      answeredAt: '2024-05-03',
    });
    await survey({
      customerId: bo,
      kind: 'csat',
      score: 3,
      items: { trust: 2, commitment: 3 },
      byName: false,
      needsMet: 60,
      answeredAt: '2024-05-20',
    });
    await survey({ customerId: ada, kind: 'nps', score: 9, answeredAt: '2024-05-04' });
    await survey({ customerId: bo, kind: 'nps', score: 6, answeredAt: '2024-05-21' });
    await survey({
      customerId: cy,
      kind: 'nps',
      score: 10,
      items: { friendship: 5 },
      answeredAt: '2024-04-10',
    });
  });
  afterEach(() => k.t.destroy());

  test('a survey keeps whether the customer asked for us by name, needs met and share of wallet', async () => {
    const res = await k.call('POST', '/surveys', {
      customerId: cy,
      kind: 'csat',
      score: 4,
      byName: true,
      needsMet: 0,
      walletShare: 100,
    });
    expect(await res.json()).toMatchObject({ byName: true, needsMet: 0, walletShare: 100 });
    const plain = await k.call('POST', '/surveys', { customerId: cy, kind: 'nps', score: 8 });
    expect(await plain.json()).toMatchObject({ byName: null, needsMet: null, walletShare: null });
  });

  test('complaints by cause and step, with the hours to close, from known complaints', async () => {
    const { blocks } = await k.t.core.console.render(
      k.teamId,
      'service',
      'complaints-report',
      input('manager', 'en'),
    );
    expect(blocks.map((block) => block.kind)).toEqual([
      'rule',
      'filters',
      'stats',
      'chart',
      'table',
    ]);
    expect((blocks[0] as { text: string }).text).toContain('through the four steps');
    expect(blocks[1]).toMatchObject({
      fields: [
        { name: 'from', value: '2024-05-01' },
        { name: 'to', value: '2024-05-31' },
      ],
    });
    expect(blocks[2]).toMatchObject({
      items: [
        { label: 'Complaints opened', value: 3 },
        { label: 'Still open', value: 1 },
        { label: 'Overdue now', value: 1 },
        { label: 'Judged valid', value: '50%' },
        { label: 'Hours to close (mean)', value: '15 h' },
      ],
    });
    expect(blocks[3]).toMatchObject({
      chart: 'bar',
      labels: ['product quality', 'service attitude', 'deception', 'other'],
      series: [
        { name: 'Still open', values: [1, 0, 0, 0] },
        { name: 'Closed', values: [1, 1, 0, 0] },
      ],
    });
    const table = blocks[4] as TableBlock;
    expect(table.rows).toEqual([
      {
        cause: 'product quality',
        opened: 2,
        received: 1,
        recorded: 0,
        remedy_proposed: 0,
        remedy_accepted: 0,
        followed_up: 0,
        closed: 1,
        overdue: 1,
        hours: 24,
      },
      expect.objectContaining({ cause: 'service attitude', opened: 1, closed: 1, hours: 6 }),
      expect.objectContaining({ cause: 'deception', opened: 0, hours: null }),
      expect.objectContaining({ cause: 'other', opened: 0 }),
      expect.objectContaining({
        cause: 'All causes',
        opened: 3,
        received: 1,
        closed: 2,
        hours: 15,
      }),
    ]);
  });

  test('the complaints report in Chinese; April’s complaint in April’s range; reps refused', async () => {
    const { blocks } = await k.t.core.console.render(
      k.teamId,
      'service',
      'complaints-report',
      input('admin', 'zh-CN', { from: '2024-04-01', to: '2024-04-30' }),
    );
    expect((blocks[0] as { text: string }).text).toContain('倾听客户的不满');
    expect((blocks[2] as StatsBlock).items[0]).toEqual({ label: '受理投诉', value: 1 });
    const table = blocks[4] as TableBlock;
    expect(table.columns.map((column) => column.label)).toContain('平均关闭用时（小时）');
    expect(table.rows[2]).toMatchObject({ cause: '欺诈', opened: 1, received: 1 });
    await expect(
      k.t.core.console.render(k.teamId, 'service', 'complaints-report', input('rep', 'en')),
    ).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
    await expect(
      k.t.core.console.render(
        k.teamId,
        'service',
        'complaints-report',
        input('manager', 'en', { from: 'May' }),
      ),
    ).rejects.toMatchObject({ code: 'GX_ERR_VALIDATION', issues: [{ path: 'from' }] });
  });

  test('relationship quality by month, as the mean answer to each item', async () => {
    const { blocks } = await k.t.core.console.render(
      k.teamId,
      'service',
      'relationship-quality',
      input('manager', 'en', { from: '2024-04-01', to: '2024-05-31' }),
    );
    expect((blocks[0] as { text: string }).text).toContain('commercial friendship');
    expect(blocks[2]).toMatchObject({
      items: [
        { label: 'Surveys with relationship items', value: 3 },
        { label: 'Trust', value: 3 },
        { label: 'Satisfaction', value: 5 },
        { label: 'Commitment', value: 3 },
        { label: 'Commercial friendship', value: 5 },
      ],
    });
    expect(blocks[3]).toMatchObject({
      chart: 'line',
      labels: ['2024-04', '2024-05'],
      series: [
        { name: 'Trust', values: [0, 3] },
        { name: 'Satisfaction', values: [0, 5] },
        { name: 'Commitment', values: [0, 3] },
        { name: 'Commercial friendship', values: [5, 0] },
      ],
    });
    expect((blocks[4] as TableBlock).rows).toEqual([
      {
        month: '2024-04',
        surveys: 1,
        trust: null,
        satisfaction: null,
        commitment: null,
        friendship: 5,
      },
      { month: '2024-05', surveys: 2, trust: 3, satisfaction: 5, commitment: 3, friendship: null },
    ]);
    const zh = await k.t.core.console.render(
      k.teamId,
      'service',
      'relationship-quality',
      input('admin', 'zh-CN', { from: '2024-03-01', to: '2024-03-31' }),
    );
    expect((zh.blocks[0] as { text: string }).text).toContain('商业友谊');
    expect(zh.blocks[4]).toMatchObject({ rows: [], empty: '区间内没有涉及关系质量的调查。' });
  });

  test('the measures other plugins read: surveys and complaints of a range, by owner too', async () => {
    const measures = serviceMeasures({ teamId: k.teamId, db: k.t.core.db, core: k.t.core });
    const may = { from: '2024-04-30T16:00:00.000Z', to: '2024-05-31T16:00:00.000Z' };
    expect(await measures.surveys(may)).toEqual({
      csat: { responses: 2, average: 4, satisfied: 1 },
      nps: { responses: 2, promoters: 1, passives: 0, detractors: 1, score: 0 },
      byName: { answered: 2, yes: 1 },
      needsMet: { answered: 2, mean: 70 },
      walletShare: { answered: 1, mean: 50 },
    });
    const byOwner = await measures.surveysByOwner(may);
    expect(byOwner.get(repId)).toMatchObject({
      csat: { responses: 1, average: 5, satisfied: 1 },
      byName: { answered: 1, yes: 1 },
      needsMet: { answered: 1, mean: 80 },
    });
    expect(byOwner.get(null)).toMatchObject({
      csat: { responses: 1, average: 3 },
      nps: { responses: 1, promoters: 0, detractors: 1 },
    });
    expect(byOwner.size).toBe(2);
    expect(await measures.complaints(may)).toEqual({
      opened: 3,
      closed: 2,
      byCause: { product_quality: 2, service_attitude: 1, deception: 0, other: 0 },
    });
    const complaints = await measures.complaintsByOwner(may);
    expect(complaints.get(repId)).toMatchObject({ opened: 1, closed: 1 });
    expect(complaints.get(null)).toMatchObject({
      opened: 2,
      closed: 1,
      byCause: { product_quality: 1, service_attitude: 1 },
    });
    expect(Object.fromEntries(await measures.csatByCustomer(may))).toEqual({ [ada]: 5, [bo]: 3 });
    const quality = await measures.qualityComplaints(may);
    expect([...quality.keys()].sort()).toEqual([ada, cy].sort());
    expect(defined(quality.get(ada))).toBe('2024-05-01T02:00:00.000Z');
  });
});
