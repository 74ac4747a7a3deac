import {
  dayOf,
  type Locale,
  type NextBestAction,
  type Panel,
  type PanelDefinition,
  startOfDayFrom,
} from '@guanxi/core';
import { type WinbackSlot, winbackSlotSchema } from '../card-slots';
import { latestChurn } from '../churns';
import type { WinbackConfig } from '../config';
import { ACTION_LABELS, KIND_LABELS, PANEL_LABELS, POLICY_LABELS, RULE_LABELS } from '../labels';
import { listPlaybooks } from '../playbook/playbooks';
import { priorityOf } from '../policy';
import { pAliveOf, tierRanksOf } from '../readers';
import { assess, type Risk } from '../risk';

function riskValue(risk: Risk, config: WinbackConfig, locale: Locale): string {
  const labels = PANEL_LABELS[locale];
  if (risk.pAlive !== null) return labels.pAlive(risk.pAlive, config.pAliveBelow);
  return labels.days(risk.daysSinceLastOrder, risk.thresholdDays ?? 0);
}

/**
 * A churned customer's kind, policy and next playbook step; for anyone else the churn risk
 * (P(alive) if scored, else days since the last order against the threshold). Both say which
 * rule decided, or that a person did.
 */
export const winbackPanel: PanelDefinition<WinbackConfig> = {
  slots: { winback: winbackSlotSchema },
  id: 'winback',
  async render({ customer, facts, locale }, ctx) {
    const labels = PANEL_LABELS[locale];
    const churn = await latestChurn(ctx, customer.id);
    if (churn !== undefined && churn.wonBackAt === null) {
      const [playbook] = await listPlaybooks(ctx, { customerId: customer.id, open: true });
      const next = playbook?.steps.find((s) => s.doneAt === null);
      const kind = KIND_LABELS[churn.kind][locale];
      const action =
        next === undefined
          ? POLICY_LABELS[churn.policy][locale]
          : ACTION_LABELS[next.action][locale];
      const slot: WinbackSlot = {
        status: 'churned',
        rule: churn.rule,
        pAlive: null,
        daysSinceLastOrder: null,
        thresholdDays: null,
        kind: churn.kind,
        policy: churn.policy,
        playbookId: playbook?.id ?? null,
        nextStep:
          next === undefined
            ? null
            : { stepNo: next.stepNo, action: next.action, dueAt: next.dueAt },
      };
      const nextBestAction: NextBestAction | undefined =
        next === undefined
          ? undefined
          : {
              label: action,
              reason: labels.nbaReason(kind),
              priority: priorityOf(playbook?.tier ?? null),
            };
      const panel: Panel = {
        title: labels.title,
        items: [
          { label: labels.kind, value: kind },
          { label: labels.rule, value: RULE_LABELS[churn.rule ?? 'person'][locale] },
          { label: labels.action, value: POLICY_LABELS[churn.policy][locale] },
          {
            label: labels.nextStep,
            value:
              next === undefined
                ? labels.none
                : labels.due(ACTION_LABELS[next.action][locale], dayOf(next.dueAt, ctx.timeZone)),
          },
        ],
        actions: [],
        slots: { winback: slot },
      };
      return nextBestAction === undefined ? panel : { ...panel, nextBestAction };
    }
    const pAlive = await pAliveOf(ctx, [customer.id]);
    const days = pAlive.has(customer.id)
      ? new Map<number, string[]>()
      : await ctx.core.orders.days(ctx.teamId, [customer.id]);
    const now = ctx.clock.now();
    const risk = assess(
      ctx.config,
      facts,
      pAlive.get(customer.id),
      days.get(customer.id) ?? [],
      now,
      ctx.timeZone,
    );
    if (risk === null) return null;
    const atRisk = risk.churned || risk.atRisk;
    const slot: WinbackSlot = {
      status: atRisk ? 'at_risk' : 'ok',
      rule: risk.rule,
      pAlive: risk.pAlive,
      daysSinceLastOrder: risk.daysSinceLastOrder,
      thresholdDays: risk.thresholdDays,
      kind: null,
      policy: null,
      playbookId: null,
      nextStep: null,
    };
    const panel: Panel = {
      title: labels.title,
      items: [
        { label: labels.risk, value: riskValue(risk, ctx.config, locale) },
        { label: labels.rule, value: RULE_LABELS[risk.rule][locale] },
        { label: labels.action, value: atRisk ? labels.checkIn : labels.keep },
      ],
      actions: [],
      slots: { winback: slot },
      // The days since the last order, and with them the risk, move on at the team's midnight.
      validUntil: startOfDayFrom(now, 1, ctx.timeZone),
    };
    if (!atRisk) return panel;
    const tiers = await tierRanksOf(ctx, [customer.id]);
    return {
      ...panel,
      nextBestAction: {
        label: labels.checkIn,
        reason: labels.checkInReason,
        priority: priorityOf(tiers.get(customer.id) ?? null),
      },
    };
  },
};
