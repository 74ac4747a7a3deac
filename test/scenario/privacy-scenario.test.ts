import type { CustomerExport, ErasureSummary } from '@guanxi/core';
import { appUnderTest, bundledPlugins } from '@guanxi/server';
import {
  type Caller,
  createTestApp,
  defined,
  dumpTables,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * A customer with data in the core and in every bundled plugin, all written through the API
 * by the team's people, then exported and erased: the export holds every plugin's part, and
 * after the erasure no personal text is left in any table while the figures still add up.
 */

/** Every personal text written about the customer below; none may survive the erasure. */
const SECRETS = {
  firstName: 'Wang Placeholder',
  name: 'Wang Secretname',
  email: 'wang.secret@example.com',
  phone: '13800138000',
  externalRef: 'EXT-SECRET-7',
  attribute: 'secret-hobby',
  interaction: 'secret-divorce',
  complaint: 'secret-complaint',
  stepNote: 'secret-judgement',
  remedy: 'secret-remedy',
  closing: 'secret-closing',
  adjustment: 'secret-goodwill',
  referral: 'secret-referred-friend',
  signal: 'secret-rival-offer',
  churn: 'secret-moved-abroad',
  kindReason: 'secret-kind-reason',
  playbookNote: 'secret-call-note',
  sourceDetail: 'secret-dinner-party',
};

type Json = Record<string, unknown>;

describe.each(testDialects())('a customer exported and erased on %s', (dialect) => {
  let a: TestApp;
  let wang: number;
  let li: number;
  let exported: CustomerExport;
  let summary: ErasureSummary;
  let remains: CustomerExport;
  let dumpBefore: string;
  let dumpAfter: string;

  const call = async (caller: Caller, method: string, path: string, body?: unknown) => {
    const res = await a.call(caller, method, `/v1/teams/${a.teamA}${path}`, body);
    expect(res.status, `${method} ${path}: ${res.status}`).toBeLessThan(300);
    return (await res.json()) as Json;
  };
  const plugin = (id: string, path: string) => `/plugins/${id}${path}`;
  const dump = async () => JSON.stringify(await dumpTables(a.t.core.db)).toLowerCase();
  const leaks = (text: string) =>
    Object.values(SECRETS).filter((secret) => text.includes(secret.toLowerCase()));

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
    for (const { id } of bundled) await a.t.core.plugins.enable(a.teamA, id, 'admin:1');
    a.t.clock.set('2024-06-01T09:00:00Z');
    await call('admin', 'POST', '/webhooks', {
      url: 'https://hooks.example.com/crm',
      events: ['customer:created', 'interactions:logged', 'lifecycle:transitioned'],
    });

    wang = (
      await call('rep', 'POST', '/customers', {
        kind: 'person',
        name: SECRETS.firstName,
        emails: [SECRETS.email],
        phones: ['+86 138 0013 8000'],
        externalRef: SECRETS.externalRef,
        attributes: {
          hobby: { value: SECRETS.attribute, source: 'sales_rep' },
          source: { value: { kind: 'meeting', detail: SECRETS.sourceDetail }, source: 'sales_rep' },
        },
      })
    ).id as number;
    await call('rep', 'PATCH', `/customers/${wang}`, { name: SECRETS.name });
    li = (await call('rep', 'POST', '/customers', { kind: 'person', name: 'Li Keeps' }))
      .id as number;
    const orders = [1, 2, 3, 4].map((month) => ({
      customerId: wang,
      amount: 20_000 * month,
      placedAt: `2024-0${month}-15`,
    }));
    await call('rep', 'POST', '/orders/batch', {
      orders: [...orders, { customerId: li, amount: 5_000, placedAt: '2024-03-01' }],
    });
    await call('rep', 'POST', '/interactions', {
      customerId: wang,
      channel: 'phone',
      direction: 'inbound',
      summary: `Called about the ${SECRETS.interaction}`,
      occurredAt: '2024-05-20',
    });
    await a.t.core.jobs.run('tiering:recompute', { teamId: a.teamA });
    await a.t.core.jobs.run('scoring:score', { teamId: a.teamA });

    const complaint = await call('rep', 'POST', plugin('service', '/complaints'), {
      customerId: wang,
      cause: 'service_attitude',
      summary: `Rude driver, ${SECRETS.complaint}`,
      channel: 'phone',
    });
    const steps = [
      { to: 'recorded', valid: true, note: SECRETS.stepNote },
      { to: 'remedy_proposed', remedy: SECRETS.remedy },
      { to: 'remedy_accepted' },
      { to: 'followed_up' },
      { to: 'closed', note: SECRETS.closing },
    ];
    for (const step of steps) {
      await call('rep', 'POST', plugin('service', `/complaints/${complaint.id}/steps`), step);
    }
    await call('rep', 'POST', plugin('service', '/surveys'), {
      customerId: wang,
      kind: 'nps',
      score: 3,
    });

    await call('manager', 'POST', plugin('loyalty', '/adjustments'), {
      customerId: wang,
      points: 50,
      reason: SECRETS.adjustment,
    });
    await call('rep', 'POST', plugin('loyalty', '/bonuses'), {
      customerId: wang,
      kind: 'referral',
      reference: SECRETS.referral,
    });
    await call('rep', 'POST', plugin('loyalty', '/attitudes'), { customerId: wang, score: 2 });
    const reward = (
      await call('admin', 'POST', plugin('loyalty', '/rewards'), {
        name: 'Tea set',
        cost: 10,
      })
    ).reward as Json;
    await call('rep', 'POST', plugin('loyalty', '/redemptions'), {
      customerId: wang,
      rewardId: reward.id,
      idempotencyKey: 'redeem-1',
    });
    const firstOrder = defined(
      (await a.t.core.orders.forCustomer(a.teamA, wang, 10)).find((o) => o.amount === 20_000),
    );
    await call('rep', 'POST', plugin('loyalty', `/orders/${firstOrder.id}/discount`), {});

    await call('rep', 'POST', plugin('example-scorer', '/payments'), {
      payments: [
        {
          customerId: wang,
          invoiceRef: 'INV-1',
          amount: 20_000,
          dueAt: '2024-02-01',
          paidAt: '2024-02-11',
        },
      ],
    });
    await call('rep', 'POST', plugin('example-scorer', '/discounts'), {
      discounts: [{ customerId: wang, orderRef: 'ORD-1', amount: 1_000, grantedAt: '2024-01-15' }],
    });

    await call('rep', 'POST', plugin('winback', '/signals'), {
      customerId: wang,
      kind: 'rival_offer',
      note: SECRETS.signal,
    });
    await call('rep', 'POST', `/customers/${wang}/transitions`, {
      to: 'churned',
      reason: SECRETS.churn,
    });
    const { playbooks } = await call(
      'rep',
      'GET',
      plugin('winback', `/playbooks?customerId=${wang}`),
    );
    const playbook = defined((playbooks as Json[])[0], 'playbook');
    await call('rep', 'POST', plugin('winback', `/playbooks/${playbook.id}/steps/1/done`), {
      note: SECRETS.playbookNote,
    });
    await call('rep', 'PUT', plugin('winback', `/customers/${wang}/kind`), {
      kind: 'natural',
      reason: SECRETS.kindReason,
    });

    dumpBefore = await dump();
    exported = await expectJson<CustomerExport>(
      await a.call('manager', 'GET', `/v1/teams/${a.teamA}/customers/${wang}/export`),
      200,
    );
    summary = await expectJson<ErasureSummary>(
      await a.call('admin', 'POST', `/v1/teams/${a.teamA}/customers/${wang}/erase`),
      200,
    );
    dumpAfter = await dump();
    remains = await expectJson<CustomerExport>(
      await a.call('admin', 'GET', `/v1/teams/${a.teamA}/customers/${wang}/export`),
      200,
    );
  });
  afterAll(() => a.destroy());

  test('before the erasure every secret is stored and in the export', () => {
    expect(leaks(dumpBefore)).toEqual(Object.values(SECRETS));
    expect(leaks(JSON.stringify(exported).toLowerCase())).toEqual(Object.values(SECRETS));
  });

  test("the export holds the core's part and every bundled plugin's", () => {
    expect(Object.keys(exported.plugins).sort()).toEqual(bundled.map((p) => p.id).sort());
    expect(exported.uncovered).toEqual([]);
    expect(exported.core).toMatchObject({
      customer: { name: SECRETS.name, externalRef: SECRETS.externalRef },
      facts: { orderCount: 4, revenue: 200_000, interactionCount: 2 },
      webhookEvents: expect.arrayContaining([
        expect.objectContaining({ event: 'customer:created' }),
        expect.objectContaining({ event: 'interactions:logged' }),
      ]),
    });
    expect(exported.core.audit.map((e) => e.action)).toContain('customer.updated');
    const parts = exported.plugins as Record<string, Record<string, unknown[] | Json | null>>;
    expect(parts.scoring?.purchaseDays).toHaveLength(4);
    expect(parts.scoring?.scores).toEqual(
      expect.arrayContaining([expect.objectContaining({ scorer: 'scoring/rfm' })]),
    );
    expect(parts.tiering?.value).toMatchObject({ tier: expect.any(String) });
    expect(parts.service).toMatchObject({
      complaints: [
        {
          cause: 'service_attitude',
          remedy: SECRETS.remedy,
          closeReason: SECRETS.closing,
          steps: expect.arrayContaining([expect.objectContaining({ note: SECRETS.stepNote })]),
        },
      ],
      surveys: [{ kind: 'nps', score: 3 }],
    });
    expect(parts.winback).toMatchObject({
      churns: [{ reason: SECRETS.churn, kind: 'natural' }],
      kindChanges: [{ reason: SECRETS.kindReason }],
      signals: [{ note: SECRETS.signal }],
      playbooks: [
        {
          steps: expect.arrayContaining([expect.objectContaining({ note: SECRETS.playbookNote })]),
        },
      ],
      complaints: [{ cause: 'service_attitude' }],
    });
    expect(parts.loyalty).toMatchObject({
      account: { balance: expect.any(Number) },
      ledger: expect.arrayContaining([
        expect.objectContaining({ kind: 'adjust', note: SECRETS.adjustment }),
        expect.objectContaining({ reference: `bonus:referral:${SECRETS.referral}` }),
      ]),
      redemptions: [{ points: 10, idempotency_key: 'redeem-1' }],
      discounts: [{ order_id: exported.core.orders.find((o) => o.amount === 20_000)?.id }],
      attitudes: [{ score: 2 }],
    });
    expect(parts['example-scorer']).toMatchObject({
      payments: [{ invoice_ref: 'INV-1', amount: 20_000, days_late: 10 }],
      discounts: [{ order_ref: 'ORD-1', amount: 1_000 }],
      serviceContacts: { inbound_count: 2 },
    });
    expect(parts.development).toMatchObject({
      source: { status: 'recorded', kind: 'meeting', detail: SECRETS.sourceDetail },
    });
  });

  test('after the erasure no personal text is left in any table', () => {
    expect(leaks(dumpAfter)).toEqual([]);
    expect(leaks(JSON.stringify(remains).toLowerCase())).toEqual([]);
    expect(dumpAfter).toContain('li keeps');
  });

  test('the summary counts what each plugin stripped, and the erasure is audited', () => {
    expect(summary).toMatchObject({
      customerId: wang,
      actor: `user:${a.userIds.admin}`,
      core: { identities: 2, interactions: 2, stageEvents: 1 },
      plugins: {
        service: { complaints: 1, complaintSteps: 2 },
        winback: { churns: 1, kindChanges: 1, signals: 1, playbookSteps: 1 },
        loyalty: { adjustments: 1, referrals: 1 },
        development: { sources: 1 },
      },
      uncovered: [],
    });
    const entry = remains.core.audit.find((e) => e.action === 'customer.erased');
    expect(entry).toMatchObject({
      actor: `user:${a.userIds.admin}`,
      entityId: String(wang),
    });
    expect(leaks(JSON.stringify(entry).toLowerCase())).toEqual([]);
  });

  test('the figures stay: revenue, orders, scores, tier, points, complaints and churns', () => {
    const before = exported.plugins as Record<string, Record<string, unknown>>;
    const after = remains.plugins as Record<string, Record<string, unknown>>;
    expect(remains.core.facts).toEqual(exported.core.facts);
    expect(remains.core.orders).toEqual(exported.core.orders);
    expect(remains.core.customer).toMatchObject({
      name: `erased customer #${wang}`,
      stage: 'churned',
      identities: [],
      attributes: {},
      externalRef: null,
    });
    expect(after.scoring).toEqual(before.scoring);
    expect(after.tiering).toEqual(before.tiering);
    expect(after['example-scorer']).toEqual(before['example-scorer']);
    expect(after.loyalty?.account).toEqual(before.loyalty?.account);
    const points = (part: Record<string, unknown> | undefined) =>
      (defined(part, 'loyalty part').ledger as { points: number }[]).map((entry) => entry.points);
    expect(points(after.loyalty)).toEqual(points(before.loyalty));
    expect(after.service).toMatchObject({
      complaints: [{ cause: 'service_attitude', step: 'closed', valid: true, summary: '[erased]' }],
      surveys: [{ kind: 'nps', score: 3 }],
    });
    expect(after.winback).toMatchObject({
      churns: [{ kind: 'natural', reason: '[erased]' }],
      signals: [{ kind: 'rival_offer', note: '[erased]' }],
    });
    expect(after.development).toMatchObject({
      source: { status: 'recorded', kind: 'meeting', detail: '[erased]' },
    });
  });

  test('the erased customer is found by no name, e-mail or phone, and has no card by e-mail', async () => {
    for (const q of ['Secretname', 'wang.secret', '13800138000']) {
      const page = await call('admin', 'GET', `/customers?q=${encodeURIComponent(q)}`);
      expect(page.items).toEqual([]);
    }
    await expectProblem(
      await a.call('rep', 'GET', `/v1/context?teamId=${a.teamA}&email=${SECRETS.email}`),
      404,
      'GX_ERR_NOT_FOUND',
    );
    const page = await call('admin', 'GET', '/customers?q=Li%20Keeps');
    expect(page.items).toMatchObject([{ id: li }]);
  });
});
