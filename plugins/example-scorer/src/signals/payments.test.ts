import { isGuanxiError } from '@guanxi/core';
import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tablesOf } from '../tables';
import { type Kit, openKit } from '../test-kit';
import { type PaymentInput, paymentRecords, recordPayments } from './payments';

async function issuesOf(attempt: Promise<unknown>) {
  const error = await attempt.catch((e: unknown) => e);
  if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw new Error(`expected a validation error`);
  return error.issues;
}

describe.each(testDialects())('payments on %s', (dialect) => {
  let kit: Kit;
  let acme: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    acme = await kit.customer('Acme');
  });
  afterEach(() => kit.t.destroy());

  const invoice = (change: Partial<PaymentInput> = {}): PaymentInput => ({
    customerId: acme,
    invoiceRef: 'INV-1',
    amount: 50_000,
    dueAt: '2024-05-20',
    ...change,
  });
  const record = async (graceDays = 0) =>
    (await paymentRecords(kit.ctx, [acme], graceDays)).get(acme);

  test('bad input is refused naming each field, and nothing is written', async () => {
    const issues = await issuesOf(
      recordPayments(kit.ctx, [
        invoice(),
        { ...invoice({ invoiceRef: ' ', amount: 1.5, dueAt: 'soon' }), paidAt: '2024-02-30' },
      ]),
    );
    expect(issues).toEqual([
      { path: 'payments.1.invoiceRef', message: 'must not be empty' },
      { path: 'payments.1.amount', message: 'must be whole minor units' },
      { path: 'payments.1.dueAt', message: expect.stringContaining('ISO-8601') },
      { path: 'payments.1.paidAt', message: expect.stringContaining('ISO-8601') },
    ]);
    expect(await record()).toBeUndefined();
  });

  test('refuses customers of other teams and an invoice given twice', async () => {
    const south = await kit.t.core.teams.create({ name: 'South', slug: 'south' });
    const stranger = (await kit.t.core.customers.create(south.id, { kind: 'person', name: 'S' }))
      .id;
    const issues = await issuesOf(
      recordPayments(kit.ctx, [
        invoice({ customerId: stranger, invoiceRef: 'A' }),
        invoice(),
        invoice(),
      ]),
    );
    expect(issues).toEqual([
      { path: 'payments.0.customerId', message: 'no such customer in this team' },
      { path: 'payments.2.invoiceRef', message: 'appears twice in this batch' },
    ]);
  });

  test('an invoice counts once it is paid or overdue, and recording it again updates it', async () => {
    kit.t.clock.set('2024-05-10T00:00:00Z');
    await recordPayments(kit.ctx, [invoice()]);
    expect(await record()).toEqual({ settled: 0, onTime: 0 });

    kit.t.clock.set('2024-05-21T00:00:00Z');
    expect(await record()).toEqual({ settled: 50_000, onTime: 0 });

    await recordPayments(kit.ctx, [invoice({ paidAt: '2024-05-20T18:00:00+08:00' })]);
    expect(await record()).toEqual({ settled: 50_000, onTime: 50_000 });
  });

  test('due and paid days are the team’s (Shanghai): 23:30 is on time, 00:30 a day late', async () => {
    kit.t.clock.set('2024-06-01T00:00:00Z');
    await recordPayments(kit.ctx, [invoice({ paidAt: '2024-05-20T23:30' })]);
    expect(await record()).toEqual({ settled: 50_000, onTime: 50_000 });
    // 16:30 on 20 May in UTC, but 00:30 on the 21st in Shanghai.
    await recordPayments(kit.ctx, [invoice({ paidAt: '2024-05-20T16:30:00Z' })]);
    expect(await record()).toEqual({ settled: 50_000, onTime: 0 });
    expect(await record(1)).toEqual({ settled: 50_000, onTime: 50_000 });
    const [stored] = await tablesOf(kit.ctx)
      .selectFrom('example_scorer_payments')
      .select('due_at')
      .execute();
    expect(stored).toEqual({ due_at: '2024-05-19T16:00:00.000Z' });
  });

  test('an unpaid invoice is overdue from the team’s first day past the grace days', async () => {
    await recordPayments(kit.ctx, [invoice()]);
    kit.t.clock.set('2024-05-22T15:59:00Z'); // 23:59 on 22 May in Shanghai
    expect(await record(2)).toEqual({ settled: 0, onTime: 0 });
    kit.t.clock.set('2024-05-22T16:00:00Z'); // midnight: paying now would be 3 days late
    expect(await record(2)).toEqual({ settled: 50_000, onTime: 0 });
  });

  test('grace days forgive a short delay', async () => {
    await recordPayments(kit.ctx, [invoice({ paidAt: '2024-05-23' })]);
    expect(await record(0)).toEqual({ settled: 50_000, onTime: 0 });
    expect(await record(3)).toEqual({ settled: 50_000, onTime: 50_000 });
  });

  test('a payment after the clock does not count yet', async () => {
    await recordPayments(kit.ctx, [invoice({ dueAt: '2024-07-01', paidAt: '2024-06-20' })]);
    expect(await record()).toEqual({ settled: 0, onTime: 0 });
    kit.t.clock.set('2024-06-21T00:00:00Z');
    expect(await record()).toEqual({ settled: 50_000, onTime: 50_000 });
  });
});
