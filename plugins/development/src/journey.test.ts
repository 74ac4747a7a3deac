import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pipeline, winRateBySource } from './opportunities/reports';
import { openOpportunity, winOpportunity } from './opportunities/store';
import { setCustomerType } from './persuasion/set-type';
import { logTaggedInteraction } from './signals/tag';
import { referralTree } from './sources/referrals';
import { type Kit, openKit } from './test-kit';

/**
 * The walk-through on the plugin's functions: a referred customer from an e-mail, an
 * opportunity, an e-mail with two buying signals, the type and its strategy, the win with its
 * order, then the manager's reports. test/scenario/development-scenario.test.ts walks the same
 * way through the REST API.
 */
describe.each(testDialects())('a rep wins a referred customer on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect, { locale: 'zh-CN' });
  });
  afterEach(() => kit.t.destroy());

  test('from the referral to the order, on the card and in the reports', async () => {
    const wang = await kit.customer('Wang Trading', { externalRef: 'C-1' });
    expect((await kit.card(wang)).slot.referrals).toBe(0);

    const li = (
      await kit.t.core.customers.create(kit.teamId, {
        kind: 'person',
        name: 'Li Na',
        emails: ['li.na@lifoods.example'],
        attributes: { source: { value: 'referral:C-1', source: 'sales_rep' } },
      })
    ).id;
    expect((await kit.card(wang)).slot.referrals).toBe(1);
    expect((await kit.card(li, 'zh-CN')).item('客户来源')).toBe('客户介绍：Wang Trading');

    const opportunity = await kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: li, amount: 880_000, closeDay: '2024-06-30', title: 'Cold chain' },
        kit.rep.actor,
      ),
    );
    kit.t.clock.advance({ hours: 2 });
    await kit.run((ctx) =>
      logTaggedInteraction(
        ctx,
        {
          interaction: {
            customerId: li,
            channel: 'email',
            direction: 'inbound',
            summary: 'Can you do better on price, and who services the units?',
            occurredAt: '2024-06-01T02:00:00Z',
            actor: kit.rep.actor,
          },
          signals: ['asks_lower_price', 'asks_details'],
        },
        kit.rep.actor,
      ),
    );
    await kit.run((ctx) =>
      setCustomerType(ctx, { customerId: li, type: 'haggler' }, kit.rep.actor),
    );

    const zh = await kit.card(li, 'zh-CN');
    expect(zh.card.nextBestAction).toMatchObject({
      plugin: 'development',
      label: '提出成交请求',
      reason: '成交信号：要求降价、询问细节、注意事项或售后服务',
    });
    expect(zh.slot.customerType).toMatchObject({ type: 'haggler', label: '斤斤计较型' });
    expect(zh.item('客户类型')).toMatch(/^斤斤计较型：讲清整体价值/);
    const en = await kit.card(li, 'en');
    expect(en.card.nextBestAction).toMatchObject({ label: 'Ask for the order' });
    expect(en.item('Customer type')).toMatch(/^Haggler: Show the whole value/);

    const won = await kit.run((ctx) =>
      winOpportunity(ctx, { opportunityId: opportunity.id }, kit.rep.actor),
    );
    const orders = await kit.t.core.orders.forCustomer(kit.teamId, li);
    expect(orders).toMatchObject([{ id: won.orderId, amount: 880_000, currency: 'CNY' }]);
    expect(defined(await kit.t.core.customers.find(kit.teamId, li)).stage).toBe('active');
    const after = await kit.card(li, 'zh-CN');
    expect(after.slot.opportunity).toBeNull();
    expect(after.card.nextBestAction?.label).not.toBe('提出成交请求');

    await kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: wang, amount: 100_000, closeDay: '2024-07-31' },
        kit.otherRep.actor,
      ),
    );
    const board = await kit.run((ctx) => pipeline(ctx));
    expect(board.stages[0]).toMatchObject({ stage: 'appointment', count: 1 });
    expect(board.owners).toMatchObject([
      { ownerUserId: kit.otherRep.id, count: 1, amount: { CNY: 100_000 } },
    ]);
    expect(await kit.run(winRateBySource)).toMatchObject([
      { kind: 'referral', label: { 'zh-CN': '客户介绍' }, won: 1, lost: 0, winRate: 1 },
    ]);
    const tree = await kit.run((ctx) => referralTree(ctx, { customerId: wang }));
    expect(tree.root.children).toMatchObject([{ customerId: li, name: 'Li Na', kind: 'referral' }]);
  });
});
