import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { recordPayments } from '../signals/payments';
import { type Kit, monthly, openKit } from '../test-kit';

describe.each(testDialects())('the good-customer panel on %s', (dialect) => {
  let kit: Kit;
  let acme: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    acme = await kit.customer('Acme', monthly(12, 100_000, 97_000));
    await recordPayments(kit.ctx, [
      {
        customerId: acme,
        invoiceRef: 'I-1',
        amount: 100_000,
        dueAt: '2024-05-01',
        paidAt: '2024-05-01',
      },
    ]);
  });
  afterEach(() => kit.t.destroy());

  const card = async (locale: 'en' | 'zh-CN') =>
    defined(await kit.t.core.context.card(kit.teamId, { customerId: acme }, locale)).card;

  test('shows the score with its strongest and weakest factor, in English', async () => {
    const [score] = await kit.score(acme);
    const shown = await card('en');
    expect(shown.panels).toEqual([
      {
        plugin: 'example-scorer',
        id: 'good-customer',
        title: 'Good customer',
        items: [
          { label: 'Score', value: `${score?.value} / 100` },
          { label: 'Strongest', value: 'buys often (12 orders a year)' },
          { label: 'Weakest', value: 'low margin (3%)' },
        ],
        actions: [],
      },
    ]);
    expect(shown.slots).toEqual({ goodCustomer: { score: score?.value } });
  });

  test('and in Simplified Chinese', async () => {
    const shown = await card('zh-CN');
    expect(shown.panels[0]).toMatchObject({
      title: '好客户评分',
      items: [
        { label: '评分' },
        { label: '优势', value: '购买频繁（每年 12 单）' },
        { label: '短板', value: '利润率低（3%）' },
      ],
    });
  });

  test('a recorded payment reaches a card already cached', async () => {
    const before = defined((await card('en')).slots.goodCustomer).score;
    await recordPayments(kit.ctx, [
      { customerId: acme, invoiceRef: 'I-2', amount: 900_000, dueAt: '2024-05-01' },
    ]);
    expect(defined((await card('en')).slots.goodCustomer).score).toBeLessThan(before);
  });
});
