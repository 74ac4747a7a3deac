import { isGuanxiError } from '@guanxi/core';
import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from '../test-kit';
import { discountTotals, recordDiscounts } from './discounts';

describe.each(testDialects())('discounts on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  test('totals per customer, once the team records any; one discount per order', async () => {
    const [acme, bolt] = [await kit.customer('Acme'), await kit.customer('Bolt')];
    expect(await discountTotals(kit.ctx, [acme, bolt])).toBeUndefined();
    await recordDiscounts(kit.ctx, [
      { customerId: acme, orderRef: 'O-1', amount: 300, grantedAt: '2024-05-01' },
      { customerId: acme, orderRef: 'O-2', amount: 200, grantedAt: '2024-05-02' },
    ]);
    await recordDiscounts(kit.ctx, [
      { customerId: acme, orderRef: 'O-2', amount: 700, grantedAt: '2024-05-02' },
    ]);
    expect(await discountTotals(kit.ctx, [acme, bolt])).toEqual(new Map([[acme, 1000]]));
  });

  test('bad input is refused naming the field', async () => {
    const acme = await kit.customer('Acme');
    const error = await recordDiscounts(kit.ctx, [
      { customerId: acme, orderRef: 'O-1', amount: -5, grantedAt: '2024-05-01' },
    ]).catch((e: unknown) => e);
    expect(isGuanxiError(error, 'GX_ERR_VALIDATION')).toBe(true);
    expect((error as { issues: unknown }).issues).toEqual([
      { path: 'discounts.0.amount', message: 'must be 0 or more' },
    ]);
  });
});
