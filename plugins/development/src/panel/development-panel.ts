import { formatMoney, type Locale, type NextBestAction, type PanelDefinition } from '@guanxi/core';
import { attributeReader } from '../attributes';
import { type DevelopmentSlot, developmentSlotSchema } from '../card-slots';
import type { DevelopmentConfig } from '../config';
import { fitOf } from '../fit/fit-scorer';
import { fitReasons } from '../fit/reasons';
import { matchingCases } from '../library/cases';
import { painsFor } from '../library/pains';
import { balanceOf, type Opportunity, opportunitiesOf } from '../opportunities/opportunity';
import { stageConfig, stageLabel } from '../opportunities/stages';
import { TYPE_LABELS, TYPE_STRATEGIES } from '../persuasion/customer-types';
import { PERSUASION_POINTS, POINT_LABELS } from '../persuasion/points';
import { typeOf } from '../persuasion/set-type';
import { interestCount } from '../relationship/relationship';
import { STANDING_LABELS, STEP_LABELS, standingOf, stepOf } from '../relationship/steps';
import { suggestStep } from '../relationship/suggest';
import { SIGNAL_LABELS } from '../signals/buying-signals';
import { signalsSince } from '../signals/tag';
import { sourceLabels } from '../sources/kinds';
import { isCentreOfInfluence, referralCounts } from '../sources/referrals';
import { sourceOf } from '../sources/store';
import type { DevelopmentContext } from '../tables';
import { PHRASES } from './phrases';

/**
 * Priorities of this panel's suggestions against the others on the card (the core's own is
 * 10; complaints 50–60, win-back 40–70, tiering 5–40): buying signals on an open opportunity
 * outrank them all; an open stage's step comes above tiering's routine care.
 */
export const ASK_FOR_ORDER_PRIORITY = 80;
export const STAGE_PRIORITY = 25;
export const RELATIONSHIP_PRIORITY = 12;

type Slot = DevelopmentSlot;

async function sourceSlot(
  ctx: DevelopmentContext,
  customerId: number,
  locale: Locale,
): Promise<Slot['source']> {
  const source = await sourceOf(ctx, customerId);
  if (source === undefined) return null;
  const referrer =
    source.referrerId === null
      ? undefined
      : await ctx.core.customers.find(ctx.teamId, source.referrerId);
  return {
    status: source.status,
    kind: source.kind,
    label: source.kind === null ? '' : sourceLabels(source.kind, ctx.config.sources.own)[locale],
    issue: source.issue,
    referrer: referrer === undefined ? null : { id: referrer.id, name: referrer.name },
    agent: source.agent,
    competitor: source.competitor,
  };
}

function sourceText(source: Slot['source'], locale: Locale): string {
  const phrases = PHRASES[locale];
  if (source === null) return phrases.noSource;
  if (source.status === 'refused') return phrases.refused(source.issue ?? '');
  if (source.referrer !== null) return phrases.referredBy(source.label, source.referrer.name);
  const who = source.agent ?? source.competitor;
  return who === null ? source.label : phrases.through(source.label, who);
}

async function opportunitySlot(
  ctx: DevelopmentContext,
  open: readonly Opportunity[],
  locale: Locale,
): Promise<Slot['opportunity']> {
  const first = open[0];
  if (first === undefined) return null;
  const balance = await balanceOf(ctx, first.id);
  return {
    id: first.id,
    title: first.title,
    stage: first.stage,
    stageLabel: stageLabel(ctx.config.opportunities.stages, first.stage, locale),
    probability: first.probability,
    amount: first.amount,
    currency: first.currency,
    closeDay: first.closeDay,
    checklist: PERSUASION_POINTS.map((point) => ({
      point,
      label: POINT_LABELS[point][locale],
      done: first.checklist[point],
    })),
    balance,
    open: open.length,
  };
}

function nextBestAction(
  ctx: DevelopmentContext,
  slot: Slot,
  open: Opportunity | undefined,
  locale: Locale,
): NextBestAction | undefined {
  const phrases = PHRASES[locale];
  const opportunity = slot.opportunity;
  if (opportunity !== null && slot.signals.length > 0) {
    const labels = [...new Set(slot.signals.map((seen) => seen.label))].join(phrases.list);
    return {
      label: phrases.askForOrder,
      reason: phrases.signalsSeen(labels),
      priority: ASK_FOR_ORDER_PRIORITY,
    };
  }
  const action =
    open === undefined
      ? undefined
      : stageConfig(ctx.config.opportunities.stages, open.stage)?.action;
  if (opportunity !== null && action !== undefined) {
    return {
      label: action[locale],
      reason: phrases.atStage(
        opportunity.title ?? phrases.untitled,
        opportunity.stageLabel,
        Math.round(opportunity.probability * 100),
      ),
      priority: STAGE_PRIORITY,
    };
  }
  const suggestion = slot.relationship.suggestion;
  if (suggestion === null) return undefined;
  return {
    label: phrases.moveTo(suggestion.label),
    reason: suggestion.reason,
    priority: RELATIONSHIP_PRIORITY,
  };
}

/**
 * The card's customer-development panel: where the customer came from, their fit as a target,
 * the open opportunity with its three points and Franklin balance, their type and how to
 * persuade it, the buying signals seen, the relationship step, and the library's pains and
 * reference case for their role and industry. Indexed reads only.
 */
