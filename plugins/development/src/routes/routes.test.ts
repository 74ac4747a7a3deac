import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { appUnderTest } from '@guanxi/server';
import {
  createTestApp,
  defined,
  expectInvalid,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import plugin from '../index';

interface Opportunity {
  readonly id: number;
  readonly ownerUserId: number;
  readonly stage: string;
  readonly status: string;
  readonly orderId: number | null;
}

describe.each(testDialects())('development routes through the API on %s', (dialect) => {
  let a: TestApp;
  let base: string;
  /** A second rep of team A, with a key, to own what the first may not change. */
  let colleague: { readonly id: number; readonly key: string };

  const customer = async (name: string, attributes = {}) =>
    (await a.t.core.customers.create(a.teamA, { kind: 'company', name, attributes })).id;
  const asColleague = async (method: string, path: string, body?: unknown) =>
    a.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${colleague.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const open = async (customerId: number, caller: 'rep' | 'manager' = 'rep', extra = {}) =>
    expectJson<Opportunity>(
      await a.call(caller, 'POST', `${base}/opportunities`, {
        customerId,
        amount: 500_000,
        closeDay: '2025-06-30',
        ...extra,
      }),
      201,
    );

  beforeAll(async () => {
    a = await createTestApp({
      dialect,
      plugins: [scoring, tiering, plugin],
      app: appUnderTest(),
    });
    await a.t.core.plugins.enable(a.teamA, 'development', 'test');
    base = `/v1/teams/${a.teamA}/plugins/development`;
    const user = await a.t.core.users.create({ email: 'colleague@guanxi.test', name: 'Colleague' });
    await a.t.core.users.setRole(a.teamA, user.id, 'rep');
    colleague = { id: user.id, key: (await a.t.core.apiKeys.create(user.id, 'colleague')).key };
  });
  afterAll(() => a.destroy());

  test('a rep gives a source and reads it, the referral tree and the fit', async () => {
    const referrer = await customer('Referrer Co');
    const referred = await customer('Referred Co', {
      industry: { value: 'Retail', source: 'sales_rep' },
    });
    const none = await expectJson<{ source: null }>(
      await a.call('rep', 'GET', `${base}/customers/${referred}/source`),
      200,
    );
    expect(none.source).toBeNull();
    const given = await expectJson<{ source: { kind: string; referrerId: number } }>(
      await a.call('rep', 'PUT', `${base}/customers/${referred}/source`, {
        source: { kind: 'referral', referrerId: referrer },
      }),
      200,
    );
    expect(given.source).toMatchObject({ kind: 'referral', referrerId: referrer });
    const shorthand = await expectJson<{ source: { kind: string; competitor: string } }>(
      await a.call('rep', 'PUT', `${base}/customers/${referrer}/source`, {
        source: 'competitor:Globex',
      }),
      200,
    );
    expect(shorthand.source).toMatchObject({ kind: 'competitor', competitor: 'Globex' });
    const tree = await expectJson<{
      root: { referrals: number; children: { customerId: number }[] };
    }>(await a.call('rep', 'GET', `${base}/customers/${referrer}/referrals?depth=2`), 200);
    expect(tree.root.referrals).toBe(1);
    expect(tree.root.children.map((child) => child.customerId)).toEqual([referred]);
    await a.t.core.plugins.configure(
      a.teamA,
      'development',
      { fit: { positioning: { industries: ['retail'] } } },
      'test',
    );
    const fit = await expectJson<{ score: number; parts: { part: string; reason: string }[] }>(
      await a.call('rep', 'GET', `${base}/customers/${referred}/fit`, undefined, {
        'accept-language': 'zh-CN',
      }),
      200,
    );
    expect(fit.parts).toEqual([
      expect.objectContaining({ part: 'positioning', reason: '符合我们的定位（行业 Retail）' }),
    ]);
    await a.t.core.plugins.configure(a.teamA, 'development', {}, 'test');
  });

  test('bad input is a 400 naming the field, and nothing is stored', async () => {
    const id = await customer('Careful Co');
    const other = (await a.t.core.customers.create(a.teamB, { kind: 'company', name: 'B' })).id;
    const cases: [string, string, unknown, string][] = [
      ['PUT', `/customers/${id}/source`, { source: { kind: 'referral' } }, 'source.referrerId'],
      ['PUT', `/customers/${id}/source`, { source: { kind: 'martian' } }, 'source.kind'],
      ['PUT', `/customers/${id}/source`, { source: `referral:#${id}` }, 'source.referrerId'],
      ['PUT', `/customers/${id}/type`, { type: 'grumpy' }, 'type'],
      ['POST', `/customers/${id}/relationship`, { to: 'friendship' }, 'to'],
      ['POST', '/opportunities', { customerId: id, amount: 5, closeDay: '2025-02-30' }, 'closeDay'],
      ['POST', '/opportunities', { customerId: id, amount: -5, closeDay: '2025-06-30' }, 'amount'],
      [
        'POST',
        '/opportunities',
        { customerId: id, amount: 5, closeDay: '2025-06-30', stage: 'dream' },
        'stage',
      ],
      [
        'POST',
        '/interactions',
        {
          interaction: {
            customerId: id,
            channel: 'pigeon',
            direction: 'inbound',
            summary: 'x',
            occurredAt: '2025-03-01T09:00:00Z',
          },
          signals: [],
        },
        'interaction.channel',
      ],
      [
        'POST',
        '/interactions',
        {
          interaction: {
            customerId: id,
            channel: 'email',
            direction: 'inbound',
            summary: 'x',
            occurredAt: '2025-03-01T09:00:00Z',
          },
          signals: ['smiles'],
        },
        'signals.0',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      await expectInvalid(
        await unchanged(a, () => a.call('rep', method, `${base}${path}`, body)),
        field,
      );
    }
    await expectInvalid(
      await a.call('rep', 'GET', `${base}/customers/${id}/referrals?depth=11`),
      'depth',
    );
    await expectInvalid(
      await unchanged(a, () =>
        a.call('manager', 'PUT', `${base}/pains`, {
          role: 'CFO',
          industry: 'Retail',
          pains: ['a', 'b', 'c', 'd'],
        }),
      ),
      'pains',
    );
    const problem = await expectProblem(
      await unchanged(a, () =>
        a.call('rep', 'POST', `${base}/interactions`, {
          interaction: {
            customerId: other,
            channel: 'email',
            direction: 'inbound',
            summary: 'x',
            occurredAt: '2025-03-01T09:00:00Z',
          },
          signals: ['asks_details'],
        }),
      ),
      404,
      'GX_ERR_NOT_FOUND',
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['interaction.customerId']);
    await expectProblem(
      await a.call('rep', 'GET', `${base}/customers/${other}/source`),
      404,
      'GX_ERR_NOT_FOUND',
    );
  });

  test('an opportunity is its owner’s: other reps may read it, only the owner or a manager change it', async () => {
    const id = await customer('Owned Co');
    const mine = await open(id);
    expect(mine.ownerUserId).toBe(a.userIds.rep);
    for (const [method, path, body] of [
      ['POST', `/opportunities/${mine.id}/stage`, { stage: 'visit' }],
      ['PATCH', `/opportunities/${mine.id}`, { amount: 1 }],
      ['PATCH', `/opportunities/${mine.id}/checklist`, { introduced: true }],
      ['PUT', `/opportunities/${mine.id}/balance`, { benefits: ['x'], losses: [] }],
      ['POST', `/opportunities/${mine.id}/win`, {}],
      ['POST', `/opportunities/${mine.id}/lose`, { reason: 'price' }],
    ] as const) {
      const problem = await expectProblem(
        await unchanged(a, () => asColleague(method, `${base}${path}`, body)),
        403,
        'GX_ERR_FORBIDDEN',
      );
      expect(problem.errors?.map((e) => e.path)).toEqual(['opportunityId']);
    }
    const forOther = await expectProblem(
      await unchanged(a, () =>
        a.call('rep', 'POST', `${base}/opportunities`, {
          customerId: id,
          amount: 1,
          closeDay: '2025-06-30',
          ownerUserId: colleague.id,
        }),
      ),
      403,
      'GX_ERR_FORBIDDEN',
    );
    expect(forOther.errors?.map((e) => e.path)).toEqual(['ownerUserId']);
    const read = await expectJson<{ opportunity: Opportunity; history: { to: string }[] }>(
      await asColleague('GET', `${base}/opportunities/${mine.id}`),
      200,
    );
    expect(read.history.map((change) => change.to)).toEqual(['appointment']);
    const moved = await expectJson<Opportunity>(
      await a.call('manager', 'POST', `${base}/opportunities/${mine.id}/stage`, { stage: 'visit' }),
      200,
    );
    expect(moved.stage).toBe('visit');
    const handed = await open(id, 'manager', { ownerUserId: colleague.id });
    expect(handed.ownerUserId).toBe(colleague.id);
    await expectJson(
      await asColleague('PATCH', `${base}/opportunities/${handed.id}/checklist`, {
        introduced: true,
      }),
      200,
    );
  });

  test('the sale through its stages to won and lost, with the balance and reports for managers', async () => {
    const id = await customer('Buyer Co');
    const won = await open(id);
    await expectJson(
      await a.call('rep', 'PUT', `${base}/opportunities/${won.id}/balance`, {
        benefits: ['Fresh stock'],
        losses: ['The price rise'],
      }),
      200,
    );
    const closed = await expectJson<Opportunity>(
      await a.call('rep', 'POST', `${base}/opportunities/${won.id}/win`),
      200,
    );
    expect(closed).toMatchObject({ status: 'won', stage: 'won' });
    const [order] = await a.t.core.orders.forCustomer(a.teamA, id);
    expect(defined(order)).toMatchObject({ id: closed.orderId, amount: 500_000 });
    await expectProblem(
      await a.call('rep', 'POST', `${base}/opportunities/${won.id}/lose`, { reason: 'price' }),
      409,
      'GX_ERR_CONFLICT',
    );
    const lost = await open(id);
    await expectInvalid(
      await a.call('rep', 'POST', `${base}/opportunities/${lost.id}/lose`, {
        reason: 'competitor',
      }),
      'competitor',
    );
    await expectJson(
      await a.call('rep', 'POST', `${base}/opportunities/${lost.id}/lose`, {
        reason: 'competitor',
        competitor: 'Globex',
      }),
      200,
    );
    for (const report of [
      '/reports/pipeline',
      '/reports/conversion',
      '/reports/win-rate',
      '/reports/lost-reasons',
      '/reports/forecast',
      '/reports/sources',
      '/reports/centres-of-influence',
      '/agent-fees',
    ]) {
      await expectProblem(await a.call('rep', 'GET', `${base}${report}`), 403, 'GX_ERR_FORBIDDEN');
      await expectJson(await a.call('manager', 'GET', `${base}${report}`), 200);
    }
    const reasons = await expectJson<{ reasons: { reason: string; competitors: object }[] }>(
      await a.call('manager', 'GET', `${base}/reports/lost-reasons`),
      200,
    );
    expect(reasons.reasons).toEqual([
      expect.objectContaining({ reason: 'competitor', competitors: { Globex: 1 } }),
    ]);
  });

  test('the library: managers keep it, every member reads it', async () => {
    const pains = { role: 'CFO', industry: 'Retail', pains: ['Slow month-end close'] };
    await expectProblem(
      await a.call('rep', 'PUT', `${base}/pains`, pains),
      403,
      'GX_ERR_FORBIDDEN',
    );
    await expectJson(await a.call('manager', 'PUT', `${base}/pains`, pains), 200);
    const listed = await expectJson<{ pains: { role: string }[] }>(
      await a.call('rep', 'GET', `${base}/pains`),
      200,
    );
    expect(listed.pains.map((p) => p.role)).toEqual(['CFO']);
    const reference = {
      role: 'CFO',
      industry: 'Retail',
      keyIssue: 'Close took ten days',
      reason: 'Nightly reconciliation',
      capability: { when: 'month end', who: 'finance', what: 'reconciled takings' },
      provided: 'Reconciliation across stores',
      result: { percent: 60, text: 'Close in four days' },
    };
    const added = await expectJson<{ id: number }>(
      await a.call('manager', 'POST', `${base}/cases`, reference),
      201,
    );
    await expectInvalid(
      await a.call('manager', 'PUT', `${base}/cases/${added.id}`, {
        ...reference,
        result: { text: 'No measure' },
      }),
      'result.amount',
    );
    await expectJson(
      await a.call('manager', 'PUT', `${base}/cases/${added.id}`, {
        ...reference,
        result: { amount: 120_000, text: 'Saved a clerk' },
      }),
      200,
    );
    const cases = await expectJson<{ cases: { result: { currency: string } }[] }>(
      await a.call('rep', 'GET', `${base}/cases`),
      200,
    );
    expect(cases.cases[0]?.result.currency).toBe('CNY');
    expect((await a.call('manager', 'DELETE', `${base}/cases/${added.id}`)).status).toBe(204);
    expect(
      (await a.call('manager', 'DELETE', `${base}/pains?role=cfo&industry=retail`)).status,
    ).toBe(204);
    await expectProblem(
      await a.call('manager', 'DELETE', `${base}/pains?role=cfo&industry=retail`),
      404,
      'GX_ERR_NOT_FOUND',
    );
  });

  test('the vocabulary in the caller’s language, and a 409 when the plugin is off', async () => {
    const zh = await expectJson<{
      sources: { kind: string; label: string; party: string | null }[];
      signals: { label: string }[];
    }>(
      await a.call('rep', 'GET', `${base}/vocabulary`, undefined, { 'accept-language': 'zh-CN' }),
      200,
    );
    expect(zh.sources.find((s) => s.kind === 'referral')).toEqual({
      kind: 'referral',
      label: '客户介绍',
      party: 'referrer',
    });
    expect(zh.signals).toHaveLength(6);
    expect(zh.signals[2]?.label).toBe('要求降价');
    const off = `/v1/teams/${a.teamB}/plugins/development/vocabulary`;
    await expectProblem(await a.call('otherRep', 'GET', off), 409, 'GX_ERR_PLUGIN_DISABLED');
  });
});
