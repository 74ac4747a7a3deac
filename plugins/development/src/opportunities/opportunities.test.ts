import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { heard, type Kit, NOW, openKit } from '../test-kit';
import { balanceOf, getOpportunity, stageHistory } from './opportunity';
import { forecast, lostReasons, pipeline, stageConversion, winRateBySource } from './reports';
import {
  checkPoints,
  loseOpportunity,
  moveOpportunity,
  openOpportunity,
  setBalance,
  updateOpportunity,
  winOpportunity,
} from './store';

describe.each(testDialects())('opportunities on %s', (dialect) => {
  let kit: Kit;
  let customer: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    customer = await kit.customer('Acme', { stage: 'target' });
  });
  afterEach(() => kit.t.destroy());

  const open = (input: Record<string, unknown> = {}, actor = kit.rep.actor) =>
    kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: customer, amount: 800_000, closeDay: '2024-07-15', ...input },
        actor,
      ),
    );

  test('opens at the first stage, owned by the caller, in the team’s currency, announced', async () => {
    const opportunity = await open({ title: 'Fleet renewal' });
    expect(opportunity).toMatchObject({
      customerId: customer,
      ownerUserId: kit.rep.id,
      title: 'Fleet renewal',
      amount: 800_000,
      currency: 'CNY',
      closeDay: '2024-07-15',
      stage: 'appointment',
      status: 'open',
      probability: 0.1,
      checklist: { introduced: false, answered: false, benefits: false },
      createdAt: NOW,
    });
    expect(heard).toEqual([
      {
        hook: 'opportunity:stageChanged',
        items: [
          expect.objectContaining({ from: null, stage: 'appointment', actor: kit.rep.actor }),
        ],
      },
    ]);
  });

  test('an owner must be a team member; a bad day or stage names its field', async () => {
    await expect(open({ ownerUserId: 999 })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'ownerUserId', message: 'not a member of the team' }],
    });
    await expect(open({}, 'system')).rejects.toMatchObject({
      issues: [{ path: 'ownerUserId', message: 'name the team member who owns it' }],
    });
    await expect(open({ closeDay: '2024-02-30' })).rejects.toMatchObject({
      issues: [{ path: 'closeDay' }],
    });
    await expect(open({ stage: 'won' })).rejects.toMatchObject({
      issues: [{ path: 'stage', message: expect.stringContaining('appointment, visit') }],
    });
    await expect(open({ customerId: 999_999 })).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND' });
  });

  test('moves between stages keep a history with times and actors', async () => {
    const { id } = await open();
    kit.t.clock.advance({ days: 2 });
    await kit.run((ctx) =>
      moveOpportunity(
        ctx,
        { opportunityId: id, stage: 'visit', note: 'met the buyer' },
        kit.rep.actor,
      ),
    );
    kit.t.clock.advance({ days: 1 });
    const back = await kit.run((ctx) =>
      moveOpportunity(ctx, { opportunityId: id, stage: 'appointment' }, kit.otherRep.actor),
    );
    expect(back).toMatchObject({
      stage: 'appointment',
      stageChangedAt: '2024-06-04T00:00:00.000Z',
    });
    expect(await kit.run((ctx) => stageHistory(ctx, id))).toEqual([
      { from: null, to: 'appointment', actor: kit.rep.actor, note: null, at: NOW },
      {
        from: 'appointment',
        to: 'visit',
        actor: kit.rep.actor,
        note: 'met the buyer',
        at: '2024-06-03T00:00:00.000Z',
      },
      {
        from: 'visit',
        to: 'appointment',
        actor: kit.otherRep.actor,
        note: null,
        at: '2024-06-04T00:00:00.000Z',
      },
    ]);
    await expect(
      kit.run((ctx) => moveOpportunity(ctx, { opportunityId: id, stage: 'appointment' }, 'x')),
    ).rejects.toMatchObject({ code: 'GX_ERR_CONFLICT' });
  });

  test('winning records the order through the core, which makes the customer active', async () => {
    const { id } = await open();
    heard.length = 0;
    const won = await kit.run((ctx) =>
      winOpportunity(ctx, { opportunityId: id, cost: 500_000 }, kit.rep.actor),
    );
    expect(won).toMatchObject({ status: 'won', stage: 'won', probability: 1, closedAt: NOW });
    const [order] = await kit.t.core.orders.forCustomer(kit.teamId, customer);
    expect(order).toMatchObject({
      id: won.orderId,
      amount: 800_000,
      cost: 500_000,
      currency: 'CNY',
      externalId: `opportunity-${id}`,
      placedAt: NOW,
    });
    const after = defined(await kit.t.core.customers.find(kit.teamId, customer));
    expect(after.stage).toBe('active');
    const [transition] = (await kit.t.core.lifecycle.history(kit.teamId, customer)).slice(-1);
    expect(transition).toMatchObject({ to: 'active', cause: 'order', actor: kit.rep.actor });
    expect(heard.map((h) => h.hook)).toEqual(['opportunity:stageChanged', 'opportunity:won']);
    expect(heard[1]?.items[0]).toMatchObject({
      from: 'appointment',
      stage: 'won',
      orderId: won.orderId,
    });
    await expect(
      kit.run((ctx) => moveOpportunity(ctx, { opportunityId: id, stage: 'visit' }, 'x')),
    ).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
      issues: [{ path: 'opportunityId', message: 'already won' }],
    });
  });

  test('an order the company already sent is linked, not recorded twice', async () => {
    const { id } = await open();
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: customer, amount: 750_000, placedAt: '2024-05-30', externalId: 'ERP-7' },
    ]);
    const won = await kit.run((ctx) =>
      winOpportunity(ctx, { opportunityId: id, externalId: 'ERP-7' }, 'x'),
    );
    const orders = await kit.t.core.orders.forCustomer(kit.teamId, customer);
    expect(orders).toHaveLength(1);
    expect(won.orderId).toBe(orders[0]?.id);
  });

  test('losing keeps the reason and the competitor; to a competitor one must be named', async () => {
    const { id } = await open();
    await expect(
      kit.run((ctx) => loseOpportunity(ctx, { opportunityId: id, reason: 'competitor' }, 'x')),
    ).rejects.toMatchObject({
      issues: [{ path: 'competitor', message: 'name the competitor the opportunity was lost to' }],
    });
    heard.length = 0;
    const lost = await kit.run((ctx) =>
      loseOpportunity(
        ctx,
        { opportunityId: id, reason: 'competitor', competitor: 'Globex', note: 'cheaper' },
        kit.rep.actor,
      ),
    );
    expect(lost).toMatchObject({
      status: 'lost',
      lostReason: 'competitor',
      competitor: 'Globex',
      lostNote: 'cheaper',
      probability: 0,
    });
    expect(heard.map((h) => h.hook)).toEqual(['opportunity:stageChanged', 'opportunity:lost']);
    expect(await kit.t.core.orders.forCustomer(kit.teamId, customer)).toEqual([]);
  });

  test('the events reach webhooks of the team', async () => {
    await kit.t.core.webhooks.create(
      kit.teamId,
      { url: 'https://hooks.example.com/x', events: ['opportunity:won'] },
      'admin',
    );
    const { id } = await open();
    await kit.run((ctx) => winOpportunity(ctx, { opportunityId: id }, kit.rep.actor));
    const outbox = await kit.t.core.db.selectFrom('outbox').select(['event', 'payload']).execute();
    expect(outbox.map((row) => row.event)).toEqual(['opportunity:won']);
    expect(JSON.parse(String(outbox[0]?.payload))).toMatchObject({
      items: [{ opportunityId: id, customerId: customer, stage: 'won' }],
    });
  });

  test('update changes the open opportunity only; the three points and the balance are kept', async () => {
    const { id } = await open();
    const updated = await kit.run((ctx) =>
      updateOpportunity(
        ctx,
        {
          opportunityId: id,
          amount: 900_000,
          closeDay: '2024-08-01',
          ownerUserId: kit.otherRep.id,
        },
        'x',
      ),
    );
    expect(updated).toMatchObject({
      amount: 900_000,
      closeDay: '2024-08-01',
      ownerUserId: kit.otherRep.id,
    });
    // An empty change writes nothing and answers the opportunity as it is.
    expect(await kit.run((ctx) => updateOpportunity(ctx, { opportunityId: id }, 'x'))).toEqual(
      updated,
    );
    const checked = await kit.run((ctx) =>
      checkPoints(ctx, { opportunityId: id, introduced: true, benefits: true }),
    );
    expect(checked.checklist).toEqual({ introduced: true, answered: false, benefits: true });
    await kit.run((ctx) =>
      setBalance(
        ctx,
        {
          opportunityId: id,
          benefits: ['Half the downtime', 'One supplier'],
          losses: ['Fines go on'],
        },
        'x',
      ),
    );
    await kit.run((ctx) =>
      setBalance(
        ctx,
        {
          opportunityId: id,
          benefits: ['Half the downtime'],
          losses: ['Fines go on', 'Staff leave'],
        },
        'x',
      ),
    );
    expect(await kit.run((ctx) => balanceOf(ctx, id))).toEqual({
      benefits: ['Half the downtime'],
      losses: ['Fines go on', 'Staff leave'],
    });
    await expect(
      kit.run((ctx) =>
        setBalance(ctx, { opportunityId: id, benefits: Array(11).fill('x'), losses: [] }, 'x'),
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'benefits', message: 'at most 10' }] });
    await kit.run((ctx) => loseOpportunity(ctx, { opportunityId: id, reason: 'timing' }, 'x'));
    await expect(
      kit.run((ctx) => checkPoints(ctx, { opportunityId: id, answered: true })),
    ).rejects.toMatchObject({ code: 'GX_ERR_CONFLICT' });
    expect((await kit.run((ctx) => getOpportunity(ctx, id))).checklist.answered).toBe(false);
  });

  test('another team’s opportunity is not found', async () => {
    const { id } = await open();
    const other = (await kit.t.core.teams.create({ name: 'South', slug: 'south' })).id;
    await kit.t.core.plugins.enable(other, 'development', 'admin');
    await expect(kit.run((ctx) => getOpportunity(ctx, id), other)).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
      issues: [{ path: 'opportunityId' }],
    });
  });

  describe('reports', () => {
    /** Two reps' pipelines: stages, wins and losses, from customers of two sources. */
    async function book() {
      const web = await kit.customer('Web lead', {
        attributes: { source: { value: 'web', source: 'website' } },
      });
      const fair = await kit.customer('Fair lead', {
        attributes: { source: { value: 'meeting', source: 'fair' } },
      });
      const opened = async (
        customerId: number,
        amount: number,
        closeDay: string,
        owner = kit.rep.actor,
      ) =>
        (await kit.run((ctx) => openOpportunity(ctx, { customerId, amount, closeDay }, owner))).id;
      const a = await opened(web, 100_000, '2024-06-20');
      const b = await opened(web, 200_000, '2024-07-10', kit.otherRep.actor);
      const c = await opened(fair, 400_000, '2024-05-20');
      const d = await opened(fair, 50_000, '2024-06-25');
      const e = await opened(customer, 70_000, '2024-06-25');
      await kit.run((ctx) => moveOpportunity(ctx, { opportunityId: b, stage: 'visit' }, 'x'));
      await kit.run((ctx) => moveOpportunity(ctx, { opportunityId: c, stage: 'proposal' }, 'x'));
      await kit.run((ctx) => moveOpportunity(ctx, { opportunityId: d, stage: 'visit' }, 'x'));
      await kit.run((ctx) => winOpportunity(ctx, { opportunityId: d }, 'x'));
      await kit.run((ctx) => loseOpportunity(ctx, { opportunityId: e, reason: 'price' }, 'x'));
      return { a, b, c, d, e };
    }

    test('the pipeline by stage for the team and each rep, weighted by probability', async () => {
      await book();
      const report = await kit.run((ctx) => pipeline(ctx));
      expect(report.stages.map((s) => [s.stage, s.count, s.amount, s.weighted])).toEqual([
        ['appointment', 1, { CNY: 100_000 }, { CNY: 10_000 }],
        ['visit', 1, { CNY: 200_000 }, { CNY: 50_000 }],
        ['proposal', 1, { CNY: 400_000 }, { CNY: 200_000 }],
        ['negotiation', 0, {}, {}],
      ]);
      expect(report.owners.map((o) => [o.name, o.count, o.amount, o.weighted])).toEqual([
        ['Han Meimei', 1, { CNY: 200_000 }, { CNY: 50_000 }],
        ['Li Lei', 2, { CNY: 500_000 }, { CNY: 210_000 }],
      ]);
      const mine = await kit.run((ctx) => pipeline(ctx, { ownerUserId: kit.otherRep.id }));
      expect(mine.owners.map((o) => o.name)).toEqual(['Han Meimei']);
    });

    test('conversion between stages, win rate by source and the weighted forecast', async () => {
      await book();
      const conversion = await kit.run(stageConversion);
      expect(conversion.stages.map((s) => [s.stage, s.reached, s.toNext])).toEqual([
        ['appointment', 5, 0.6],
        ['visit', 3, 2 / 3],
        ['proposal', 2, 0.5],
        ['negotiation', 1, 1],
      ]);
      expect(conversion).toMatchObject({ won: 1, lost: 1, winRate: 0.5 });
      expect(await kit.run(winRateBySource)).toEqual([
        {
          kind: 'meeting',
          label: { en: 'Meetings and fairs', 'zh-CN': '会议' },
          won: 1,
          lost: 0,
          winRate: 1,
        },
        {
          kind: null,
          label: { en: 'No source', 'zh-CN': '来源未知' },
          won: 0,
          lost: 1,
          winRate: 0,
        },
      ]);
      expect(await kit.run(forecast)).toEqual({
        months: [
          { month: '2024-05', count: 1, amount: { CNY: 400_000 }, weighted: { CNY: 200_000 } },
          { month: '2024-06', count: 1, amount: { CNY: 100_000 }, weighted: { CNY: 10_000 } },
          { month: '2024-07', count: 1, amount: { CNY: 200_000 }, weighted: { CNY: 50_000 } },
        ],
        total: { count: 3, amount: { CNY: 700_000 }, weighted: { CNY: 260_000 } },
        overdue: 1,
      });
    });

    test('lost opportunities by reason, with the competitors they went to', async () => {
      const { a, b } = await book();
      await kit.run((ctx) =>
        loseOpportunity(ctx, { opportunityId: a, reason: 'competitor', competitor: 'Globex' }, 'x'),
      );
      await kit.run((ctx) =>
        loseOpportunity(ctx, { opportunityId: b, reason: 'competitor', competitor: 'Globex' }, 'x'),
      );
      expect(await kit.run(lostReasons)).toEqual([
        {
          reason: 'competitor',
          label: { en: 'Lost to a competitor', 'zh-CN': '输给竞争对手' },
          count: 2,
          amount: { CNY: 300_000 },
          competitors: { Globex: 2 },
        },
        {
          reason: 'price',
          label: { en: 'Price', 'zh-CN': '价格' },
          count: 1,
          amount: { CNY: 70_000 },
          competitors: {},
        },
      ]);
    });

    test('a stage the team removes counts at probability 0 and keeps its place in reports', async () => {
      const { c } = await book();
      await kit.configure({
        opportunities: {
          stages: [
            {
              id: 'appointment',
              label: { en: 'Appointment', 'zh-CN': '销售预约' },
              probability: 0.2,
            },
            { id: 'visit', label: { en: 'Visit', 'zh-CN': '销售拜访' }, probability: 0.4 },
          ],
        },
      });
      const opportunity = await kit.run((ctx) => getOpportunity(ctx, c));
      expect(opportunity).toMatchObject({ stage: 'proposal', probability: 0 });
      const report = await kit.run((ctx) => pipeline(ctx));
      expect(report.stages.map((s) => [s.stage, s.count, s.weighted])).toEqual([
        ['appointment', 1, { CNY: 20_000 }],
        ['visit', 1, { CNY: 80_000 }],
        ['proposal', 1, { CNY: 0 }],
      ]);
    });
  });
});
