import type { Locale, PluginContext, TimelineEntry, TimelineInput } from '@guanxi/core';
import type { ServiceConfig } from './config';
import { CAUSE_LABELS, STEP_LABELS } from './labels';
import { tablesOf } from './tables';

const WORDS = {
  en: {
    complaint: 'Complaint',
    survey: 'Survey',
    opened: (id: number, cause: string, summary: string) =>
      `Complaint #${id} (${cause}): ${summary}`,
    stepped: (id: number, step: string, note: string | null) =>
      `Complaint #${id} ${step}${note === null ? '' : `: ${note}`}`,
    surveyed: (kind: string, score: number) => `${kind.toUpperCase()} survey answered: ${score}`,
  },
  'zh-CN': {
    complaint: '投诉',
    survey: '调查',
    opened: (id: number, cause: string, summary: string) => `投诉 #${id}（${cause}）：${summary}`,
    stepped: (id: number, step: string, note: string | null) =>
      `投诉 #${id} ${step}${note === null ? '' : `：${note}`}`,
    surveyed: (kind: string, score: number) => `${kind.toUpperCase()} 调查得分：${score}`,
  },
} as const satisfies Record<Locale, unknown>;

/**
 * A customer's complaints, step by step, and the surveys they answered, newest first, for
 * their timeline in the console; each read by its customer or complaint index.
 */
export async function serviceTimeline(
  input: TimelineInput,
  ctx: PluginContext<ServiceConfig>,
): Promise<TimelineEntry[]> {
  const db = tablesOf(ctx);
  const { from, to, locale } = input;
  const words = WORDS[locale];
  const complaints = await db
    .selectFrom('service_complaints')
    .select(['id', 'cause', 'summary'])
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', input.customerId)
    .execute();
  const byId = new Map(complaints.map((complaint) => [Number(complaint.id), complaint]));
  const [steps, surveys] = await Promise.all([
    complaints.length === 0
      ? []
      : db
          .selectFrom('service_complaint_steps')
          .select(['complaint_id', 'from_step', 'to_step', 'note', 'at'])
          .where('complaint_id', 'in', [...byId.keys()])
          .$if(from !== undefined, (q) => q.where('at', '>=', from as string))
          .$if(to !== undefined, (q) => q.where('at', '<', to as string))
          .orderBy('at', 'desc')
          .limit(input.limit)
          .execute(),
    db
      .selectFrom('service_surveys')
      .select(['kind', 'score', 'answered_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', input.customerId)
      .$if(from !== undefined, (q) => q.where('answered_at', '>=', from as string))
      .$if(to !== undefined, (q) => q.where('answered_at', '<', to as string))
      .orderBy('answered_at', 'desc')
      .limit(input.limit)
      .execute(),
  ]);
  return [
    ...steps.map((step): TimelineEntry => {
      const id = Number(step.complaint_id);
      const complaint = byId.get(id);
      const text =
        step.from_step === null && complaint !== undefined
          ? words.opened(id, CAUSE_LABELS[complaint.cause][locale], complaint.summary)
          : words.stepped(id, STEP_LABELS[step.to_step][locale], step.note);
      return { at: step.at, kind: 'complaint', label: words.complaint, text };
    }),
    ...surveys.map(
      (survey): TimelineEntry => ({
        at: survey.answered_at,
        kind: 'survey',
        label: words.survey,
        text: words.surveyed(survey.kind, Number(survey.score)),
      }),
    ),
  ];
}
