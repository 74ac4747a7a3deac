import type { InteractionInput } from '@guanxi/core';
import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { serviceContacts } from '../signals/service-contacts';
import { type Kit, openKit } from '../test-kit';

describe.each(testDialects())('counting service contacts on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.t.destroy());

  const contact = (customerId: number, direction: 'inbound' | 'outbound'): InteractionInput => ({
    customerId,
    channel: 'phone',
    direction,
    summary: direction === 'inbound' ? 'asks for help' : 'offers a deal',
    occurredAt: '2024-05-01',
    actor: 'rep',
  });

  test('counts inbound interactions per customer, batch after batch', async () => {
    const [acme, bolt] = [await kit.customer('Acme'), await kit.customer('Bolt')];
    await kit.t.core.interactions.log(kit.teamId, [
      contact(acme, 'inbound'),
      contact(acme, 'inbound'),
      contact(acme, 'outbound'),
      contact(bolt, 'outbound'),
    ]);
    await kit.t.core.interactions.log(kit.teamId, [contact(acme, 'inbound')]);
    expect(await serviceContacts(kit.ctx, [acme, bolt])).toEqual(new Map([[acme, 3]]));
    expect(await kit.t.core.hookFailures.list(kit.teamId)).toEqual([]);
  });

  test('counts nothing while the team has the plugin off', async () => {
    const acme = await kit.customer('Acme');
    await kit.t.core.plugins.disable(kit.teamId, 'example-scorer', 'admin');
    await kit.t.core.interactions.log(kit.teamId, [contact(acme, 'inbound')]);
    expect(await serviceContacts(kit.ctx, [acme])).toEqual(new Map());
  });
});
