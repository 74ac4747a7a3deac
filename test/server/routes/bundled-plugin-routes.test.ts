import exampleScorer from '@guanxi/plugin-example-scorer';
import scoring from '@guanxi/plugin-scoring';
import { appUnderTest } from '@guanxi/server';
import {
  createTestApp,
  defined,
  expectInvalid,
  expectJson,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

describe.each(testDialects())('example-scorer routes through the API on %s', (dialect) => {
  let a: TestApp;
  let customerId: number;
  const path = (teamId: number) => `/v1/teams/${teamId}/plugins/example-scorer/payments`;

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [scoring, exampleScorer], app: appUnderTest() });
    await a.t.core.plugins.enable(a.teamA, 'example-scorer', 'test');
    customerId = (await a.t.core.customers.create(a.teamA, { kind: 'company', name: 'Acme' })).id;
  });
  afterAll(() => a.destroy());

  const punctuality = async () => {
    const [scorer] = await a.t.core.plugins.scorers(a.teamA);
    const facts = await a.t.core.facts.many(a.teamA, [customerId]);
    const [score] = await defined(scorer).score([{ customerId, facts: defined(facts[0]) }]);
    return defined(score).reasons.join('; ');
  };

  test('payments posted by a rep change the good-customer score', async () => {
    const payments = [1, 2, 3].map((month) => ({
      customerId,
      invoiceRef: `I-${month}`,
      amount: 50_000,
      dueAt: `2024-0${month}-10`,
      paidAt: `2024-0${month}-09`,
    }));
    const posted = await a.call('rep', 'POST', path(a.teamA), { payments });
    expect(await expectJson(posted, 201)).toEqual({ recorded: 3 });
    expect(await punctuality()).toContain('pays on time (100%)');
  });

  test('a bad payment is 400 naming its field and records nothing', async () => {
    const bad = { customerId, invoiceRef: 'I-9', amount: -5, dueAt: '2024-09-10' };
    await expectInvalid(
      await a.call('rep', 'POST', path(a.teamA), { payments: [bad] }),
      'payments.0.amount',
    );
    await expectInvalid(await a.call('rep', 'POST', path(a.teamA), { payments: 'no' }), 'payments');
    expect(await punctuality()).toContain('pays on time (100%)');
  });
});
