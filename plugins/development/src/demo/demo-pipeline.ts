import { addDays, type Customer, dayOf, GuanxiError } from '@guanxi/core';
import { attributeReader } from '../attributes';
import { addCase } from '../library/cases';
import { setPains } from '../library/pains';
import {
  checkPoints,
  loseOpportunity,
  moveOpportunity,
  openOpportunity,
  setBalance,
  winOpportunity,
} from '../opportunities/store';
import { CUSTOMER_TYPES } from '../persuasion/customer-types';
import { setCustomerType } from '../persuasion/set-type';
import { moveRelationship, noteInterest } from '../relationship/relationship';
import { logTaggedInteraction } from '../signals/tag';
import { type DevelopmentContext, tablesOf } from '../tables';
import { DEMO_CONTENT, DEMO_SIGNALS } from './content';

const OPEN_PER_STAGE = 4;
const WON = 6;
const LOST_REASONS = ['price', 'competitor', 'no_budget', 'timing', 'no_decision'] as const;
const TYPED = 20;

/** The values of one attribute, most frequent first. */
function mostFrequent(values: readonly (string | undefined)[], count: number): string[] {
  const tally = new Map<string, number>();
  for (const value of values)
    if (value !== undefined) tally.set(value, (tally.get(value) ?? 0) + 1);
  return [...tally]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, count)
    .map(([value]) => value);
}

async function prospectsAndLibraryKeys(ctx: DevelopmentContext) {
  const read = attributeReader(ctx);
  const prospects: Customer[] = [];
  const industries: (string | undefined)[] = [];
  const roles: (string | undefined)[] = [];
  let after: number | undefined;
  do {
    const page = await ctx.core.customers.list(ctx.teamId, {
      limit: 200,
      ...(after === undefined ? {} : { after }),
    });
    const facts = new Map(
      (
        await ctx.core.facts.many(
          ctx.teamId,
          page.items.map((c) => c.id),
        )
      ).map((f) => [f.customerId, f]),
    );
    for (const customer of page.items) {
      const values = await read(customer);
      industries.push(values.get(ctx.config.attributes.industry));
      roles.push(customer.kind === 'person' ? values.get(ctx.config.attributes.role) : undefined);
      const orders = facts.get(customer.id)?.orderCount ?? 0;
      if (orders === 0 && (customer.stage === 'potential' || customer.stage === 'target')) {
        prospects.push(customer);
      }
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return { prospects, industries: mostFrequent(industries, 3), roles: mostFrequent(roles, 2) };
}

/**
 * Fills a demo team's empty pipeline from its own book, so every report and card part has
 * something to show: pains and reference cases for its commonest industries and roles;
 * prospects' opportunities open at every stage (signals tagged on the last stages), won and
 * lost; customer types, relationship steps and interests. Refused for a team that already has
 * opportunities or a library.
 */
export async function seedDemoPipeline(ctx: DevelopmentContext) {
  const db = tablesOf(ctx);
  const existing = await db
    .selectFrom('development_opportunities')
    .select('id')
    .where('team_id', '=', ctx.teamId)
    .union(db.selectFrom('development_cases').select('id').where('team_id', '=', ctx.teamId))
    .limit(1)
    .execute();
  if (existing.length > 0) {
    throw new GuanxiError('GX_ERR_CONFLICT', `Team ${ctx.teamId} already has a pipeline`, {
      details: { teamId: ctx.teamId },
    });
  }
  const { locale } = await ctx.core.teams.get(ctx.teamId);
  const content = DEMO_CONTENT[locale];
  const members = await ctx.core.users.members(ctx.teamId);
  const reps = members.filter((m) => m.role === 'rep');
  const owners = new Set(members.map((m) => m.id));
  const { prospects, industries, roles } = await prospectsAndLibraryKeys(ctx);
  const lead = `user:${(reps[0] ?? members[0])?.id ?? 0}`;

  let cases = 0;
  for (const [i, industry] of industries.entries()) {
    for (const role of roles) {
      await setPains(
        ctx,
        { role, industry, pains: content.pains.map((pain) => pain(industry)) },
        lead,
      );
    }
    const role = roles[i % Math.max(1, roles.length)] ?? '';
    if (role !== '') {
      await addCase(ctx, { role, industry, ...content.case(industry, role, i) }, lead);
      cases += 1;
    }
  }

  const stages = ctx.config.opportunities.stages;
  const today = dayOf(ctx.clock.now(), ctx.timeZone);
  const plan = [
    ...stages.flatMap((_, at) =>
      Array.from({ length: OPEN_PER_STAGE }, () => ({ at, close: 'open' as const })),
    ),
    ...Array.from({ length: WON }, () => ({ at: stages.length - 1, close: 'won' as const })),
    ...LOST_REASONS.map((reason, at) => ({ at: at % stages.length, close: reason })),
  ].slice(0, prospects.length);
  let signals = 0;
  for (const [i, step] of plan.entries()) {
    const customer = prospects[i] as Customer;
    const owner =
      customer.ownerUserId !== null && owners.has(customer.ownerUserId)
        ? customer.ownerUserId
        : (reps[i % Math.max(1, reps.length)] ?? members[0])?.id;
    const actor = `user:${owner}`;
    const opportunity = await openOpportunity(
      ctx,
      {
        customerId: customer.id,
        ...(owner === undefined ? {} : { ownerUserId: owner }),
        title: content.titles[i % content.titles.length] as string,
        amount: (10 + ((i * 37) % 90)) * 100_000,
        closeDay: addDays(today, ((i * 11) % 100) - 10),
      },
      actor,
    );
    for (const stage of stages.slice(1, step.at + 1)) {
      await moveOpportunity(ctx, { opportunityId: opportunity.id, stage: stage.id }, actor);
    }
    if (step.at >= 1) {
      await checkPoints(ctx, {
        opportunityId: opportunity.id,
        introduced: true,
        answered: step.at >= 2,
        benefits: step.at >= 3,
      });
      if (customer.relationshipStage === null) {
        await moveRelationship(ctx, { customerId: customer.id, to: 'awareness' }, actor);
      }
    }
    if (step.at >= 2) {
      await setBalance(
        ctx,
        {
          opportunityId: opportunity.id,
          benefits: [...content.benefits],
          losses: [...content.losses],
        },
        actor,
      );
      await noteInterest(
        ctx,
        { customerId: customer.id, kind: 'personal', text: content.interest },
        actor,
      );
    }
    if (step.close === 'open' && step.at >= stages.length - 2) {
      await logTaggedInteraction(
        ctx,
        {
          interaction: {
            customerId: customer.id,
            channel: 'email',
            direction: 'inbound',
            summary: content.signalNote,
            occurredAt: ctx.clock.now().toISOString(),
            actor,
          },
          signals: [...(DEMO_SIGNALS[i % DEMO_SIGNALS.length] ?? [])],
        },
        actor,
      );
      signals += 1;
    }
    if (step.close === 'won') await winOpportunity(ctx, { opportunityId: opportunity.id }, actor);
    else if (step.close !== 'open') {
      await loseOpportunity(
        ctx,
        {
          opportunityId: opportunity.id,
          reason: step.close,
          ...(step.close === 'competitor'
            ? { competitor: content.competitors[i % content.competitors.length] as string }
            : {}),
        },
        actor,
      );
    }
    if (i < TYPED) {
      await setCustomerType(
        ctx,
        { customerId: customer.id, type: CUSTOMER_TYPES[i % CUSTOMER_TYPES.length] ?? 'rational' },
        actor,
      );
    }
  }
  return { opportunities: plan.length, taggedInteractions: signals, cases, industries, roles };
}
