import { dumpTables, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  loseOpportunity,
  moveOpportunity,
  openOpportunity,
  setBalance,
} from './opportunities/store';
import { setCustomerType } from './persuasion/set-type';
import { moveRelationship, noteInterest } from './relationship/relationship';
import { logTaggedInteraction } from './signals/tag';
import { type Kit, openKit } from './test-kit';

const SECRETS = [
  'Canton Fair booth 7',
  'Divorce is costing him',
  'Beat the Q3 target',
  'She hates Mondays',
  'Their CEO is leaving',
];

describe.each(testDialects())('privacy of customer development on %s', (dialect) => {
  let kit: Kit;
  let customer: number;
  let other: number;
  beforeEach(async () => {
    kit = await openKit(dialect);
    const referrer = await kit.customer('Referrer');
    customer = await kit.customer('Wang', {
      attributes: { source: { value: { kind: 'meeting', detail: SECRETS[0] }, source: 'fair' } },
    });
    other = await kit.customer('Keeps', {
      attributes: {
        source: { value: { kind: 'referral', referrerId: referrer }, source: 'sales_rep' },
      },
    });
    const a = kit.rep.actor;
    await kit.run(async (ctx) => {
      const opportunity = await openOpportunity(
        ctx,
        {
          customerId: customer,
          amount: 50_000,
          closeDay: '2024-07-01',
          title: 'Upgrade',
          note: 'first call',
        },
        a,
      );
      await moveOpportunity(
        ctx,
        { opportunityId: opportunity.id, stage: 'visit', note: SECRETS[4] as string },
        a,
      );
      await setBalance(
        ctx,
        { opportunityId: opportunity.id, benefits: [SECRETS[2] as string], losses: ['x'] },
        a,
      );
      await loseOpportunity(
        ctx,
        {
          opportunityId: opportunity.id,
          reason: 'competitor',
          competitor: 'Globex',
          note: SECRETS[3] as string,
        },
        a,
      );
      await setCustomerType(ctx, { customerId: customer, type: 'taciturn' }, a);
      await moveRelationship(ctx, { customerId: customer, to: 'awareness', note: 'lunch' }, a);
      await noteInterest(
        ctx,
        { customerId: customer, kind: 'personal', text: SECRETS[1] as string },
        a,
      );
      await logTaggedInteraction(
        ctx,
        {
          interaction: {
            customerId: customer,
            channel: 'email',
            direction: 'inbound',
            summary: 'Price?',
            occurredAt: '2024-05-30',
            actor: a,
          },
          signals: ['asks_lower_price'],
        },
        a,
      );
    });
  });
  afterEach(() => kit.t.destroy());

  test('the export holds everything the plugin keeps about the customer', async () => {
    const exported = await kit.t.core.privacy.export(kit.teamId, customer);
    expect(exported.uncovered).not.toContain('development');
    const part = exported.plugins.development as Record<string, unknown>;
    expect(part).toMatchObject({
      source: { kind: 'meeting', detail: SECRETS[0] },
      agentFees: [],
      opportunities: [
        {
          title: 'Upgrade',
          status: 'lost',
          competitor: 'Globex',
          lostNote: SECRETS[3],
          history: [
            { to: 'appointment', note: 'first call' },
            { to: 'visit', note: SECRETS[4] },
            { to: 'lost' },
          ],
          balance: { benefits: [SECRETS[2]], losses: ['x'] },
        },
      ],
      customerType: { type: 'taciturn' },
      signals: [{ signal: 'asks_lower_price' }],
      relationship: [{ to: 'awareness', note: 'lunch' }],
      interests: [{ kind: 'personal', text: SECRETS[1] }],
    });
  });

  test('erasure strips what people wrote and keeps kinds, stages, amounts and other customers', async () => {
    const summary = await kit.t.core.privacy.erase(kit.teamId, customer, 'admin');
    expect(summary.plugins.development).toEqual({
      sources: 1,
      opportunities: 1,
      stageNotes: 2,
      balanceItems: 2,
      relationshipNotes: 1,
      interests: 1,
    });
    const dump = JSON.stringify(await dumpTables(kit.t.core.db));
    for (const secret of SECRETS) expect(dump).not.toContain(secret);
    const part = (await kit.t.core.privacy.export(kit.teamId, customer)).plugins
      .development as Record<string, never>;
    expect(part).toMatchObject({
      source: { kind: 'meeting', detail: '[erased]' },
      opportunities: [
        { title: '[erased]', amount: 50_000, lostReason: 'competitor', competitor: 'Globex' },
      ],
      customerType: { type: 'taciturn' },
      interests: [{ kind: 'personal', text: '[erased]' }],
    });
    const kept = (await kit.t.core.privacy.export(kit.teamId, other)).plugins.development as Record<
      string,
      never
    >;
    expect(kept).toMatchObject({ source: { kind: 'referral' } });
  });
});
