import type { Locale, NextBestAction, Panel, PanelDefinition } from '@guanxi/core';
import { type WinbackSlot, winbackSlotSchema } from '../card-slots';
import { latestChurn } from '../churns';
import type { WinbackConfig } from '../config';
import { ACTION_LABELS, KIND_LABELS, PANEL_LABELS, POLICY_LABELS } from '../labels';
import { nextWholeDay } from '../order-days';
import { listPlaybooks } from '../playbook/playbooks';
import { priorityOf } from '../policy';
import { P_ALIVE_SCORER, scoresOf, TIER_SCORER } from '../readers';
import { assess, type Risk } from '../risk';

function riskValue(risk: Risk, config: WinbackConfig, locale: Locale): string {
  const labels = PANEL_LABELS[locale];
  if (risk.pAlive !== null) return labels.pAlive(risk.pAlive, config.pAliveBelow);
  return labels.days(risk.daysSinceLastOrder, risk.thresholdDays ?? 0);
}

/**
 * A churned customer's kind, policy and next playbook step; for anyone else the churn risk
 * (P(alive) if scored, else days since the last order against the threshold).
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
        rule: null,
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
          { label: labels.action, value: POLICY_LABELS[churn.policy][locale] },
          {
            label: labels.nextStep,
            value:
              next === undefined
                ? labels.none
                : labels.due(ACTION_LABELS[next.action][locale], next.dueAt),
          },
        ],
        actions: [],
        slots: { winback: slot },
      };
      return nextBestAction === undefined ? panel : { ...panel, nextBestAction };
    }
    const pAlive = await scoresOf(ctx, P_ALIVE_SCORER, [facts]);
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
        { label: labels.action, value: atRisk ? labels.checkIn : labels.keep },
      ],
      actions: [],
      slots: { winback: slot },
      // The days since the last order, and with them the risk, move on at this instant.
      ...(facts.lastOrderAt === null ? {} : { validUntil: nextWholeDay(facts.lastOrderAt, now) }),
    };
    if (!atRisk) return panel;
    const tiers = await scoresOf(ctx, TIER_SCORER, [facts]);
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
