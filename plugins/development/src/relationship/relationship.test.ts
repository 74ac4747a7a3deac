import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { moveOpportunity, openOpportunity, winOpportunity } from '../opportunities/store';
import { RELATIONSHIP_PRIORITY } from '../panel/development-panel';
import { type Kit, NOW, openKit } from '../test-kit';
import { interestsOf, moveRelationship, noteInterest, relationshipHistory } from './relationship';

describe.each(testDialects())('relationship steps on %s', (dialect) => {
  let kit: Kit;
  let customer: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    customer = await kit.customer('Acme');
  });
  afterEach(() => kit.t.destroy());

  const move = (to: string, note?: string) =>
    kit.run((ctx) =>
      moveRelationship(
        ctx,
        { customerId: customer, to: to as never, ...(note ? { note } : {}) },
        kit.rep.actor,
      ),
    );
  const history = () => kit.run((ctx) => relationshipHistory(ctx, customer));
  const stage = async () =>
    defined(await kit.t.core.customers.find(kit.teamId, customer)).relationshipStage;

  test('a rep’s move is written to the core’s field and kept once in the history', async () => {
    expect(await move('awareness', 'met at the fair')).toMatchObject({
      from: 'stranger',
      to: 'awareness',
    });
    kit.t.clock.advance({ days: 3 });
    await move('interest');
    expect(await stage()).toBe('interest');
    expect(await history()).toEqual([
      {
        from: 'stranger',
        to: 'awareness',
        cause: 'rep',
        actor: kit.rep.actor,
        note: 'met at the fair',
        at: NOW,
      },
      {
        from: 'awareness',
        to: 'interest',
        cause: 'rep',
        actor: kit.rep.actor,
        note: null,
        at: '2024-06-04T00:00:00.000Z',
      },
    ]);
    await expect(move('interest')).rejects.toMatchObject({
      code: 'GX_ERR_CONFLICT',
      issues: [{ path: 'to' }],
    });
    await move('stranger');
    expect(await stage()).toBeNull();
  });

  test('a stage set on the customer through the core joins the history too', async () => {
    const born = await kit.customer('Born close', { relationshipStage: 'emotion' });
    expect(await kit.run((ctx) => relationshipHistory(ctx, born))).toMatchObject([
      { from: 'stranger', to: 'emotion', cause: 'customer-update', actor: 'system' },
    ]);
    await move('awareness');
    await kit.t.core.customers.update(kit.teamId, customer, { relationshipStage: 'interest' });
    await kit.t.core.customers.update(kit.teamId, customer, { name: 'Acme Ltd' });
    expect((await history()).map((c) => [c.from, c.to, c.cause])).toEqual([
      ['stranger', 'awareness', 'rep'],
      ['awareness', 'interest', 'customer-update'],
    ]);
  });

  test('the card shows the standing and suggests the next step from interactions, sales and interests', async () => {
    const first = await kit.card(customer);
    expect(first.slot.relationship).toEqual({
      step: 'stranger',
      label: 'Stranger',
      standing: 'stranger',
      standingLabel: 'Stranger',
      suggestion: null,
    });
    await kit.t.core.interactions.log(kit.teamId, [
      {
        customerId: customer,
        channel: 'phone',
        direction: 'outbound',
        summary: 'Intro call',
        occurredAt: '2024-05-30',
        actor: 'x',
      },
    ]);
    const touched = await kit.card(customer);
    expect(touched.slot.relationship.suggestion).toEqual({
      to: 'awareness',
      label: 'Awareness',
      reason: 'You have been in touch: they know who we are',
    });
    expect(touched.item('Suggested step')).toBe(
      'Awareness: You have been in touch: they know who we are',
    );
    expect(touched.card.nextBestAction).toMatchObject({
      label: 'Move the relationship to Awareness',
      priority: RELATIONSHIP_PRIORITY,
    });

    await move('awareness');
    expect((await kit.card(customer)).slot.relationship.suggestion).toBeNull();
    await kit.run((ctx) =>
      noteInterest(
        ctx,
        { customerId: customer, kind: 'personal', text: 'Wants a promotion this year' },
        kit.rep.actor,
      ),
    );
    const zh = await kit.card(customer, 'zh-CN');
    expect(zh.slot.relationship).toMatchObject({
      label: '认知',
      standingLabel: '熟悉客户',
      suggestion: { to: 'interest', label: '利益' },
    });
    expect(zh.item('建议推进')).toBe('利益：销售已在推进，或已了解对方的利益所在');

    await move('interest');
    const { id } = await kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: customer, amount: 1_000, closeDay: '2024-06-30' },
        kit.rep.actor,
      ),
    );
    await kit.run((ctx) => winOpportunity(ctx, { opportunityId: id }, 'x'));
    expect((await kit.card(customer)).slot.relationship.suggestion).toBeNull();
    await kit.configure({ relationship: { emotionInteractions: 1 } });
    const close = await kit.card(customer);
    expect(close.slot.relationship.suggestion).toMatchObject({ to: 'emotion' });
    await move('emotion');
    expect((await kit.card(customer)).slot.relationship).toMatchObject({
      standing: 'relationship',
      standingLabel: 'Relationship customer',
      suggestion: null,
    });
  });

  test('an opportunity past its first stage suggests interest', async () => {
    await move('awareness');
    const { id } = await kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: customer, amount: 1_000, closeDay: '2024-06-30' },
        kit.rep.actor,
      ),
    );
    expect((await kit.card(customer)).slot.relationship.suggestion).toBeNull();
    await kit.run((ctx) => moveOpportunity(ctx, { opportunityId: id, stage: 'visit' }, 'x'));
    expect((await kit.card(customer)).slot.relationship.suggestion?.to).toBe('interest');
  });

  test('interests are the organisation’s or the person’s own; anything else names the field', async () => {
    await kit.run((ctx) =>
      noteInterest(
        ctx,
        { customerId: customer, kind: 'organisational', text: 'Cut logistics cost 10%' },
        'x',
      ),
    );
    expect(await kit.run((ctx) => interestsOf(ctx, customer))).toMatchObject([
      { kind: 'organisational', text: 'Cut logistics cost 10%', actor: 'x' },
    ]);
    await expect(
      kit.run((ctx) =>
        noteInterest(ctx, { customerId: customer, kind: 'family' as never, text: 'x' }, 'x'),
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'kind' }] });
  });
});
