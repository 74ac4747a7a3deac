import {
  type Caller,
  createTestApp,
  expectInvalid,
  expectJson,
  expectProblem,
  fill,
  fixtureIds,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest } from '../app';

interface CardResponse {
  teamId: number;
  match: 'exact' | 'company';
  card: {
    customer: { id: number; name: string };
    company: { id: number; name: string } | null;
    stage: { value: string; label: string };
    locale: string;
  };
}

describe.each(testDialects())('context route on %s', (dialect) => {
  let a: TestApp;
  let ids: Record<string, number>;
  /** A key for someone in both teams. */
  let bothKey: string;
  const card = (caller: Caller, query: string, headers: Record<string, string> = {}) =>
    a.call(caller, 'GET', fill(`/v1/context?${query}`, ids), undefined, headers);

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    const { core } = a.t;
    const acme = await core.customers.create(a.teamA, {
      kind: 'company',
      name: 'Acme',
      domains: ['acme.cn'],
    });
    const lin = await core.customers.create(a.teamA, {
      kind: 'person',
      name: 'Lin Hua',
      emails: ['lin@acme.cn'],
      phones: ['+86 138 0013 8000'],
    });
    await core.orders.record(a.teamA, [
      { customerId: lin.id, amount: 880, placedAt: '2024-03-01' },
    ]);
    const bo = await core.customers.create(a.teamB, {
      kind: 'person',
      name: 'Bo',
      emails: ['bo@b.cn', 'shared@mail.cn'],
    });
    const shared = await core.customers.create(a.teamA, {
      kind: 'person',
      name: 'Shared in A',
      emails: ['shared@mail.cn'],
    });
    const both = await core.users.create({ email: 'both@guanxi.test', name: 'both' });
    await core.users.setRole(a.teamA, both.id, 'rep');
    await core.users.setRole(a.teamB, both.id, 'rep');
    bothKey = (await core.apiKeys.create(both.id, 'both key')).key;
    ids = { ...fixtureIds(a), acme: acme.id, lin: lin.id, bo: bo.id, shared: shared.id };
  });
  afterAll(() => a.destroy());

  describe('happy paths', () => {
    test('an e-mail finds its customer’s card, in English by default', async () => {
      const res = await card('rep', 'email=%20LIN@Acme.cn%20');
      expect(res.headers.get('content-language')).toBe('en');
      expect(await expectJson(res, 200)).toEqual({
        teamId: ids.A,
        match: 'exact',
        card: {
          customer: expect.objectContaining({ id: ids.lin, name: 'Lin Hua', companyId: ids.acme }),
          company: { id: ids.acme, name: 'Acme' },
          stage: { value: 'active', label: 'Active customer' },
          facts: expect.objectContaining({ orderCount: 1, revenue: 880 }),
          lastOrders: [expect.objectContaining({ amount: 880 })],
          lastInteractions: [],
          slots: {},
          panels: [],
          nextBestAction: expect.objectContaining({ plugin: null, priority: 10 }),
          locale: 'en',
          version: expect.any(String),
          validUntil: expect.any(String),
        },
      });
    });

    test('the card is in Chinese when the caller prefers it', async () => {
      const res = await card('rep', 'customerId={lin}', { 'accept-language': 'zh-CN,en;q=0.5' });
      expect(res.headers.get('content-language')).toBe('zh-CN');
      const body = await expectJson<CardResponse>(res, 200);
      expect(body.card).toMatchObject({
        stage: { value: 'active', label: '现实客户' },
        locale: 'zh-CN',
      });
    });

    test.each([
      ['domain=https://www.ACME.cn/about', 'exact', 'acme'],
      ['phone=%2B86-138-0013-8000', 'exact', 'lin'],
      ['customerId={acme}&teamId={A}', 'exact', 'acme'],
      ['email=new.person@acme.cn', 'company', 'acme'],
    ])('%s → a %s match on %s', async (query, match, customer) => {
      const body = await expectJson<CardResponse>(await card('rep', query), 200);
      expect(body).toMatchObject({
        teamId: ids.A,
        match,
        card: { customer: { id: ids[customer] } },
      });
    });

    test('without teamId the caller’s teams are tried in id order; teamId picks one', async () => {
      const asBoth = (query: string) =>
        a.app.request(fill(`/v1/context?${query}`, ids), {
          headers: { authorization: `Bearer ${bothKey}` },
        });
      const first = await expectJson<CardResponse>(await asBoth('email=shared@mail.cn'), 200);
      expect(first).toMatchObject({ teamId: ids.A, card: { customer: { id: ids.shared } } });
      const inB = await expectJson<CardResponse>(
        await asBoth('email=shared@mail.cn&teamId={B}'),
        200,
      );
      expect(inB).toMatchObject({ teamId: ids.B, card: { customer: { id: ids.bo } } });
      const onlyB = await expectJson<CardResponse>(await asBoth('email=bo@b.cn'), 200);
      expect(onlyB).toMatchObject({ teamId: ids.B, card: { customer: { name: 'Bo' } } });
    });
  });

  test.each([
    ['', '(root)'],
    ['email=lin@acme.cn&phone=13800138000', '(root)'],
    ['teamId={A}', '(root)'],
    ['email=nope', 'email'],
    [`email=${'x'.repeat(250)}@acme.cn`, 'email'],
    ['email=lin%00@acme.cn', 'email'],
    ['domain=not%20a%20domain', 'domain'],
    [`domain=${'a'.repeat(254)}`, 'domain'],
    ['phone=12', 'phone'],
    [`phone=${'1'.repeat(41)}`, 'phone'],
    ['customerId=abc', 'customerId'],
    ['customerId=-4', 'customerId'],
    ['email=lin@acme.cn&teamId=0', 'teamId'],
    ['email=lin@acme.cn&team=1', 'team'],
  ])('?%s → 400 naming %s', async (query, field) => {
    await expectInvalid(await unchanged(a, () => card('rep', query)), field);
  });

  test.each<[Caller, string]>([
    ['rep', 'email=bo@b.cn'],
    ['rep', 'customerId={bo}'],
    ['rep', 'customerId={bo}&teamId={A}'],
    ['rep', 'email=bo@b.cn&teamId={B}'],
    ['rep', 'email=lin@acme.cn&teamId={B}'],
    ['rep', 'email=lin@acme.cn&teamId=999999'],
    ['rep', 'email=nobody@nowhere.cn'],
    ['rep', 'customerId=999999'],
    ['otherRep', 'email=lin@acme.cn'],
    ['otherRep', 'customerId={lin}'],
    ['otherRep', 'domain=acme.cn'],
  ])('%s: ?%s → 404, never 403', async (caller, query) => {
    await expectProblem(await unchanged(a, () => card(caller, query)), 404, 'GX_ERR_NOT_FOUND');
  });

  test.each<Caller>(['none', 'revoked'])('%s key → 401', async (caller) => {
    const res = await unchanged(a, () => card(caller, 'email=lin@acme.cn'));
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    await expectProblem(res, 401, 'GX_ERR_UNAUTHENTICATED');
  });
});
