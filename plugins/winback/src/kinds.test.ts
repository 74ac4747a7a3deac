import { describe, expect, test } from 'vitest';
import { deriveKind, kindInReason } from './kinds';
import { medianGapDays } from './order-days';
import { policyFor, priorityOf } from './policy';

const none = { signals: [], openComplaint: false, repReason: null } as const;

describe('churn kinds', () => {
  test('each signal gives its kind', () => {
    expect(deriveKind({ ...none, signals: ['payment_failure'] }).kind).toBe('non_malicious');
    expect(deriveKind({ ...none, signals: ['rival_offer'] }).kind).toBe('competitive');
    expect(deriveKind({ ...none, signals: ['moved'] }).kind).toBe('natural');
    expect(deriveKind({ ...none, signals: ['fraud'] }).kind).toBe('malicious');
  });

  test('fraud beats a complaint, a complaint beats other signals, signals beat the reason', () => {
    expect(
      deriveKind({ signals: ['moved', 'fraud'], openComplaint: true, repReason: null }),
    ).toEqual({ kind: 'malicious', source: 'signal' });
    expect(deriveKind({ ...none, signals: ['rival_offer'], openComplaint: true })).toEqual({
      kind: 'retaliatory',
      source: 'complaint',
    });
    expect(
      deriveKind({ ...none, signals: ['moved', 'rival_offer'], repReason: 'our fault' }),
    ).toEqual({ kind: 'natural', source: 'signal' });
    expect(deriveKind({ ...none, repReason: 'delivery mistake on our side' })).toEqual({
      kind: 'fault',
      source: 'reason',
    });
    expect(deriveKind({ ...none, repReason: 'no idea' })).toEqual({
      kind: 'natural',
      source: 'default',
    });
  });

  test('a reason is read for the kind it names, non-malicious before malicious', () => {
    expect(kindInReason('non-malicious: forgot')).toBe('non_malicious');
    expect(kindInReason('bad credit')).toBe('malicious');
    expect(kindInReason('went to a competitor')).toBe('competitive');
    expect(kindInReason('因投诉不满')).toBe('retaliatory');
    expect(kindInReason('quiet')).toBeUndefined();
  });
});

describe('policy by tier', () => {
  test('key tiers at all costs, normal try hard, small when cheap, malicious and loss-making small let go', () => {
    expect(policyFor('natural', 4, 100)).toBe('all_costs');
    expect(policyFor('natural', 3, 100)).toBe('all_costs');
    expect(policyFor('natural', 2, 100)).toBe('try_hard');
    expect(policyFor('natural', null, 100)).toBe('try_hard');
    expect(policyFor('natural', 1, 0)).toBe('when_cheap');
    expect(policyFor('natural', 1, -1)).toBe('let_go');
    expect(policyFor('malicious', 4, 100)).toBe('let_go');
    expect([4, 3, 2, 1, null].map((tier) => priorityOf(tier))).toEqual([70, 70, 55, 40, 55]);
  });
});

describe('median gap', () => {
  test('is the middle gap between order days, none under two days', () => {
    expect(medianGapDays(['2024-01-01'])).toBeNull();
    expect(medianGapDays(['2024-01-01', '2024-01-11', '2024-01-31', '2024-02-01'])).toBe(10);
    expect(medianGapDays(['2024-01-01', '2024-01-11', '2024-01-31'])).toBe(15);
  });
});
