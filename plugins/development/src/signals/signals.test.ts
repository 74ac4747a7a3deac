import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { moveOpportunity, openOpportunity } from '../opportunities/store';
import { ASK_FOR_ORDER_PRIORITY, STAGE_PRIORITY } from '../panel/development-panel';
import { type Kit, openKit } from '../test-kit';
import { logTaggedInteraction, signalsSince, tagInteraction } from './tag';

describe.each(testDialects())('buying signals on %s', (dialect) => {
  let kit: Kit;
  let customer: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    customer = await kit.customer('Acme');
  });
  afterEach(() => kit.t.destroy());

  const email = (occurredAt: string, summary = 'About the quote') => ({
    customerId: customer,
    channel: 'email' as const,
    direction: 'inbound' as const,
    summary,
    occurredAt,
    actor: kit.rep.actor,
  });

  const log = async (occurredAt: string) =>
    defined((await kit.t.core.interactions.log(kit.teamId, [email(occurredAt)]))[0]).id;

  test('a rep tags an interaction; tagging again replaces, [] clears', async () => {
    const id = await log('2024-05-20T09:00:00Z');
    const tag = (signals: string[]) =>
      kit.run((ctx) =>
        tagInteraction(ctx, { interactionId: id, signals: signals as never }, kit.rep.actor),
      );
    expect(await tag(['asks_lower_price', 'asks_details'])).toEqual({
      interactionId: id,
      customerId: customer,
      signals: ['asks_lower_price', 'asks_details'],
    });
    await tag(['better_reception']);
    const since = (from: string) => kit.run((ctx) => signalsSince(ctx, customer, from));
    expect(await since('2024-01-01T00:00:00.000Z')).toEqual([
      { signal: 'better_reception', interactionId: id, occurredAt: '2024-05-20T09:00:00.000Z' },
    ]);
    await tag([]);
    expect(await since('2024-01-01T00:00:00.000Z')).toEqual([]);
  });

  test('an unknown signal, a repeat, or another team’s interaction is refused', async () => {
    const id = await log('2024-05-20T09:00:00Z');
    const tag = (input: unknown, teamId?: number) =>
      kit.run((ctx) => tagInteraction(ctx, input as never, kit.rep.actor), teamId);
    await expect(tag({ interactionId: id, signals: ['smiles'] })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'signals.0' }],
    });
    await expect(
      tag({ interactionId: id, signals: ['asks_details', 'asks_details'] }),
    ).rejects.toMatchObject({
      issues: [{ path: 'signals', message: 'lists a signal twice' }],
    });
    const other = (await kit.t.core.teams.create({ name: 'South', slug: 'south' })).id;
    await kit.t.core.plugins.enable(other, 'development', 'admin');
    await expect(
      tag({ interactionId: id, signals: ['asks_details'] }, other),
    ).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
      issues: [{ path: 'interactionId' }],
    });
  });

  test('logging an e-mail with its signals writes the core’s interaction and the tags together', async () => {
    const tagged = await kit.run((ctx) =>
      logTaggedInteraction(
        ctx,
        { interaction: email('2024-05-31T10:00:00+08:00'), signals: ['introduces_manager'] },
        kit.rep.actor,
      ),
    );
    const [logged] = await kit.t.core.interactions.forCustomer(kit.teamId, customer);
    expect(logged).toMatchObject({
      id: tagged.interactionId,
      occurredAt: '2024-05-31T02:00:00.000Z',
    });
    expect(tagged.signals).toEqual(['introduces_manager']);
    await expect(
      kit.run((ctx) =>
        logTaggedInteraction(
          ctx,
          { interaction: email('2024-05-31'), signals: ['nope' as never] },
          'x',
        ),
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'signals.0' }] });
    expect(await kit.t.core.interactions.forCustomer(kit.teamId, customer)).toHaveLength(1);
  });

  test('signals since the opportunity opened make the next best action "ask for the order"', async () => {
    const before = await log('2024-05-01T09:00:00Z');
    await kit.run((ctx) =>
      tagInteraction(ctx, { interactionId: before, signals: ['compares_terms'] }, 'x'),
    );
    const opportunity = await kit.run((ctx) =>
      openOpportunity(
        ctx,
        { customerId: customer, amount: 500_000, closeDay: '2024-07-01' },
        kit.rep.actor,
      ),
    );
    await kit.run((ctx) =>
      moveOpportunity(ctx, { opportunityId: opportunity.id, stage: 'visit' }, 'x'),
    );
    const atStage = await kit.card(customer);
    expect(atStage.card.nextBestAction).toMatchObject({
      plugin: 'development',
      label: 'Visit with a clear purpose and earn their first trust',
      reason: 'Opportunity is at Sales visit (25% to win)',
      priority: STAGE_PRIORITY,
    });
    expect(atStage.slot.signals).toEqual([]);

    kit.t.clock.advance({ days: 1 });
    const after = await log('2024-06-01T09:00:00Z');
    await kit.run((ctx) =>
      tagInteraction(
        ctx,
        { interactionId: after, signals: ['asks_lower_price', 'asks_details'] },
        'x',
      ),
    );
    const { card, slot, item } = await kit.card(customer);
    expect(card.nextBestAction).toEqual({
      plugin: 'development',
      label: 'Ask for the order',
      reason:
        'Buying signals: Asks for a lower price, Asks about details, precautions or after-sales service',
      priority: ASK_FOR_ORDER_PRIORITY,
    });
    expect(slot.signals.map((s) => s.signal)).toEqual(['asks_lower_price', 'asks_details']);
    expect(item('Buying signals')).toBe(
      'Asks for a lower price, Asks about details, precautions or after-sales service',
    );
    const zh = await kit.card(customer, 'zh-CN');
    expect(zh.card.nextBestAction).toMatchObject({
      label: '提出成交请求',
      reason: '成交信号：要求降价、询问细节、注意事项或售后服务',
    });
  });
});
