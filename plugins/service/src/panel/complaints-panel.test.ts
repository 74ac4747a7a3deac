import type { Locale } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hoursAfterNow, type Kit, openKit } from '../test-kit';

describe.each(testDialects())('the complaints panel on %s', (dialect) => {
  let k: Kit;
  let acme: number;
  beforeEach(async () => {
    k = await openKit(dialect);
    acme = await k.customer('Acme');
  });
  afterEach(() => k.t.destroy());

  const card = async (locale: Locale) =>
    defined(await k.t.core.context.card(k.teamId, { customerId: acme }, locale)).card;
  const panel = async (locale: Locale) =>
    defined(
      (await card(locale)).panels.find((p) => p.plugin === 'service' && p.id === 'complaints'),
    );

  test('the time left moves on by itself, with no write to the customer', async () => {
    await k.open({ customerId: acme, cause: 'product_quality', summary: 'Cracked' });
    k.t.clock.advance({ ms: 90 * 60_000 });
    expect((await panel('en')).items[0]?.value).toBe('received · 22 h left');
    k.t.clock.advance({ ms: 30 * 60_000 });
    expect((await panel('en')).items[0]?.value).toBe('received · 22 h left');
    k.t.clock.advance({ ms: 1 });
    expect((await panel('en')).items[0]?.value).toBe('received · 21 h left');
  });

  test('open complaints show their step and the time left, in both languages', async () => {
    const { id } = await k.open({ customerId: acme, cause: 'product_quality', summary: 'Cracked' });
    k.t.clock.advance({ hours: 21 });
    await k.t.core.customers.touch(k.teamId, [acme]);
    expect((await panel('en')).items).toEqual([
      { label: `Complaint #${id} (product quality)`, value: 'received · 3 h left' },
    ]);
    expect((await panel('zh-CN')).items).toEqual([
      { label: `投诉 #${id}（产品质量）`, value: '已受理 · 剩余 3 小时' },
    ]);
    expect((await card('en')).slots.complaints).toEqual({
      open: [
        {
          id,
          cause: 'product_quality',
          causeLabel: 'product quality',
          step: 'received',
          stepLabel: 'received',
          dueAt: hoursAfterNow(24),
          overdue: false,
          timeLeft: '3 h left',
        },
      ],
    });

    k.t.clock.advance({ hours: 5 });
    await k.t.core.customers.touch(k.teamId, [acme]);
    expect((await panel('en')).items[0]?.value).toBe('received · overdue by 2 h');
    expect((await panel('zh-CN')).items[0]?.value).toBe('已受理 · 已超时 2 小时');
    expect((await card('en')).slots.complaints?.open[0]?.overdue).toBe(true);
  });

  test('a complaint change refreshes the cached card; a closed one leaves it', async () => {
    const { id } = await k.open({ customerId: acme, cause: 'other', summary: 'Noise' });
    expect((await panel('en')).items[0]?.value).toBe('received · 24 h left');
    await k.step(id, { to: 'recorded', valid: true });
    expect((await panel('en')).items[0]?.value).toBe('recorded and judged · 24 h left');
    await k.step(id, { to: 'remedy_proposed', remedy: 'Visit' });
    await k.step(id, { to: 'remedy_accepted' });
    await k.step(id, { to: 'followed_up' });
    await k.step(id, { to: 'closed' });
    expect((await panel('en')).items).toEqual([{ label: 'Open complaints', value: 'none' }]);
    expect((await card('en')).slots.complaints).toEqual({ open: [] });
  });

  test('a complaint near or past due is the next best action: 50, or 60 for key customers', async () => {
    const { id } = await k.open({ customerId: acme, cause: 'service_attitude', summary: 'Rude' });
    expect((await card('en')).nextBestAction.plugin).not.toBe('service');
    k.t.clock.advance({ hours: 22 });
    await k.t.core.customers.touch(k.teamId, [acme]);
    expect((await card('en')).nextBestAction).toEqual({
      label: 'Record the complaint and judge it',
      reason: `Complaint #${id} (service attitude) is received: 2 h left`,
      priority: 50,
      plugin: 'service',
    });
    expect((await card('zh-CN')).nextBestAction).toMatchObject({
      label: '记录投诉要点并判定是否成立',
      reason: `投诉 #${id}（服务态度）已受理：剩余 2 小时`,
      priority: 50,
    });
  });

  test('relationship quality appears as four gauges once the customer answered', async () => {
    expect((await card('en')).slots.relationshipQuality).toBeUndefined();
    await k.call('POST', '/surveys', {
      customerId: acme,
      kind: 'csat',
      score: 4,
      items: { trust: 4, satisfaction: 5, commitment: 3 },
    });
    expect((await panel('en')).items.slice(1)).toEqual([
      { label: 'Trust', value: '4.0 / 5' },
      { label: 'Satisfaction', value: '5.0 / 5' },
      { label: 'Commitment', value: '3.0 / 5' },
      { label: 'Commercial friendship', value: 'no answer yet' },
    ]);
    expect((await panel('zh-CN')).items.slice(1).map((i) => i.label)).toEqual([
      '信任感',
      '满意感',
      '归属感',
      '商业友谊',
    ]);
    expect((await card('en')).slots.relationshipQuality).toEqual({
      trust: 4,
      satisfaction: 5,
      commitment: 3,
      friendship: null,
      basis: 1,
    });
  });
});

describe.each(testDialects())('the complaints panel with tiers on %s', (dialect) => {
  let k: Kit;
  afterEach(() => k.t.destroy());

  test('an important customer’s overdue complaint asks with priority 60', async () => {
    k = await openKit(dialect, { tiering: true });
    const shares = { important: 0.5, secondary: 0, normal: 0, small: 0.5 };
    await k.t.core.plugins.configure(k.teamId, 'tiering', { shares, hysteresis: 0 }, 'admin');
    const big = await k.customer('Big', 50_000);
    await k.customer('Small', 100);
    await k.t.core.jobs.run('tiering:recompute', { teamId: k.teamId, args: {} });
    const { id } = await k.open({ customerId: big, cause: 'deception', summary: 'Hidden fees' });
    k.t.clock.advance({ hours: 5 });
    await k.t.core.customers.touch(k.teamId, [big]);
    const card = defined(await k.t.core.context.card(k.teamId, { customerId: big }, 'en')).card;
    expect(card.nextBestAction).toMatchObject({
      plugin: 'service',
      priority: 60,
      reason: `Complaint #${id} (deception) is received: overdue by 1 h`,
    });
  });
});
