import type { Locale, StatsBlock, TableBlock, TextBlock, Viewer } from '@guanxi/core';
import loyalty from '@guanxi/plugin-loyalty';
import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import winback from '@guanxi/plugin-winback';
import { createTestCore, defined, pageInput, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import reports from './index';

const MAY = { from: '2024-05-01', to: '2024-05-31' };

describe.each(testDialects())('the cross-cutting reports on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let rep: number;
  let manager: number;

  const render = (path: string, role: Viewer['role'], locale: Locale = 'en', userId = 1) =>
    t.core.console.render(teamId, 'reports', path, {
      ...pageInput(role, locale, MAY),
      viewer: { userId, role, actor: `user:${userId}` },
    });

  /** Calls a plugin's route by its operation as a manager. */
  const send = (
    plugin: string,
    operationId: string,
    body: unknown,
    params?: Record<string, string>,
  ) =>
    t.core.plugins.serve(
      teamId,
      plugin,
      operationId,
      { body, ...(params === undefined ? {} : { params }) },
      { actor: `user:${manager}`, role: 'manager', locale: 'en' },
    );

  beforeEach(async () => {
    // The team keeps Beijing days; the clock ends at 2024-06-01; every order is 100.00 CNY.
    t = await createTestCore({
      dialect,
      plugins: [scoring, tiering, service, winback, loyalty, reports],
      now: '2024-05-01T00:00:00Z',
      hookTimeoutMs: 10_000,
    });
    teamId = (await t.core.teams.create({ name: '北方 North', slug: 'north' })).id;
    for (const plugin of ['service', 'winback', 'loyalty', 'reports'])
      await t.core.plugins.enable(teamId, plugin, 'test');
    const member = async (name: string, role: 'rep' | 'manager') => {
      const user = await t.core.users.create({ email: `${role}@north.test`, name });
      await t.core.users.setRole(teamId, user.id, role);
      return user.id;
    };
    rep = await member('Rep Li', 'rep');
    manager = await member('Manager Wang', 'manager');
    const customer = async (name: string, ownerUserId?: number) =>
      (
        await t.core.customers.create(teamId, {
          kind: 'person',
          name,
          ...(ownerUserId === undefined ? {} : { ownerUserId }),
        })
      ).id;
    // The rep owns A and B, the manager C; nobody owns D.
    const [a, b, c, d] = [
      await customer('A', rep),
      await customer('B', rep),
      await customer('C', manager),
      await customer('D'),
    ];
    const { recorded } = await t.core.orders.record(
      teamId,
      [
        [a, '2024-04-10'],
        [a, '2024-05-05'],
        [b, '2024-05-06'],
        [b, '2024-05-07'],
        [b, '2024-05-15'],
        [c, '2024-05-08'],
        [d, '2024-05-09'],
      ].map(([customerId, placedAt]) => ({
        customerId: customerId as number,
        amount: 10_000,
        placedAt: placedAt as string,
      })),
    );
    await t.core.interactions.log(
      teamId,
      [
        [a, 'inbound', '2024-05-10'],
        [c, 'outbound', '2024-05-11'],
        [d, 'inbound', '2024-04-01'],
      ].map(([customerId, direction, occurredAt]) => ({
        customerId: customerId as number,
        channel: 'phone' as const,
        direction: direction as 'inbound' | 'outbound',
        summary: 'call',
        occurredAt: occurredAt as string,
        actor: 'test',
      })),
    );
    const clock = t.clock;
    clock.set('2024-05-01T02:00:00Z');
    await send('service', 'openComplaint', {
      customerId: a,
      cause: 'product_quality',
      summary: 'x',
    });
    clock.set('2024-05-12T02:00:00Z');
    await send('service', 'openComplaint', {
      customerId: b,
      cause: 'service_attitude',
      summary: 'x',
    });
    await send(
      'loyalty',
      'flagDiscount',
      { discounted: true },
      { orderId: String(defined(recorded[2]).id) },
    );
    await send('loyalty', 'recordAttitude', {
      customerId: a,
      score: 5,
      choosingDays: 3,
      qualityTolerance: 4,
    });
    await send('loyalty', 'recordAttitude', { customerId: b, score: 2, choosingDays: 7 });
    clock.set('2024-05-20T02:00:00Z');
    await send('service', 'openComplaint', {
      customerId: c,
      cause: 'product_quality',
      summary: 'x',
    });
    const survey = (customerId: number, body: Record<string, unknown>) =>
      send('service', 'recordSurvey', { customerId, answeredAt: '2024-05-19', ...body });
    await survey(a, { kind: 'nps', score: 10 });
    await survey(a, { kind: 'csat', score: 5, byName: true, needsMet: 90, walletShare: 40 });
    await survey(b, { kind: 'nps', score: 6 });
    await survey(b, { kind: 'csat', score: 2, byName: false, needsMet: 50 });
    await survey(c, { kind: 'csat', score: 4, byName: true });
    await survey(d, { kind: 'nps', score: 8 });
    // D churns; A churns and comes back on 1 June (Beijing), after the range.
    clock.set('2024-05-25T02:00:00Z');
    for (const id of [d, a]) {
      await t.core.lifecycle.transition(teamId, id, {
        to: 'churned',
        reason: 'left',
        actor: 'test',
      });
    }
    clock.set('2024-06-01T00:00:00Z');
    await t.core.orders.record(teamId, [
      { customerId: a, amount: 10_000, placedAt: '2024-05-31T20:00:00Z' },
    ]);
  });
  afterEach(() => t.destroy());

  test('satisfaction by its six measures, each with its source', async () => {
    const { blocks } = await render('satisfaction', 'manager');
    expect(blocks.map((block) => block.kind)).toEqual([
      'rule',
      'filters',
      'stats',
      'chart',
      'table',
    ]);
    expect((blocks[2] as StatsBlock).items).toEqual([
      { label: 'CSAT (mean)', value: '3.67 / 5' },
      { label: 'Satisfied (4 or 5)', value: '66.7%' },
      { label: 'Buyers', value: 4 },
      { label: 'Complaints', value: 3 },
    ]);
    expect(blocks[3]).toMatchObject({ series: [{ values: [33.3, 66.7, 50, 75, 16.7] }] });
    expect((blocks[4] as TableBlock).rows).toEqual([
      {
        label: 'Reputation: would recommend us (NPS)',
        value: 'NPS 0, 33.3% promoters',
        basis: '3 answers',
        source: 'NPS surveys (service)',
      },
      {
        label: 'Asked for us by name',
        value: '66.7%',
        basis: '3 answers',
        source: 'Survey question “did you ask for us by name?” (service)',
      },
      {
        label: 'Return rate: buyers who came back',
        value: '50%',
        basis: '4 buyers',
        source: 'Orders',
      },
      {
        label: 'Complaint rate: complaints per 100 buyers',
        value: '75',
        basis: '3 complaints, 4 buyers',
        source: 'Complaints (service) and orders',
      },
      {
        label: 'Purchase amount',
        value: 'CN¥600.00 (CN¥150.00 a buyer)',
        basis: '6 orders',
        source: 'Orders',
      },
      {
        label: 'Price sensitivity: orders at a discount',
        value: '16.7%',
        basis: '6 orders',
        source: 'Discount flags on orders (loyalty)',
      },
    ]);
  });

  test('satisfaction against loyalty, in Chinese', async () => {
    const { blocks } = await render('satisfaction-loyalty', 'admin', 'zh-CN');
    expect((blocks[0] as TextBlock).text).toContain('满意不等于忠诚');
    expect((blocks[2] as StatsBlock).items).toEqual([
      { label: '接受调查的客户', value: 3 },
      { label: '满意', value: '66.7%' },
      { label: '忠诚', value: '66.7%' },
    ]);
    expect(blocks[3]).toMatchObject({
      labels: ['满意', '不满意'],
      series: [
        { name: '忠诚', values: [1, 1] },
        { name: '不忠诚', values: [1, 0] },
      ],
    });
    expect((blocks[4] as TableBlock).rows.map((row) => [row.label, row.customers])).toEqual([
      ['满意且忠诚', 1],
      ['满意但不忠诚', 1],
      ['不满意但忠诚', 1],
      ['不满意且不忠诚', 0],
    ]);
  });

  test('the retention indicators, from orders, interactions, surveys and complaints', async () => {
    const { blocks } = await render('retention', 'manager');
    // A got in touch, and B and C complained (a complaint is an inbound contact): 3 of 4.
    expect(blocks[3]).toMatchObject({ series: [{ values: [50, 70, 75, 16.7, 50, 40] }] });
    expect((blocks[4] as TableBlock).rows.map((row) => [row.value, row.basis])).toEqual([
      ['50%', '4 buyers'],
      ['70%', '2 answers'],
      ['75%', '4 buyers'],
      ['5 days', '2 answers'],
      ['16.7%', '6 orders'],
      ['50%', '2 customers who complained'],
      ['4 / 5', '1 answer'],
      ['40%', '1 answer'],
    ]);
  });

  test('each rep’s figures: a manager sees every member and the team, a rep their own', async () => {
    const { blocks } = await render('rep-figures', 'manager');
    const rows = (blocks[4] as TableBlock).rows;
    expect(rows).toEqual([
      {
        member: 'Manager Wang',
        customers: 1,
        buyers: 1,
        revenue: 100,
        cameBack: '0%',
        complaints: 1,
        complaintRate: 100,
        csat: 4,
        csatAnswers: 1,
        satisfied: '100%',
        churned: 0,
        wonBack: 0,
      },
      {
        member: 'Rep Li',
        customers: 2,
        buyers: 2,
        revenue: 400,
        cameBack: '100%',
        complaints: 2,
        complaintRate: 100,
        csat: 3.5,
        csatAnswers: 2,
        satisfied: '50%',
        churned: 1,
        wonBack: 1,
      },
      {
        member: 'Whole team',
        customers: 4,
        buyers: 4,
        revenue: 600,
        cameBack: '50%',
        complaints: 3,
        complaintRate: 75,
        csat: 3.67,
        csatAnswers: 3,
        satisfied: '66.7%',
        churned: 2,
        wonBack: 1,
      },
    ]);
    expect(blocks[3]).toMatchObject({
      labels: ['Manager Wang', 'Rep Li'],
      series: [{ values: [100, 50] }, { values: [0, 100] }],
    });
    const own = await render('rep-figures', 'rep', 'zh-CN', rep);
    expect((own.blocks[0] as TextBlock).text).toContain('考核员工工作绩效');
    expect((own.blocks[4] as TableBlock).rows.map((row) => row.member)).toEqual(['Rep Li']);
  });

  test('reports need the manager’s role, but a rep’s own figures; a plugin off says so', async () => {
    for (const path of ['satisfaction', 'satisfaction-loyalty', 'retention']) {
      await expect(render(path, 'rep')).rejects.toMatchObject({ code: 'GX_ERR_FORBIDDEN' });
    }
    await t.core.plugins.disable(teamId, 'loyalty', 'test');
    const satisfaction = await render('satisfaction', 'manager');
    expect((satisfaction.blocks[4] as TableBlock).rows[5]).toEqual({
      label: 'Price sensitivity: orders at a discount',
      value: '—',
      basis: '—',
      source: 'no figures: the loyalty plugin is off for the team',
    });
    const both = await render('satisfaction-loyalty', 'manager', 'zh-CN');
    expect(both.blocks[2]).toEqual({
      kind: 'text',
      text: '无数据：本报表需要本团队启用服务插件和忠诚插件。',
    });
  });
});
