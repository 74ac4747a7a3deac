import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openOpportunity } from '../opportunities/store';
import { setCustomerType } from '../persuasion/set-type';
import { type Kit, openKit } from '../test-kit';

describe.each(testDialects())('the development panel on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  const referredBy = (referrerId: number) => ({
    attributes: {
      source: { value: { kind: 'referral', referrerId }, source: 'sales_rep' as const },
    },
  });

  test('shows every part in the reader’s language', async () => {
    await kit.configure({ sources: { centreOfInfluence: 2 } });
    const wang = await kit.customer('Wang Trading');
    const li = await kit.customer('Li Foods', referredBy(wang));
    await kit.customer('Zhang Tools', referredBy(wang));
    await kit.run(async (ctx) => {
      await openOpportunity(
        ctx,
        { customerId: li, amount: 1_234_500, closeDay: '2024-07-15', title: 'Cold store' },
        kit.rep.actor,
      );
      await openOpportunity(
        ctx,
        { customerId: li, amount: 1_000, closeDay: '2024-08-15' },
        kit.rep.actor,
      );
      await setCustomerType(ctx, { customerId: li, type: 'rational' }, kit.rep.actor);
    });

    const en = await kit.card(li, 'en');
    expect(en.panel.title).toBe('Customer development');
    expect(en.panel.items.map((item) => item.label)).toEqual([
      'Source',
      'Fit',
      'Opportunity',
      'Three points',
      'Customer type',
      'Relationship',
      'Suggested step',
    ]);
    expect(en.item('Source')).toBe('Referral by Wang Trading');
    expect(en.item('Fit')).toBe('50 / 100');
    expect(en.item('Opportunity')).toBe(
      'Cold store · Appointment · CN¥12,345.00 · closes 2024-07-15 (+1 more open)',
    );
    expect(en.slot.source).toEqual({
      status: 'recorded',
      kind: 'referral',
      label: 'Referral',
      issue: null,
      referrer: { id: wang, name: 'Wang Trading' },
      agent: null,
      competitor: null,
    });
    expect(en.slot.opportunity).toMatchObject({ title: 'Cold store', open: 2, probability: 0.1 });

    const zh = await kit.card(li, 'zh-CN');
    expect(zh.panel.title).toBe('客户开发');
    expect(zh.item('客户来源')).toBe('客户介绍：Wang Trading');
    expect(zh.item('销售机会')).toBe(
      'Cold store · 销售预约 · ¥12,345.00 · 预计 2024-07-15 成交（另有 1 个进行中）',
    );
    expect(zh.item('客户关系')).toBe('陌生客户 · 陌生');

    const centre = await kit.card(wang, 'zh-CN');
    expect(centre.item('介绍客户数')).toBe('2：中心开花人物');
    expect(centre.slot).toMatchObject({ referrals: 2, centreOfInfluence: true, source: null });
    expect(centre.item('客户来源')).toBe('未记录');
  });

  test('a refused source says why, for the rep to put right', async () => {
    const id = await kit.customer('Odd', {
      attributes: { source: { value: 'carrier-pigeon', source: 'sales_rep' } },
    });
    const { item, slot } = await kit.card(id);
    expect(slot.source?.status).toBe('refused');
    expect(item('Source')).toBe(
      'refused: source.kind: not a source kind: a built-in kind or one of the team’s own sources',
    );
  });
});
