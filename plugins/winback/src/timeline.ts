import type { Locale, PluginContext, TimelineEntry, TimelineInput } from '@guanxi/core';
import type { WinbackConfig } from './config';
import { ACTION_LABELS, KIND_LABELS, POLICY_LABELS } from './labels';
import type { Action } from './playbook/plan';
import { tablesOf } from './tables';

const WORDS = {
  en: {
    label: 'Win-back',
    churned: (kind: string, policy: string) => `Churned: ${kind}; ${policy}`,
    wonBack: 'Won back',
    kindChanged: (kind: string, reason: string) => `Churn kind set to ${kind}: ${reason}`,
    step: (no: number, action: string, note: string | null) =>
      `Step ${no} done: ${action}${note === null ? '' : ` (${note})`}`,
  },
  'zh-CN': {
    label: '客户挽回',
    churned: (kind: string, policy: string) => `已流失：${kind}；${policy}`,
    wonBack: '已挽回',
    kindChanged: (kind: string, reason: string) => `流失类型改为${kind}：${reason}`,
    step: (no: number, action: string, note: string | null) =>
      `第 ${no} 步完成：${action}${note === null ? '' : `（${note}）`}`,
  },
} as const satisfies Record<Locale, unknown>;

/**
 * A customer's churns, wins back, churn-kind changes and the win-back steps done for them,
 * newest first, for their timeline in the console; each read by its customer index.
 */
export async function winbackTimeline(
  input: TimelineInput,
  ctx: PluginContext<WinbackConfig>,
): Promise<TimelineEntry[]> {
  const db = tablesOf(ctx);
  const { locale } = input;
  const words = WORDS[locale];
  const [churns, changes, steps] = await Promise.all([
    db
      .selectFrom('winback_churns')
      .select(['churned_at', 'kind', 'policy', 'won_back_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', input.customerId)
      .execute(),
    db
      .selectFrom('winback_kind_changes as k')
      .innerJoin('winback_churns as c', 'c.id', 'k.churn_id')
      .select(['k.to_kind', 'k.reason', 'k.changed_at'])
      .where('c.team_id', '=', ctx.teamId)
      .where('c.customer_id', '=', input.customerId)
      .execute(),
    db
      .selectFrom('winback_playbooks as p')
      .innerJoin('winback_steps as s', 's.playbook_id', 'p.id')
      .select(['s.step_no', 's.action', 's.done_at', 's.note'])
      .where('p.team_id', '=', ctx.teamId)
      .where('p.customer_id', '=', input.customerId)
      .where('s.done_at', 'is not', null)
      .execute(),
  ]);
  const entry = (at: string, text: string): TimelineEntry => ({
    at,
    kind: 'winback',
    label: words.label,
    text,
  });
  const entries = [
    ...churns.flatMap((churn) => [
      entry(
        churn.churned_at,
        words.churned(KIND_LABELS[churn.kind][locale], POLICY_LABELS[churn.policy][locale]),
      ),
      ...(churn.won_back_at === null ? [] : [entry(churn.won_back_at, words.wonBack)]),
    ]),
    ...changes.map((change) =>
      entry(
        change.changed_at,
        words.kindChanged(KIND_LABELS[change.to_kind][locale], change.reason),
      ),
    ),
    ...steps.map((step) =>
      entry(
        step.done_at as string,
        words.step(Number(step.step_no), ACTION_LABELS[step.action as Action][locale], step.note),
      ),
    ),
  ];
  const { from, to } = input;
  return entries
    .filter((each) => (from === undefined || each.at >= from) && (to === undefined || each.at < to))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, input.limit);
}
