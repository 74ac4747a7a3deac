import { describe, expect, test } from 'vitest';
import { customerBody, interactionCall, sourceFor } from './development';

describe('a source picked when creating a customer', () => {
  test('a kind that names nobody is sent alone, whatever else was typed', () => {
    expect(sourceFor('meeting', null, { agent: 'Zhao', referrerId: 3 })).toEqual({
      kind: 'meeting',
    });
  });

  test('a referral waits for its referrer and keeps only the referrer', () => {
    expect(sourceFor('referral', 'referrer', { agent: 'Zhao' })).toBeUndefined();
    expect(sourceFor('referral', 'referrer', { referrerId: 12, agent: 'Zhao' })).toEqual({
      kind: 'referral',
      referrerId: 12,
    });
    expect(sourceFor('centre_of_influence', 'referrer', { referrerId: 7 })).toEqual({
      kind: 'centre_of_influence',
      referrerId: 7,
    });
  });

  test('an agent or a competitor must be named; blanks do not count', () => {
    expect(sourceFor('agent', 'agent', { agent: '   ' })).toBeUndefined();
    expect(sourceFor('agent', 'agent', { agent: ' 赵磊 ', competitor: 'Globex' })).toEqual({
      kind: 'agent',
      agent: '赵磊',
    });
    expect(sourceFor('competitor', 'competitor', { agent: 'Zhao' })).toBeUndefined();
    expect(sourceFor('competitor', 'competitor', { competitor: 'Globex' })).toEqual({
      kind: 'competitor',
      competitor: 'Globex',
    });
  });

  test('the customer is created with the source in its source attribute, or with none', () => {
    expect(customerBody(' Sun Li ', 'new.lead@unknown-co.test')).toEqual({
      kind: 'person',
      name: 'Sun Li',
      emails: ['new.lead@unknown-co.test'],
    });
    expect(
      customerBody('Sun Li', 'new.lead@unknown-co.test', { kind: 'referral', referrerId: 4 }),
    ).toEqual({
      kind: 'person',
      name: 'Sun Li',
      emails: ['new.lead@unknown-co.test'],
      attributes: {
        source: { value: { kind: 'referral', referrerId: 4 }, source: 'sales_rep' },
      },
    });
  });
});

describe('logging an e-mail', () => {
  const email = {
    customerId: 42,
    direction: 'inbound' as const,
    summary: 'Price?',
    occurredAt: '2025-06-02T01:14:00.000Z',
  };

  test('without signals it is the core’s interaction', () => {
    expect(interactionCall(3, email)).toEqual({
      path: '/v1/teams/3/interactions',
      body: { ...email, channel: 'email' },
    });
    expect(interactionCall(3, email, [])).toEqual(interactionCall(3, email));
  });

  test('with signals it goes to the development plugin, the interaction and its signals together', () => {
    expect(interactionCall(3, email, ['asks_lower_price', 'asks_details'])).toEqual({
      path: '/v1/teams/3/plugins/development/interactions',
      body: {
        interaction: { ...email, channel: 'email' },
        signals: ['asks_lower_price', 'asks_details'],
      },
    });
  });
});
