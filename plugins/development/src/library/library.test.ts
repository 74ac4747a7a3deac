import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from '../test-kit';
import { addCase, type CaseInput, listCases, removeCase, replaceCase } from './cases';
import { listPains, removePains, setPains } from './pains';

const CASE: CaseInput = {
  role: 'CFO',
  industry: 'Manufacturing',
  keyIssue: 'Month-end close takes ten days',
  reason: 'Needed consolidated figures for the bank',
  capability: {
    when: 'At month end',
    who: 'The finance team',
    what: 'See every plant’s ledger in one place',
  },
  provided: 'Consolidation across six plants',
  result: { percent: 60, text: 'Close cut from ten days to four' },
};

describe.each(testDialects())('the value proposition library on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  test('pains by role and industry: one to three, replaced, matched whatever the case', async () => {
    await kit.run((ctx) =>
      setPains(ctx, { role: 'CFO', industry: 'Manufacturing', pains: ['Slow close'] }, 'x'),
    );
    await kit.run((ctx) =>
      setPains(
        ctx,
        { role: 'cfo ', industry: 'manufacturing', pains: ['Slow close', 'Cash tied up'] },
        'y',
      ),
    );
    expect(await kit.run(listPains)).toMatchObject([
      { role: 'cfo', industry: 'manufacturing', pains: ['Slow close', 'Cash tied up'], actor: 'y' },
    ]);
    await expect(
      kit.run((ctx) =>
        setPains(ctx, { role: 'CFO', industry: 'Retail', pains: ['a', 'b', 'c', 'd'] }, 'x'),
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'pains', message: 'at most three pains' }] });
    await kit.run((ctx) => removePains(ctx, { role: 'CFO', industry: 'Manufacturing' }));
    expect(await kit.run(listPains)).toEqual([]);
  });

  test('reference cases follow the template, with a result in money or percent', async () => {
    const added = await kit.run((ctx) => addCase(ctx, CASE, 'x'));
    expect(added).toMatchObject({
      role: 'CFO',
      capability: { when: 'At month end' },
      result: { percent: 60, amount: null, currency: null },
    });
    const money = await kit.run((ctx) =>
      replaceCase(
        ctx,
        { ...CASE, caseId: added.id, result: { amount: 12_000_000, text: 'Saved 120k a year' } },
        'x',
      ),
    );
    expect(money.result).toEqual({
      amount: 12_000_000,
      currency: 'CNY',
      percent: null,
      text: 'Saved 120k a year',
    });
    await expect(
      kit.run((ctx) =>
        addCase(ctx, { ...CASE, result: { amount: 1, percent: 2, text: 'x' } }, 'x'),
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'result.amount' }] });
    await expect(
      kit.run((ctx) => addCase(ctx, { ...CASE, capability: { when: 'x', who: '' } } as never, 'x')),
    ).rejects.toMatchObject({ issues: [{ path: 'capability.who' }, { path: 'capability.what' }] });
    await kit.run((ctx) => removeCase(ctx, { caseId: added.id }));
    expect(await kit.run(listCases)).toEqual([]);
  });

  test('the card shows the pains and the case for the person’s role and the company’s industry', async () => {
    await kit.run((ctx) =>
      setPains(
        ctx,
        { role: 'CFO', industry: 'Manufacturing', pains: ['Slow close', 'Cash tied up'] },
        'x',
      ),
    );
    await kit.run((ctx) =>
      addCase(ctx, { ...CASE, role: 'COO', keyIssue: 'Plants run blind' }, 'x'),
    );
    const matching = await kit.run((ctx) => addCase(ctx, CASE, 'x'));
    await kit.run((ctx) => addCase(ctx, { ...CASE, industry: 'Retail' }, 'x'));
    const company = await kit.customer('Steel Co', {
      domains: ['steel.example'],
      attributes: { industry: { value: 'manufacturing', source: 'registry' } },
    });
    const person = await kit.t.core.customers.create(kit.teamId, {
      kind: 'person',
      name: 'Sun',
      emails: ['sun@steel.example'],
      attributes: { role: { value: 'CFO', source: 'sales_rep' } },
    });
    expect(person.companyId).toBe(company);
    const { slot, item } = await kit.card(person.id);
    expect(slot.pains).toEqual(['Slow close', 'Cash tied up']);
    expect(slot.matchingCase).toEqual({
      id: matching.id,
      role: 'CFO',
      industry: 'Manufacturing',
      keyIssue: 'Month-end close takes ten days',
      provided: 'Consolidation across six plants',
      result: 'Close cut from ten days to four',
    });
    expect(item('Reference case')).toBe(
      'Month-end close takes ten days → Close cut from ten days to four',
    );
    const boss = await kit.customer('Other Co', {
      attributes: { industry: { value: 'Manufacturing', source: 'registry' } },
    });
    expect((await kit.card(boss)).slot.matchingCase?.keyIssue).toBe(
      'Month-end close takes ten days',
    );
  });
});
