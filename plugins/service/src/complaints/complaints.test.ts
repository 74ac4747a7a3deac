import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { heard, hoursAfterNow, type Kit, NOW, openKit } from '../test-kit';
import type { Complaint } from './complaint';

describe.each(testDialects())('complaints on %s', (dialect) => {
  let k: Kit;
  let acme: number;
  beforeEach(async () => {
    k = await openKit(dialect);
    acme = await k.customer('Acme');
  });
  afterEach(() => k.t.destroy());

  const opened = () =>
    k.open({
      customerId: acme,
      cause: 'product_quality',
      summary: 'Cracked casing',
      channel: 'phone',
    });

  test('a complaint walks the four steps to closed, each step kept with actor, time and note', async () => {
    const complaint = await opened();
    expect(complaint).toMatchObject({
      customerId: acme,
      cause: 'product_quality',
      summary: 'Cracked casing',
      channel: 'phone',
      step: 'received',
      valid: null,
      tier: 'normal',
      recordedBy: 'user:7',
      openedAt: NOW,
      dueAt: hoursAfterNow(24),
      closedAt: null,
    });
    k.t.clock.advance({ hours: 1 });
    await k.step(complaint.id, { to: 'recorded', valid: true, note: 'batch 12 casing' });
    k.t.clock.advance({ hours: 1 });
    const proposed = await k.step(complaint.id, { to: 'remedy_proposed', remedy: 'Replace unit' });
    expect(proposed).toMatchObject({
      valid: true,
      remedy: 'Replace unit',
      dueAt: hoursAfterNow(26),
    });
    await k.step(complaint.id, { to: 'remedy_accepted', note: 'shipped' });
    await k.step(complaint.id, { to: 'followed_up', note: 'happy now' });
    k.t.clock.advance({ hours: 1 });
    const closed = await k.step(complaint.id, { to: 'closed', note: 'resolved' });
    expect(closed).toMatchObject({
      step: 'closed',
      dueAt: null,
      closedAt: hoursAfterNow(3),
      closeReason: 'resolved',
    });
    expect(closed.steps).toEqual([
      { from: null, to: 'received', actor: 'user:7', note: null, at: NOW },
      {
        from: 'received',
        to: 'recorded',
        actor: 'user:7',
        note: 'batch 12 casing',
        at: hoursAfterNow(1),
      },
      {
        from: 'recorded',
        to: 'remedy_proposed',
        actor: 'user:7',
        note: null,
        at: hoursAfterNow(2),
      },
      {
        from: 'remedy_proposed',
        to: 'remedy_accepted',
        actor: 'user:7',
        note: 'shipped',
        at: hoursAfterNow(2),
      },
      {
        from: 'remedy_accepted',
        to: 'followed_up',
        actor: 'user:7',
        note: 'happy now',
        at: hoursAfterNow(2),
      },
      {
        from: 'followed_up',
        to: 'closed',
        actor: 'user:7',
        note: 'resolved',
        at: hoursAfterNow(3),
      },
    ]);
  });

  test('a refused remedy is replaced by proposing another', async () => {
    const { id } = await opened();
    await k.step(id, { to: 'recorded', valid: true });
    await k.step(id, { to: 'remedy_proposed', remedy: 'Voucher' });
    const again = await k.step(id, {
      to: 'remedy_proposed',
      remedy: 'Refund',
      note: 'voucher refused',
    });
    expect(again).toMatchObject({ step: 'remedy_proposed', remedy: 'Refund' });
  });

  test('illegal moves are GX_ERR_CONFLICT naming the step, and change nothing', async () => {
    const { id } = await opened();
    await expect(k.step(id, { to: 'remedy_proposed', remedy: 'x' })).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
      message: expect.stringContaining('is at step received and cannot move to remedy_proposed'),
    });
    await expect(k.step(id, { to: 'closed' })).rejects.toMatchObject({ code: 'GX_ERR_CONFLICT' });
    await k.step(id, { to: 'recorded', valid: true });
    await expect(k.step(id, { to: 'recorded', valid: true })).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
      details: { step: 'recorded', to: 'recorded', allowed: ['remedy_proposed'] },
    });
    await expect(k.step(id, { to: 'followed_up' })).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
    });
    const current = (await (await k.call('GET', `/complaints/${id}`)).json()) as Complaint;
    expect(current).toMatchObject({ step: 'recorded', valid: true });
    expect(current.steps).toHaveLength(2);
  });

  test('an invalid complaint is closed at once with the reason, and cannot move again', async () => {
    const { id } = await opened();
    const closed = await k.step(id, { to: 'recorded', valid: false, note: 'not our product' });
    expect(closed).toMatchObject({
      step: 'closed',
      valid: false,
      closedAt: NOW,
      closeReason: 'not our product',
      dueAt: null,
    });
    expect(closed.steps.map((s) => [s.from, s.to, s.note])).toEqual([
      [null, 'received', null],
      ['received', 'recorded', 'not our product'],
      ['recorded', 'closed', 'not our product'],
    ]);
    await expect(k.step(id, { to: 'remedy_proposed', remedy: 'x' })).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
      message: expect.stringContaining('step closed'),
    });
  });

  test('step input is checked field by field before anything changes', async () => {
    const { id } = await opened();
    const invalid = (body: Record<string, unknown>, path: string) =>
      expect(k.step(id, body)).rejects.toMatchObject({
        code: 'GX_ERR_VALIDATION',
        issues: [expect.objectContaining({ path })],
      });
    await invalid({ to: 'resolved' }, 'to');
    await invalid({ to: 'recorded' }, 'valid');
    await invalid({ to: 'recorded', valid: false }, 'note');
    await invalid({ to: 'recorded', valid: 'yes' }, 'valid');
    await invalid({ to: 'recorded', valid: true, remedy: 'x' }, 'remedy');
    await invalid({ to: 'recorded', valid: true, colour: 'red' }, 'colour');
    const current = (await (await k.call('GET', `/complaints/${id}`)).json()) as Complaint;
    expect(current.step).toBe('received');
  });

  test('opening logs an inbound interaction on the given channel', async () => {
    await opened();
    await k.open({ customerId: acme, cause: 'service_attitude', summary: 'Rude on the phone' });
    const card = await k.t.core.context.card(k.teamId, { customerId: acme }, 'en');
    expect(
      card?.card.lastInteractions.map((i) => [i.channel, i.direction, i.summary, i.actor]),
    ).toEqual(
      expect.arrayContaining([
        ['phone', 'inbound', 'Complaint: Cracked casing', 'user:7'],
        ['other', 'inbound', 'Complaint: Rude on the phone', 'user:7'],
      ]),
    );
    expect(card?.card.facts.interactionCount).toBe(2);
  });

  test('events carry the complaint to subscribers: opened, stepped, closed', async () => {
    const { id } = await opened();
    await k.step(id, { to: 'recorded', valid: false, note: 'duplicate' });
    const base = {
      complaintId: id,
      customerId: acme,
      cause: 'product_quality',
      openedAt: NOW,
      actor: 'user:7',
    };
    expect(heard).toEqual([
      {
        hook: 'complaint:opened',
        items: [
          { ...base, step: 'received', valid: null, dueAt: hoursAfterNow(24), closedAt: null },
        ],
      },
      {
        hook: 'complaint:stepped',
        items: [{ ...base, step: 'closed', valid: false, dueAt: null, closedAt: NOW }],
      },
      {
        hook: 'complaint:closed',
        items: [{ ...base, step: 'closed', valid: false, dueAt: null, closedAt: NOW }],
      },
    ]);
  });

  test('complaint events can be delivered by webhooks under their hook names', async () => {
    await k.t.core.webhooks.create(
      k.teamId,
      { url: 'https://hooks.example.com/crm', events: ['complaint:opened', 'complaint:closed'] },
      'admin',
    );
    const { id } = await opened();
    await k.step(id, { to: 'recorded', valid: false, note: 'duplicate' });
    const due = await k.t.core.webhooks.claimDue();
    expect(due.map((d) => d.event).sort()).toEqual(['complaint:closed', 'complaint:opened']);
  });

  test('a list filters by customer and open, newest first, and pages', async () => {
    const other = await k.customer('Bolt');
    const first = await opened();
    const second = await k.open({ customerId: other, cause: 'deception', summary: 'Fake offer' });
    const third = await opened();
    await k.step(third.id, { to: 'recorded', valid: false, note: 'spam' });
    const list = async (query: string) =>
      (
        (await (await k.call('GET', `/complaints${query}`)).json()) as { items: { id: number }[] }
      ).items.map((c) => c.id);
    expect(await list('')).toEqual([third.id, second.id, first.id]);
    expect(await list(`?customerId=${acme}`)).toEqual([third.id, first.id]);
    expect(await list(`?customerId=${acme}&open=true`)).toEqual([first.id]);
    expect(await list('?open=false')).toEqual([third.id]);
    const page = (await (await k.call('GET', '/complaints?limit=2')).json()) as {
      next: number | null;
    };
    expect(page.next).toBe(second.id);
    expect(await list(`?limit=2&after=${page.next}`)).toEqual([first.id]);
    await expect(k.call('GET', '/complaints?open=maybe')).rejects.toMatchObject({
      issues: [{ path: 'open' }],
    });
  });

  test('a customer outside the team, or an unknown complaint, is not found', async () => {
    const other = (await k.t.core.teams.create({ name: 'South', slug: 'south' })).id;
    const stranger = (await k.t.core.customers.create(other, { kind: 'person', name: 'Eve' })).id;
    await expect(
      k.open({ customerId: stranger, cause: 'other', summary: 'x' }),
    ).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND' });
    await expect(k.step(999, { to: 'recorded', valid: true })).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
  });
});
