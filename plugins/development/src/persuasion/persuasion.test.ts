import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkPoints, openOpportunity, setBalance } from '../opportunities/store';
import { type Kit, openKit } from '../test-kit';
import { CUSTOMER_TYPES, TYPE_LABELS, TYPE_STRATEGIES } from './customer-types';
import { setCustomerType, typeOf } from './set-type';

describe('the ten customer types', () => {
  test('each has a label and a strategy in both languages', () => {
    expect(CUSTOMER_TYPES).toHaveLength(10);
    for (const type of CUSTOMER_TYPES) {
      for (const texts of [TYPE_LABELS[type], TYPE_STRATEGIES[type]]) {
        expect(texts.en.length).toBeGreaterThan(0);
        expect(texts['zh-CN'].length).toBeGreaterThan(0);
      }
    }
    expect(new Set(CUSTOMER_TYPES.map((type) => TYPE_STRATEGIES[type].en)).size).toBe(10);
  });
});

describe.each(testDialects())('persuading on %s', (dialect) => {
  let kit: Kit;
  let customer: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    customer = await kit.customer('Acme');
  });
  afterEach(() => kit.t.destroy());

  const setType = (type: string | null) =>
    kit.run((ctx) =>
      setCustomerType(ctx, { customerId: customer, type: type as never }, kit.rep.actor),
    );

  test('a rep sets the customer’s type and the card shows its strategy, audited', async () => {
    await setType('haggler');
    const { slot, item } = await kit.card(customer);
    expect(slot.customerType).toEqual({
      type: 'haggler',
      label: 'Haggler',
      strategy: TYPE_STRATEGIES.haggler.en,
    });
    expect(item('Customer type')).toBe(`Haggler: ${TYPE_STRATEGIES.haggler.en}`);
    const zh = await kit.card(customer, 'zh-CN');
    expect(zh.item('客户类型')).toBe(`斤斤计较型：${TYPE_STRATEGIES.haggler['zh-CN']}`);
    await setType('suspicious');
    const [entry] = await kit.t.core.audit.list(kit.teamId, 1);
    expect(entry).toMatchObject({
      action: 'development.type.set',
      entity: 'customer',
      before: 'haggler',
      after: 'suspicious',
      actor: kit.rep.actor,
    });
    await setType(null);
    expect(await kit.run((ctx) => typeOf(ctx, customer))).toBeUndefined();
    expect((await kit.card(customer)).slot.customerType).toBeNull();
    await expect(setType('grumpy')).rejects.toMatchObject({ issues: [{ path: 'type' }] });
  });

  test('the three points and the Franklin balance show on the card of an open opportunity', async () => {
    const { id } = await kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: customer, amount: 10_000, closeDay: '2024-06-30' },
        kit.rep.actor,
      ),
    );
    await kit.run((ctx) => checkPoints(ctx, { opportunityId: id, introduced: true }));
    await kit.run((ctx) =>
      setBalance(
        ctx,
        { opportunityId: id, benefits: ['Saves a day a week'], losses: ['Keeps paying overtime'] },
        'x',
      ),
    );
    const { slot, item } = await kit.card(customer);
    expect(slot.opportunity?.checklist.map((p) => [p.point, p.done])).toEqual([
      ['introduced', true],
      ['answered', false],
      ['benefits', false],
    ]);
    expect(slot.opportunity?.balance).toEqual({
      benefits: ['Saves a day a week'],
      losses: ['Keeps paying overtime'],
    });
    expect(item('Three points')).toBe(
      '1 / 3 done; next: Answer their questions and clear their doubts, adjusting to them',
    );
    expect(item('Franklin balance')).toBe('1 benefits of buying, 1 losses of not buying');
  });
});
