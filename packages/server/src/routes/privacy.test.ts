import type { CustomerExport, ErasureSummary } from '@guanxi/core';
import {
  type Caller,
  createTestApp,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest } from '../app';

describe.each(testDialects())('privacy routes on %s', (dialect) => {
  let a: TestApp;
  let linId: number;
  let boId: number;

  const exportOf = (caller: Caller, teamId: number, customerId: number) =>
    a.call(caller, 'GET', `/v1/teams/${teamId}/customers/${customerId}/export`);
  const erase = (caller: Caller, teamId: number, customerId: number) =>
    a.call(caller, 'POST', `/v1/teams/${teamId}/customers/${customerId}/erase`);

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    const { customers, orders } = a.t.core;
    linId = (
      await customers.create(a.teamA, {
        kind: 'person',
        name: 'Lin Hua',
        emails: ['lin@acme.cn'],
        phones: ['+86 138 0013 8000'],
      })
    ).id;
    boId = (await customers.create(a.teamB, { kind: 'person', name: 'Bo', emails: ['bo@b.cn'] }))
      .id;
    await orders.record(a.teamA, [{ customerId: linId, amount: 9_900, placedAt: '2024-05-01' }]);
  });
  afterAll(() => a.destroy());

  test('a manager downloads everything stored about a customer, and the download is audited', async () => {
    const res = await exportOf('manager', a.teamA, linId);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-${linId}.json"`,
    );
    const body = await expectJson<CustomerExport>(res, 200);
    expect(body).toMatchObject({
      teamId: a.teamA,
      customerId: linId,
      core: {
        customer: { name: 'Lin Hua', identities: [{ value: 'lin@acme.cn' }, { kind: 'phone' }] },
        facts: { revenue: 9_900 },
        orders: [{ amount: 9_900 }],
      },
      plugins: {},
    });
    const [entry] = await a.t.core.audit.list(a.teamA, 1);
    expect(entry).toMatchObject({
      actor: `user:${a.userIds.manager}`,
      action: 'customer.exported',
      entityId: String(linId),
    });
    await expectJson(await exportOf('admin', a.teamA, linId), 200);
  });

  test('a rep may neither export nor erase; a manager may not erase', async () => {
    await expectProblem(await exportOf('rep', a.teamA, linId), 403, 'GX_ERR_FORBIDDEN');
    for (const caller of ['rep', 'manager'] as const) {
      await expectProblem(
        await unchanged(a, () => erase(caller, a.teamA, linId)),
        403,
        'GX_ERR_FORBIDDEN',
      );
    }
  });

  test("another team's customer, or another team's path, is not found", async () => {
    await expectProblem(await exportOf('admin', a.teamA, boId), 404, 'GX_ERR_NOT_FOUND');
    await expectProblem(await exportOf('admin', a.teamB, boId), 404, 'GX_ERR_NOT_FOUND');
    await expectProblem(
      await unchanged(a, () => erase('admin', a.teamA, boId)),
      404,
      'GX_ERR_NOT_FOUND',
    );
    await expectProblem(
      await unchanged(a, () => erase('otherRep', a.teamA, linId)),
      404,
      'GX_ERR_NOT_FOUND',
    );
    await expectProblem(
      await unchanged(a, () => erase('admin', a.teamA, 999_999)),
      404,
      'GX_ERR_NOT_FOUND',
    );
  });

  test('an admin erases a customer: a summary back, then no card for the old e-mail', async () => {
    const context = (query: string) => a.call('admin', 'GET', `/v1/context?${query}`);
    await expectJson(await context(`teamId=${a.teamA}&email=lin@acme.cn`), 200);
    const summary = await expectJson<ErasureSummary>(await erase('admin', a.teamA, linId), 200);
    expect(summary).toMatchObject({
      teamId: a.teamA,
      customerId: linId,
      actor: `user:${a.userIds.admin}`,
      core: { identities: 2 },
      plugins: {},
      uncovered: [],
    });
    await expectProblem(
      await context(`teamId=${a.teamA}&email=lin@acme.cn`),
      404,
      'GX_ERR_NOT_FOUND',
    );
    const search = await a.call('admin', 'GET', `/v1/teams/${a.teamA}/customers?q=Lin`);
    expect((await expectJson<{ items: unknown[] }>(search, 200)).items).toEqual([]);
    const remains = await expectJson<CustomerExport>(await exportOf('admin', a.teamA, linId), 200);
    expect(remains.core).toMatchObject({
      customer: { name: `erased customer #${linId}`, identities: [] },
      orders: [{ amount: 9_900 }],
    });
    expect(JSON.stringify(remains)).not.toMatch(/Lin Hua|lin@acme\.cn|13800138000/);
  });
});
