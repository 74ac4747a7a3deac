import type {
  ChartBlock,
  Locale,
  PageContent,
  StatsBlock,
  TableBlock,
  TextBlock,
  Viewer,
} from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  loseOpportunity,
  moveOpportunity,
  openOpportunity,
  winOpportunity,
} from '../opportunities/store';
import { agentFeesDue } from '../sources/agent-fees';
import { tablesOf } from '../tables';
import { type Kit, openKit } from '../test-kit';

const given = (value: unknown) => ({
  attributes: { source: { value, source: 'sales_rep' as const } },
});
const MAY = { from: '2024-05-01', to: '2024-05-31' };

describe.each(testDialects())('the development plugin’s console pages on %s', (dialect) => {
  let kit: Kit;
  let wang: number;
  let li: number;
  let zhao: number;
  let zhou: number;
  beforeEach(async () => {
    // The clock stands at 2024-06-01 (Beijing); the sources and deals below come in May.
    kit = await openKit(dialect);
    kit.t.clock.set('2024-05-10T02:00:00Z');
    wang = await kit.customer('王芳');
    li = await kit.customer('李雷', given({ kind: 'referral', referrerId: wang }));
    zhao = await kit.customer('赵敏', given({ kind: 'referral', referrerId: li }));
    const qian = await kit.customer('钱多', given({ kind: 'referral', referrerId: wang }));
    const sun = await kit.customer(
      '孙<b>',
      given({ kind: 'centre_of_influence', referrerId: wang }),
    );
    const wu = await kit.customer('吴用', given('meeting:Canton Fair'));
    zhou = await kit.customer('周到', given({ kind: 'agent', agent: 'Zhao', fee: 50_000 }));
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: zhou, amount: 300_000, placedAt: '2024-05-11T00:00:00Z' },
    ]);
    const rep = kit.rep.actor;
    await kit.run(async (ctx) => {
      const open = (customerId: number, owner: number, amount: number) =>
        openOpportunity(
          ctx,
          { customerId, ownerUserId: owner, amount, closeDay: '2024-06-20' },
          rep,
        );
      await open(li, kit.rep.id, 800_000);
      const visit = await open(zhao, kit.otherRep.id, 400_000);
      await moveOpportunity(ctx, { opportunityId: visit.id, stage: 'visit' }, rep);
      const won = await open(qian, kit.rep.id, 200_000);
      await moveOpportunity(ctx, { opportunityId: won.id, stage: 'visit' }, rep);
      await winOpportunity(ctx, { opportunityId: won.id }, rep);
      const lost = await open(sun, kit.rep.id, 100_000);
      await loseOpportunity(
        ctx,
        { opportunityId: lost.id, reason: 'competitor', competitor: 'Globex' },
        rep,
      );
      const price = await open(wu, kit.otherRep.id, 100_000);
      await loseOpportunity(ctx, { opportunityId: price.id, reason: 'price' }, rep);
    });
    kit.t.clock.set('2024-06-01T00:00:00Z');
  });
  afterEach(() => kit.t.destroy());

  const viewer = (role: Viewer['role']): Viewer => {
    const userId = role === 'rep' ? kit.rep.id : 9_999;
    return { userId, role, actor: `user:${userId}` };
  };
  const render = async (
    path: string,
    role: Viewer['role'] = 'manager',
    query: Record<string, string> = MAY,
    locale: Locale = 'en',
  ): Promise<PageContent> =>
    kit.t.core.console.render(kit.teamId, 'development', path, {
      locale,
      viewer: viewer(role),
      query,
      purpose: 'page',
    });
  const table = (content: PageContent, id: string) =>
    defined(
      content.blocks.find((block) => block.kind === 'table' && block.id === id) as
        | TableBlock
        | undefined,
    );
  const stats = (content: PageContent) =>
    Object.fromEntries(
      (content.blocks.find((block) => block.kind === 'stats') as StatsBlock).items.map((item) => [
        item.label,
        item.value,
      ]),
    );
  const markPaid = (customerId: string, role: Viewer['role'] = 'manager', locale: Locale = 'en') =>
    kit.t.core.console.run(
      kit.teamId,
      'development',
      'sources',
      'mark-paid',
      { customerId },
      { locale, viewer: viewer(role) },
    );
  const customers = (rows: TableBlock['rows'], column = 'customer') =>
    rows.map((row) => (row[column] as { text: string }).text);

  test('the pipeline: open by stage and owner, weighted; conversion, wins and losses in the range', async () => {
    const page = await render('pipeline');
    expect(page.blocks[0]).toMatchObject({
      kind: 'rule',
      text: expect.stringContaining('Appointment 10%, Sales visit 25%'),
    });
    expect(stats(page)).toMatchObject({
      'Open opportunities': 2,
      'Open amount': 'CN¥12,000.00',
      // 8,000 × 10% + 4,000 × 25%.
      'Weighted forecast': 'CN¥1,800.00',
      'Won in the range': 1,
      'Lost in the range': 2,
      'Win rate': '33.3%',
    });
    expect(table(page, 'by-stage').rows.slice(0, 2)).toEqual([
      {
        stage: 'Appointment',
        probability: '10%',
        count: 1,
        amount: 'CN¥8,000.00',
        weighted: 'CN¥800.00',
      },
      {
        stage: 'Sales visit',
        probability: '25%',
        count: 1,
        amount: 'CN¥4,000.00',
        weighted: 'CN¥1,000.00',
      },
    ]);
    expect(table(page, 'by-owner').rows.map((row) => [row.owner, row.count])).toEqual([
      ['Han Meimei', 1],
      ['Li Lei', 1],
    ]);
    // All five reached the appointment, two the visit (one open, one won); a won one counts
    // at every stage, so one of the two went on.
    expect(table(page, 'conversion').rows.slice(0, 3)).toEqual([
      { stage: 'Appointment', reached: 5, toNext: '40%' },
      { stage: 'Sales visit', reached: 2, toNext: '50%' },
      { stage: 'Proposal', reached: 1, toNext: '100%' },
    ]);
    const funnel = page.blocks.find((block) => block.kind === 'chart') as ChartBlock;
    expect(funnel.series[0]?.values.slice(0, 2)).toEqual([5, 2]);
    expect(table(page, 'lost-reasons').rows).toEqual([
      {
        reason: 'Lost to a competitor',
        count: 1,
        amount: 'CN¥1,000.00',
        competitors: 'Globex (1)',
      },
      { reason: 'Price', count: 1, amount: 'CN¥1,000.00', competitors: '' },
    ]);
    const open = table(page, 'open');
    expect(customers(open.rows)).toEqual(['李雷', '赵敏']);
    expect(open.rows[0]).toMatchObject({
      customer: { customerId: li },
      stage: 'Appointment',
      closeDay: '2024-06-20',
      owner: 'Li Lei',
      overdue: '',
    });
  });

  test('a range without deals counts none closed; a manager picks one owner', async () => {
    const april = await render('pipeline', 'manager', { from: '2024-04-01', to: '2024-04-30' });
    expect(stats(april)).toMatchObject({ 'Won in the range': 0, 'Win rate': '—' });
    expect(table(april, 'conversion').rows[0]).toMatchObject({ reached: 0, toNext: '—' });
    expect(table(april, 'lost-reasons').rows).toEqual([]);
    const han = await render('pipeline', 'manager', { ...MAY, owner: String(kit.otherRep.id) });
    expect(customers(table(han, 'open').rows)).toEqual(['赵敏']);
    expect(stats(han)).toMatchObject({ 'Lost in the range': 1 });
  });

  test('a rep sees their own pipeline only, whatever owner the query names', async () => {
    const own = await render('pipeline', 'rep', { ...MAY, owner: String(kit.otherRep.id) });
    expect(customers(table(own, 'open').rows)).toEqual(['李雷']);
    expect(table(own, 'by-owner').rows.map((row) => row.owner)).toEqual(['Li Lei']);
    expect(stats(own)).toMatchObject({ 'Won in the range': 1, 'Lost in the range': 1 });
    const filters = own.blocks.find((block) => block.kind === 'filters');
    expect(JSON.stringify(filters)).not.toContain('"owner"');
  });

  test('sources: customers, conversion, revenue and win rate by source; centres and fees', async () => {
    const page = await render('sources');
    expect(stats(page)).toMatchObject({
      'Customers who came': 6,
      'Bought (active)': 2,
      Conversion: '33.3%',
      'Sources refused': 0,
      'Centres of influence': 1,
      'Agents’ fees due': 'CN¥500.00',
    });
    const rows = table(page, 'by-source').rows;
    expect(rows.map((row) => row.source)).toEqual([
      'Meetings and fairs',
      'Commissioned agent',
      'Referral',
      'Centre of influence',
    ]);
    expect(rows[2]).toMatchObject({
      customers: 3,
      converted: 1,
      conversion: '33.3%',
      revenue: 'CN¥2,000.00',
      won: 1,
      lost: 0,
      winRate: '100%',
    });
    expect(rows[3]).toMatchObject({ customers: 1, won: 0, lost: 1, winRate: '0%' });
    const chart = page.blocks.find((block) => block.kind === 'chart') as ChartBlock;
    expect(chart.series.map((series) => series.values)).toEqual([
      [0, 100, 33.3, 0],
      [0, 0, 100, 0],
    ]);
    expect(table(page, 'centres').rows).toEqual([
      {
        customer: { text: '王芳', customerId: wang },
        referrals: 3,
        tree: {
          text: 'Show the tree',
          link: { page: 'referrals', query: { customerId: String(wang) } },
        },
      },
    ]);
    expect(table(page, 'agent-fees').rows).toEqual([
      expect.objectContaining({
        agent: 'Zhao',
        customer: { text: '周到', customerId: zhou },
        amount: 'CN¥500.00',
        owed: '2024-05-10',
      }),
    ]);
    const june = await render('sources', 'manager', { from: '2024-06-01', to: '2024-06-01' });
    expect(table(june, 'by-source').rows).toEqual([]);
  });

  test('a manager marks an agent’s fee paid from its row, once; a rep may not', async () => {
    const wei = await kit.customer('魏来', given({ kind: 'agent', agent: 'Qian', fee: 20_000 }));
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: wei, amount: 100_000, placedAt: '2024-05-31T00:00:00Z' },
    ]);
    const due = async () =>
      (await kit.run(agentFeesDue)).flatMap((agent) => agent.fees.map((fee) => fee.customerId));
    const paid = () =>
      kit.run((ctx) =>
        tablesOf(ctx)
          .selectFrom('development_agent_fees')
          .select(['customer_id', 'paid_at', 'paid_by'])
          .where('team_id', '=', ctx.teamId)
          .orderBy('customer_id')
          .execute(),
      );
    for (const [locale, label] of [
      ['en', 'Mark paid'],
      ['zh-CN', '标记为已付'],
    ] as const) {
      const rows = table(await render('sources', 'manager', MAY, locale), 'agent-fees').rows;
      expect(rows.map((row) => row.pay)).toEqual(
        [wei, zhou].map((id) => ({
          action: 'mark-paid',
          label,
          fields: { customerId: String(id) },
        })),
      );
    }
    const unpaid = await paid();
    await expect(markPaid(String(zhou), 'rep')).rejects.toMatchObject({
      code: 'GX_ERR_FORBIDDEN',
    });
    await expect(markPaid('zhou')).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'customerId' }],
    });
    expect(await paid()).toEqual(unpaid);

    await markPaid(String(zhou), 'manager', 'zh-CN');
    expect(await due()).toEqual([wei]);
    const afterFirst = await paid();
    expect(afterFirst.find((row) => Number(row.customer_id) === zhou)).toMatchObject({
      paid_at: expect.stringMatching(/^2024-06-01T00:00:00/),
      paid_by: viewer('manager').actor,
    });
    expect(afterFirst.find((row) => Number(row.customer_id) === wei)).toMatchObject({
      paid_at: null,
      paid_by: null,
    });
    const page = await render('sources');
    expect(customers(table(page, 'agent-fees').rows)).toEqual(['魏来']);
    expect(stats(page)).toMatchObject({ 'Agents’ fees due': 'CN¥200.00' });

    for (const again of [String(zhou), String(zhao)]) {
      await expect(markPaid(again)).rejects.toMatchObject({
        code: 'GX_ERR_NOT_FOUND',
        issues: [{ path: 'customerId' }],
      });
    }
    expect(await paid()).toEqual(afterFirst);
    expect(await due()).toEqual([wei]);
  });

  test('the referral tree: the chain above a customer and those they brought, in Chinese too', async () => {
    const page = await render('referrals', 'manager', { customerId: String(li) }, 'zh-CN');
    expect(page.blocks[2]).toEqual({ kind: 'heading', text: '李雷' });
    expect(stats(page)).toEqual({ 介绍人: '王芳', 转介绍: 1, 树中客户: 1, 中心人物: '否' });
    expect(customers(table(page, 'chain').rows)).toEqual(['王芳']);
    expect(table(page, 'brought').rows).toEqual([
      expect.objectContaining({
        level: 1,
        customer: { text: '赵敏', customerId: zhao },
        cameBy: '客户介绍',
        referrals: 0,
      }),
    ]);
    const top = await render('referrals', 'manager', { customerId: String(wang), depth: '1' });
    expect(stats(top)).toMatchObject({ 'Referred by': 'nobody', 'Centre of influence': 'yes' });
    expect(customers(table(top, 'brought').rows)).toEqual(['李雷', '钱多', '孙<b>']);
    expect(top.blocks.at(-1)).toEqual({
      kind: 'text',
      text: 'More referrals lie deeper than 1 levels: raise the levels to see them.',
    } satisfies TextBlock);
    const chainOfZhao = await render('referrals', 'manager', { customerId: String(zhao) });
    expect(customers(table(chainOfZhao, 'chain').rows)).toEqual(['王芳', '李雷']);
  });

  test('without a customer, the centres to start from; a rep opens only customers they may see', async () => {
    const start = await render('referrals', 'manager', {});
    expect(customers(table(start, 'centres').rows)).toEqual(['王芳']);
    const repStart = await render('referrals', 'rep', {});
    expect(repStart.blocks.some((block) => block.kind === 'table')).toBe(false);
    await expect(render('referrals', 'rep', { customerId: String(wang) })).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
      issues: [{ path: 'customerId' }],
    });
    await kit.t.core.customers.update(kit.teamId, wang, { ownerUserId: kit.rep.id });
    const mine = await render('referrals', 'rep', { customerId: String(wang) });
    expect(customers(table(mine, 'brought').rows)).toHaveLength(4);
  });

  test('the timeline: where the customer came from and whom they brought, linked to the tree', async () => {
    const entries = await kit.t.core.console.timeline(kit.teamId, {
      customerId: li,
      limit: 10,
      locale: 'en',
    });
    const ours = entries.filter((entry) => entry.plugin === 'development');
    expect(ours.map((entry) => entry.text)).toEqual(['Brought 赵敏', 'Came by Referral from 王芳']);
    expect(ours[0]?.link).toEqual({ page: 'referrals', query: { customerId: String(li) } });
  });
});