export const developmentPanel: PanelDefinition<DevelopmentConfig> = {
  id: 'development',
  slots: { development: developmentSlotSchema },
  async render({ customer, facts, locale }, ctx) {
    const phrases = PHRASES[locale];
    const values = await attributeReader(ctx)(customer);
    const [source, referrals, fit, opportunities, type, interests] = await Promise.all([
      sourceSlot(ctx, customer.id, locale),
      referralCounts(ctx, [customer.id]),
      fitOf(ctx, customer, facts, values),
      opportunitiesOf(ctx, customer.id),
      typeOf(ctx, customer.id),
      interestCount(ctx, customer.id),
    ]);
    const open = opportunities.filter((o) => o.status === 'open');
    const stages = ctx.config.opportunities.stages;
    const seen =
      open[0] === undefined ? [] : await signalsSince(ctx, customer.id, open[0].createdAt);
    const step = stepOf(customer.relationshipStage);
    const suggestion = suggestStep(
      {
        step,
        facts,
        hasOpportunity: opportunities.length > 0,
        pastFirstStage: opportunities.some(
          (o) => o.status === 'won' || stages.findIndex((s) => s.id === o.stage) > 0,
        ),
        won: opportunities.some((o) => o.status === 'won'),
        interests,
      },
      ctx.config.relationship,
    );
    const industry = values.get(ctx.config.attributes.industry);
    const role = values.get(ctx.config.attributes.role);
    const [pains, cases] = await Promise.all([
      industry === undefined || role === undefined ? [] : painsFor(ctx, role, industry),
      industry === undefined ? [] : matchingCases(ctx, industry, role, 1),
    ]);
    const referred = referrals.get(customer.id) ?? 0;
    const reference = cases[0];
    const slot: Slot = {
      source,
      referrals: referred,
      centreOfInfluence: isCentreOfInfluence(referred, ctx),
      fit: { score: fit.score, reasons: fitReasons(fit, locale) },
      opportunity: await opportunitySlot(ctx, open, locale),
      customerType:
        type === undefined
          ? null
          : { type, label: TYPE_LABELS[type][locale], strategy: TYPE_STRATEGIES[type][locale] },
      signals: seen.map((s) => ({ ...s, label: SIGNAL_LABELS[s.signal][locale] })),
      relationship: {
        step,
        label: STEP_LABELS[step][locale],
        standing: standingOf(step),
        standingLabel: STANDING_LABELS[standingOf(step)][locale],
        suggestion:
          suggestion === null
            ? null
            : {
                to: suggestion.to,
                label: STEP_LABELS[suggestion.to][locale],
                reason: suggestion.reason[locale],
              },
      },
      pains,
      matchingCase:
        reference === undefined
          ? null
          : {
              id: reference.id,
              role: reference.role,
              industry: reference.industry,
              keyIssue: reference.keyIssue,
              provided: reference.provided,
              result: reference.result.text,
            },
    };
    const items: { label: string; value: string }[] = [
      { label: phrases.source, value: sourceText(source, locale) },
    ];
    if (referred > 0) {
      items.push({
        label: phrases.referrals,
        value: slot.centreOfInfluence ? phrases.centre(referred) : String(referred),
      });
    }
    items.push({
      label: phrases.fit,
      value: [phrases.score(fit.score), ...slot.fit.reasons.slice(0, 2)].join(phrases.list),
    });
    const opportunity = slot.opportunity;
    if (opportunity !== null) {
      const amount = formatMoney(opportunity.amount, opportunity.currency, locale);
      const more = opportunity.open > 1 ? phrases.more(opportunity.open - 1) : '';
      items.push({
        label: phrases.opportunity,
        value:
          phrases.opportunityValue(
            opportunity.title ?? phrases.untitled,
            opportunity.stageLabel,
            amount,
            opportunity.closeDay,
          ) + more,
      });
      const done = opportunity.checklist.filter((point) => point.done).length;
      const next = opportunity.checklist.find((point) => !point.done)?.label;
      items.push({ label: phrases.persuasion, value: phrases.pointsDone(done, next) });
      const { benefits, losses } = opportunity.balance;
      if (benefits.length + losses.length > 0) {
        items.push({
          label: phrases.balance,
          value: phrases.balanceValue(benefits.length, losses.length),
        });
      }
    }
    if (slot.customerType !== null) {
      items.push({
        label: phrases.type,
        value: phrases.explained(slot.customerType.label, slot.customerType.strategy),
      });
    }
    if (slot.signals.length > 0) {
      const labels = [...new Set(slot.signals.map((s) => s.label))];
      items.push({ label: phrases.signals, value: labels.join(phrases.list) });
    }
    items.push({
      label: phrases.relationship,
      value: `${slot.relationship.standingLabel} · ${slot.relationship.label}`,
    });
    if (slot.relationship.suggestion !== null) {
      const { label, reason } = slot.relationship.suggestion;
      items.push({ label: phrases.suggested, value: phrases.explained(label, reason) });
    }
    if (pains.length > 0) items.push({ label: phrases.pains, value: pains.join(phrases.list) });
    if (slot.matchingCase !== null) {
      items.push({
        label: phrases.reference,
        value: phrases.caseValue(slot.matchingCase.keyIssue, slot.matchingCase.result),
      });
    }
    const action = nextBestAction(ctx, slot, open[0], locale);
    return {
      title: phrases.title,
      items,
      actions: [],
      slots: { development: slot },
      ...(action === undefined ? {} : { nextBestAction: action }),
    };
  },
};
