import { defined, expectInvalid, expectJson, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Playbook } from './playbook/playbooks';
import type { WinbackReport } from './report';
import { daysAgo, type Kit, NOW, openKit, tiered } from './test-kit';

const at = (days: number) => new Date(Date.parse(NOW) + days * 86_400_000).toISOString();

describe.each(testDialects())('playbooks, win-back and the report on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  test('policy by tier: steps, owner and due dates by urgency; small at a loss let go', async () => {
    const [important, secondary, normal, small] = await tiered(kit);
    for (const id of [important, secondary, normal, small]) await kit.churn(defined(id));
    const [key] = await kit.playbooks(defined(important));
    expect(key).toMatchObject({
      policy: 'all_costs',
      tier: 4,
      ownerUserId: kit.a.userIds.rep,
      status: 'open',
      kind: 'natural',
    });
    expect(defined(key).steps.map((s) => [s.stepNo, s.action, s.dueAt])).toEqual([
      [1, 'investigate', at(1)],
      [2, 'soothe', at(2)],
      [3, 'check_location', at(3)],
      [4, 'invite_back', at(4)],
    ]);
    expect((await kit.playbooks(defined(secondary)))[0]?.policy).toBe('all_costs');
    const [tryHard] = await kit.playbooks(defined(normal));
    expect(tryHard?.policy).toBe('try_hard');
    expect(tryHard?.steps.map((s) => s.dueAt)).toEqual([at(3), at(6), at(9), at(12)]);
    expect(await kit.playbooks(defined(small))).toEqual([]);
    const smallChurn = await expectJson(await kit.rep('GET', `/customers/${small}/kind`), 200);
    expect(smallChurn).toMatchObject({ churn: { policy: 'let_go', tier: 1 } });

    const card = async (id: number | undefined) =>
      defined(await kit.a.t.core.context.card(kit.teamId, { customerId: defined(id) }, 'zh-CN'))
        .card;
    expect((await card(secondary)).nextBestAction).toMatchObject({
      plugin: 'winback',
      priority: 70,
      label: '调查流失原因',
    });
    expect((await card(normal)).nextBestAction).toMatchObject({ plugin: 'winback', priority: 55 });
    expect((await card(small)).slots.winback).toMatchObject({
      status: 'churned',
      policy: 'let_go',
      nextStep: null,
    });
  });

  test('tiering off: every churned customer is treated as normal', async () => {
    const id = await kit.customer('Acme', [30]);
    await kit.churn(id);
    expect((await kit.playbooks(id))[0]).toMatchObject({ policy: 'try_hard', tier: null });
  });

  test('steps are done through the API once; a bad step is 404 or 400', async () => {
    const id = await kit.customer('Acme', [30]);
    await kit.churn(id);
    const playbookId = defined((await kit.playbooks(id))[0]).id;
    const done = `/playbooks/${playbookId}/steps/1/done`;
    const body = (await expectJson(
      await kit.rep('POST', done, { note: 'they moved to Suzhou' }),
      200,
    )) as {
      playbook: Playbook;
    };
    expect(body.playbook.steps[0]).toMatchObject({
      doneAt: NOW,
      doneBy: `user:${kit.a.userIds.rep}`,
      note: 'they moved to Suzhou',
    });
    expect((await kit.rep('POST', done, {})).status).toBe(409);
    expect((await kit.rep('POST', `/playbooks/${playbookId}/steps/9/done`, {})).status).toBe(404);
    await expectInvalid(
      await kit.rep('POST', `/playbooks/${playbookId}/steps/2/done`, { note: 5 }),
      'note',
    );
    await expectInvalid(await kit.rep('POST', `/playbooks/x/steps/2/done`, {}), 'playbookId');
    const card = defined(
      await kit.a.t.core.context.card(kit.teamId, { customerId: id }, 'en'),
    ).card;
    expect(card.slots.winback?.nextStep).toMatchObject({
      stepNo: 2,
      action: 'soothe',
      dueAt: at(6),
    });
  });

  test('a new order wins the customer back and closes the playbook; the report counts it', async () => {
    const [important, secondary, normal, small] = await tiered(kit);
    for (const id of [important, secondary, normal, small]) await kit.churn(defined(id));
    await kit.a.t.core.plugins.disable(kit.teamId, 'tiering', 'test');
    const untiered = await kit.customer('Untiered', [30]);
    await kit.churn(untiered);

    kit.a.t.clock.advance({ days: 5 });
    await kit.a.t.core.orders.record(kit.teamId, [
      { customerId: defined(important), amount: 5_000, placedAt: daysAgo(-5) },
    ]);
    const [won] = await kit.playbooks(defined(important));
    expect(won).toMatchObject({ status: 'won_back', closedAt: at(5) });
    const open = (await expectJson(await kit.rep('GET', '/playbooks?open=true'), 200)) as {
      playbooks: Playbook[];
    };
    expect(open.playbooks.map((p) => p.customerId).sort()).toEqual(
      [secondary, normal, untiered].sort(),
    );
    const card = defined(
      await kit.a.t.core.context.card(kit.teamId, { customerId: defined(important) }, 'en'),
    ).card;
    expect(card.slots.winback?.status).not.toBe('churned');

    const expected: WinbackReport = {
      churns: 5,
      churnsWonBack: 1,
      byRule: [
        {
          rule: 'person',
          label: { en: 'A person’s decision', 'zh-CN': '人工判定' },
          churns: 5,
          wonBack: 1,
        },
      ],
      total: { group: 'all', playbooks: 4, open: 3, wonBack: 1, letGo: 0, winBackRate: 0.25 },
      byKind: [
        { group: 'natural', playbooks: 4, open: 3, wonBack: 1, letGo: 0, winBackRate: 0.25 },
      ],
      byTier: [
        { group: 'important', playbooks: 1, open: 0, wonBack: 1, letGo: 0, winBackRate: 1 },
        { group: 'normal', playbooks: 2, open: 2, wonBack: 0, letGo: 0, winBackRate: 0 },
        { group: 'secondary', playbooks: 1, open: 1, wonBack: 0, letGo: 0, winBackRate: 0 },
      ],
      byPlaybook: [
        {
          group: 'Win back: find them again',
          playbooks: 4,
          open: 3,
          wonBack: 1,
          letGo: 0,
          winBackRate: 0.25,
        },
      ],
    };
    expect(await expectJson(await kit.rep('GET', '/report'), 200)).toEqual({ report: expected });
    expect(await kit.a.t.core.jobs.run('winback:report', { teamId: kit.teamId })).toEqual(expected);
  });

  test('an active customer past half the threshold is at risk, with the tier’s priority', async () => {
    const id = await kit.customer('Drifting', [120]);
    const card = defined(
      await kit.a.t.core.context.card(kit.teamId, { customerId: id }, 'en'),
    ).card;
    expect(card.slots.winback).toMatchObject({
      status: 'at_risk',
      rule: 'one_order',
      daysSinceLastOrder: 120,
    });
    expect(card.nextBestAction).toMatchObject({ plugin: 'winback', priority: 55 });
    const panel = defined(card.panels.find((p) => p.plugin === 'winback'));
    expect(panel.items[0]?.value).toBe('120 days since the last order (churned after 180)');
  });

  test('the days since the last order move on by themselves, with no write to the customer', async () => {
    const id = await kit.customer('Drifting', [120]);
    const riskShown = async () => {
      const card = defined(await kit.a.t.core.context.card(kit.teamId, { customerId: id }, 'en'));
      return card.card.panels.find((p) => p.plugin === 'winback')?.items[0]?.value;
    };
    kit.a.t.clock.advance({ hours: 12 });
    expect(await riskShown()).toBe('120 days since the last order (churned after 180)');
    kit.a.t.clock.advance({ hours: 11 });
    expect(await riskShown()).toBe('120 days since the last order (churned after 180)');
    kit.a.t.clock.advance({ hours: 1 });
    expect(await riskShown()).toBe('121 days since the last order (churned after 180)');
  });
});
