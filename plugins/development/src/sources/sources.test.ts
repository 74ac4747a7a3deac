import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from '../test-kit';
import { agentFeesDue, settleAgentFee } from './agent-fees';
import { centresOfInfluence, referralCounts, referralTree } from './referrals';
import { sourcesReport } from './report';
import { setSource, sourceOf } from './store';

const given = (value: unknown) => ({
  attributes: { source: { value, source: 'sales_rep' as const } },
});

describe.each(testDialects())('customer sources on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  const source = (customerId: number) => kit.run((ctx) => sourceOf(ctx, customerId));

  test('a source given in the attributes at creation is recorded, in either form', async () => {
    const wang = await kit.customer('Wang', { externalRef: 'C-1' });
    const fair = await kit.customer('Fair', given('meeting:Canton Fair'));
    const told = await kit.customer('Told', given({ kind: 'referral', referrerId: wang }));
    const byRef = await kit.customer('ByRef', given('referral:C-1'));
    const agent = await kit.customer('Agent', given({ kind: 'agent', agent: 'Zhao', fee: 50_000 }));
    expect(await source(fair)).toMatchObject({
      status: 'recorded',
      kind: 'meeting',
      detail: 'Canton Fair',
    });
    expect(await source(told)).toMatchObject({
      kind: 'referral',
      referrerId: wang,
      actor: 'system',
    });
    expect(await source(byRef)).toMatchObject({ kind: 'referral', referrerId: wang });
    expect(await source(agent)).toMatchObject({
      agent: 'Zhao',
      agentFee: 50_000,
      agentFeeRate: null,
    });
    expect(await source(wang)).toBeUndefined();
  });

  test('a source that fails its checks is kept as refused with the reason; the customer stays', async () => {
    const unknownKind = await kit.customer('A', given('telepathy'));
    const noReferrer = await kit.customer('B', given({ kind: 'referral', referrerRef: 'nobody' }));
    const badShape = await kit.customer('C', given({ kind: 'agent', fee: -1 }));
    for (const id of [unknownKind, noReferrer, badShape]) {
      expect(await kit.t.core.customers.find(kit.teamId, id)).toBeDefined();
    }
    expect(await source(unknownKind)).toMatchObject({
      status: 'refused',
      kind: null,
      issue: 'source.kind: not a source kind: a built-in kind or one of the team’s own sources',
    });
    expect((await source(noReferrer))?.issue).toBe(
      'source.referrerRef: no customer with this external reference',
    );
    expect((await source(badShape))?.issue).toContain(
      'source.agent: an agent source names the agent',
    );
    expect((await source(badShape))?.issue).toContain('source.fee: must not be negative');
    expect(await kit.t.core.hookFailures.list(kit.teamId)).toEqual([]);
  });

  test('a batch may refer to a customer of the same batch by external reference', async () => {
    const created = await kit.t.core.customers.createMany(kit.teamId, [
      { kind: 'person', name: 'Referrer', externalRef: 'R-1', ...given('web') },
      { kind: 'person', name: 'Referred', externalRef: 'R-2', ...given('referral:R-1') },
    ]);
    const [referrer, referred] = created.map((c) => c.id);
    expect(await source(referred as number)).toMatchObject({ referrerId: referrer });
  });

  test('the team’s own sources are kinds too, and setSource replaces a refused one', async () => {
    const id = await kit.customer('Partner lead', given('partner-portal'));
    expect((await source(id))?.status).toBe('refused');
    await kit.configure({
      sources: {
        own: [{ id: 'partner-portal', label: { en: 'Partner portal', 'zh-CN': '合作伙伴门户' } }],
      },
    });
    await kit.run((ctx) =>
      setSource(ctx, { customerId: id, source: 'partner-portal' }, kit.rep.actor),
    );
    expect(await source(id)).toMatchObject({
      status: 'recorded',
      kind: 'partner-portal',
      issue: null,
    });
    const [entry] = await kit.t.core.audit.list(kit.teamId, 1);
    expect(entry).toMatchObject({
      action: 'development.source.recorded',
      entity: 'customer',
      entityId: String(id),
      before: { status: 'refused' },
      after: { kind: 'partner-portal' },
    });
  });

  test('a change of a recorded source is audited with both; bad input names its field', async () => {
    const wang = await kit.customer('Wang');
    const id = await kit.customer('Li', given('phone'));
    await kit.run((ctx) =>
      setSource(
        ctx,
        { customerId: id, source: { kind: 'referral', referrerId: wang } },
        kit.rep.actor,
      ),
    );
    const [entry] = await kit.t.core.audit.list(kit.teamId, 1);
    expect(entry).toMatchObject({
      action: 'development.source.changed',
      actor: kit.rep.actor,
      before: { kind: 'phone' },
      after: { kind: 'referral', referrerId: wang },
    });
    const bad = kit.run((ctx) =>
      setSource(ctx, { customerId: id, source: { kind: 'referral', referrerId: 999_999 } }, 'x'),
    );
    await expect(bad).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'source.referrerId', message: 'no customer with this id in the team' }],
    });
    const extra = kit.run((ctx) =>
      setSource(ctx, { customerId: id, source: { kind: 'web', competitor: 'Acme' } }, 'x'),
    );
    await expect(extra).rejects.toMatchObject({
      issues: [{ path: 'source.competitor', message: 'only for competitor' }],
    });
    expect(await source(id)).toMatchObject({ kind: 'referral', referrerId: wang });
  });

  test('nobody refers themselves and referrals never close a circle', async () => {
    const a = await kit.customer('A');
    const b = await kit.customer('B', given({ kind: 'referral', referrerId: a }));
    const c = await kit.customer('C', given({ kind: 'centre_of_influence', referrerId: b }));
    const self = kit.run((ctx) =>
      setSource(ctx, { customerId: a, source: { kind: 'referral', referrerId: a } }, 'x'),
    );
    await expect(self).rejects.toMatchObject({
      issues: [{ path: 'source.referrerId', message: 'a customer cannot refer themselves' }],
    });
    const circle = kit.run((ctx) =>
      setSource(ctx, { customerId: a, source: { kind: 'referral', referrerId: c } }, 'x'),
    );
    await expect(circle).rejects.toMatchObject({
      issues: [
        { path: 'source.referrerId', message: 'this referral would make a circle of referrals' },
      ],
    });
    const sameBatch = await kit.t.core.customers.createMany(kit.teamId, [
      { kind: 'person', name: 'X', externalRef: 'X', ...given('referral:Y') },
      { kind: 'person', name: 'Y', externalRef: 'Y', ...given('referral:X') },
    ]);
    const [x, y] = sameBatch.map((customer) => customer.id);
    expect((await source(x as number))?.status).toBe('recorded');
    expect(await source(y as number)).toMatchObject({
      status: 'refused',
      issue: 'source.referrerRef: this referral would make a circle of referrals',
    });
  });

  test('referral counts make centres of influence at the team’s threshold; the tree is depth-limited', async () => {
    const root = await kit.customer('Root');
    const children = [];
    for (const name of ['C1', 'C2', 'C3']) {
      children.push(await kit.customer(name, given({ kind: 'referral', referrerId: root })));
    }
    const grandchild = await kit.customer(
      'G1',
      given({ kind: 'referral', referrerId: children[0] }),
    );
    await kit.customer('GG1', given({ kind: 'centre_of_influence', referrerId: grandchild }));
    expect(await kit.run((ctx) => referralCounts(ctx, [root, grandchild]))).toEqual(
      new Map([
        [root, 3],
        [grandchild, 1],
      ]),
    );
    expect(await kit.run(centresOfInfluence)).toEqual([
      { customerId: root, name: 'Root', referrals: 3 },
    ]);
    await kit.configure({ sources: { centreOfInfluence: 4 } });
    expect(await kit.run(centresOfInfluence)).toEqual([]);

    const tree = await kit.run((ctx) => referralTree(ctx, { customerId: root, depth: 2 }));
    expect(tree).toMatchObject({ size: 4, deeper: true, referredBy: null });
    expect(tree.root.children.map((n) => n.name)).toEqual(['C1', 'C2', 'C3']);
    expect(tree.root.children[0]?.children).toEqual([
      { customerId: grandchild, name: 'G1', kind: 'referral', referrals: 1, children: [] },
    ]);
    const below = await kit.run((ctx) => referralTree(ctx, { customerId: grandchild }));
    expect(below).toMatchObject({ size: 1, deeper: false, referredBy: { name: 'C1' } });
    await expect(
      kit.run((ctx) => referralTree(ctx, { customerId: root, depth: 11 })),
    ).rejects.toMatchObject({
      issues: [{ path: 'depth', message: 'must be 10 or less' }],
    });
  });

  test('an agent is owed a fee on the first order only: fixed, or a rate of that order', async () => {
    const fixed = await kit.customer('Fixed', given({ kind: 'agent', agent: 'Zhao', fee: 50_000 }));
    const rated = await kit.customer(
      'Rated',
      given({ kind: 'agent', agent: 'Zhao', feeRate: 0.1 }),
    );
    const byDefault = await kit.customer('Default', given('agent:Qian'));
    const record = (customerId: number, amount: number, placedAt: string) =>
      kit.t.core.orders.record(kit.teamId, [{ customerId, amount, placedAt }]);
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: rated, amount: 300_000, placedAt: '2024-05-03' },
      { customerId: rated, amount: 120_000, placedAt: '2024-05-01' },
    ]);
    await record(fixed, 10_000, '2024-05-02');
    await record(fixed, 90_000, '2024-05-04');
    await record(byDefault, 200_000, '2024-05-05');
    expect(await kit.run(agentFeesDue)).toEqual([
      {
        agent: 'Qian',
        totals: { CNY: 10_000 },
        fees: [
          expect.objectContaining({
            customerId: byDefault,
            amount: 10_000,
            customerName: 'Default',
          }),
        ],
      },
      {
        agent: 'Zhao',
        totals: { CNY: 62_000 },
        fees: [
          expect.objectContaining({ customerId: fixed, amount: 50_000 }),
          expect.objectContaining({ customerId: rated, amount: 12_000 }),
        ],
      },
    ]);
    await kit.run((ctx) => settleAgentFee(ctx, { customerId: fixed }, kit.rep.actor));
    expect((await kit.run(agentFeesDue)).find((due) => due.agent === 'Zhao')?.totals).toEqual({
      CNY: 12_000,
    });
    await expect(
      kit.run((ctx) => settleAgentFee(ctx, { customerId: fixed }, kit.rep.actor)),
    ).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND' });
  });

  test('a customer who ordered before their agent source was given owes no fee', async () => {
    const id = await kit.customer('Old');
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: id, amount: 1_000, placedAt: '2024-01-01' },
    ]);
    await kit.run((ctx) => setSource(ctx, { customerId: id, source: 'agent:Zhao' }, kit.rep.actor));
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: id, amount: 5_000, placedAt: '2024-02-01' },
    ]);
    expect(await kit.run(agentFeesDue)).toEqual([]);
  });

  test('the report counts customers, conversion, revenue and margin by source', async () => {
    const web = [await kit.customer('W1', given('web')), await kit.customer('W2', given('web'))];
    const referred = await kit.customer(
      'R1',
      given({ kind: 'referral', referrerId: web[0] as number }),
    );
    await kit.customer('Bad', given('nonsense'));
    await kit.customer('None');
    await kit.t.core.orders.record(kit.teamId, [
      { customerId: web[0] as number, amount: 10_000, cost: 6_000, placedAt: '2024-05-01' },
      { customerId: referred, amount: 30_000, cost: 10_000, placedAt: '2024-05-01' },
      { customerId: referred, amount: 5_000, placedAt: '2024-05-02' },
    ]);
    const report = await kit.run(sourcesReport);
    expect(report.refused).toBe(1);
    expect(report.sources).toEqual([
      {
        kind: 'referral',
        label: { en: 'Referral', 'zh-CN': '客户介绍' },
        customers: 1,
        converted: 1,
        conversion: 1,
        revenue: 35_000,
        margin: 20_000,
      },
      {
        kind: 'web',
        label: { en: 'Web', 'zh-CN': '网络' },
        customers: 2,
        converted: 1,
        conversion: 0.5,
        revenue: 10_000,
        margin: 4_000,
      },
    ]);
    expect((await kit.t.core.customers.find(kit.teamId, referred))?.stage).toBe('active');
  });
});
