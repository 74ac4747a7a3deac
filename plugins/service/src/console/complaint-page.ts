import {
  type ActionInput,
  CHANNEL_LABELS,
  type Channel,
  type Field,
  type FormBlock,
  type Locale,
  notFound,
  type PageDefinition,
  type PluginContext,
  pageAction,
  wallClockOf,
} from '@guanxi/core';
import { TIER_LABELS } from '@guanxi/plugin-tiering';
import { z } from 'zod';
import type { Complaint, Step } from '../complaints/complaint';
import { stepComplaint } from '../complaints/store';
import type { ServiceConfig } from '../config';
import { CAUSE_LABELS, PHRASES, STEP_LABELS } from '../labels';
import { CONSOLE_PHRASES, type ConsolePhrases } from './labels';
import { visibleComplaint } from './visible';

type Ctx = PluginContext<ServiceConfig>;
type FormWords = ConsolePhrases['forms']['record'];

const idField = z.coerce
  .number({ error: 'must be a complaint id' })
  .int('must be a complaint id')
  .positive('must be a complaint id');

/** A form of the complaint's page: its next step, posting the complaint's id. */
function stepForm(action: string, words: FormWords, id: number, fields: Field[]): FormBlock {
  return {
    kind: 'form',
    action,
    title: words.title,
    caption: words.caption,
    submit: words.submit,
    fields: [{ type: 'hidden', name: 'id', value: String(id) }, ...fields],
  };
}

/** The forms of the complaint's next step: of the four, and proposing again once proposed. */
function formsFor(complaint: Complaint, locale: Locale): FormBlock[] {
  const phrases = CONSOLE_PHRASES[locale];
  const { forms } = phrases;
  const note: Field = { type: 'textarea', name: 'note', label: phrases.note };
  const remedy: Field = { type: 'textarea', name: 'remedy', label: phrases.remedy, required: true };
  const valid: Field = {
    type: 'select',
    name: 'valid',
    label: phrases.valid,
    options: [
      { value: 'yes', label: phrases.validChoices.yes },
      { value: 'no', label: phrases.validChoices.no },
    ],
  };
  const { id } = complaint;
  switch (complaint.step) {
    case 'received':
      return [stepForm('record', forms.record, id, [valid, note])];
    case 'recorded':
      return [stepForm('propose', forms.propose, id, [remedy, note])];
    case 'remedy_proposed':
      return [
        stepForm('accept', forms.accept, id, []),
        stepForm('propose', forms.another, id, [remedy, note]),
      ];
    case 'remedy_accepted':
      return [stepForm('follow-up', forms.followUp, id, [note])];
    case 'followed_up':
      return [stepForm('close', forms.close, id, [note])];
    case 'closed':
      return [];
  }
}

const when = (at: string, ctx: Ctx) => wallClockOf(at, ctx.timeZone).replace('T', ' ');

/** Where the complaint stands: due in, or overdue by, or closed when. */
function dueText(complaint: Complaint, ctx: Ctx, locale: Locale): string {
  if (complaint.dueAt === null) return CONSOLE_PHRASES[locale].closed;
  const left = Date.parse(complaint.dueAt) - ctx.clock.now().getTime();
  const span = left < 0 ? PHRASES[locale].overdue(-left) : PHRASES[locale].left(left);
  return CONSOLE_PHRASES[locale].dueAt(when(complaint.dueAt, ctx), span);
}

/**
 * A step's form: the complaint, and what the step needs (whether it holds, the remedy, a
 * note); the service's own rules refuse a field the step does not take.
 */
const stepFields = z.strictObject({
  id: idField,
  valid: z.enum(['yes', 'no'], { error: 'must be yes or no' }).optional(),
  remedy: z.string().optional(),
  note: z.string().optional(),
});

/** A step of the page: moves the viewer's complaint on, as the service's API does. */
function stepAction(to: Step, done: keyof ConsolePhrases['done']) {
  return pageAction({
    roles: ['rep', 'manager', 'admin'],
    input: stepFields,
    done: { en: CONSOLE_PHRASES.en.done[done], 'zh-CN': CONSOLE_PHRASES['zh-CN'].done[done] },
    async run({ id, valid, ...text }, ctx: Ctx, caller: ActionInput) {
      const complaint = await visibleComplaint(ctx, caller.viewer, id);
      const judged = valid === undefined ? {} : { valid: valid === 'yes' };
      await stepComplaint(ctx, complaint.id, { to, ...text, ...judged }, caller.viewer.actor);
    },
  });
}

/**
 * One complaint of the viewer's customers (`?id=`): what the customer said, where it stands
 * and by when, the steps so far, and the forms of its next step, each run as the service's
 * API runs it (the four steps of rules.ts).
 */
export const complaintPage: PageDefinition<ServiceConfig> = {
  path: 'complaint',
  title: { en: CONSOLE_PHRASES.en.complaint, 'zh-CN': CONSOLE_PHRASES['zh-CN'].complaint },
  roles: ['rep', 'manager', 'admin'],
  nav: false,
  async render({ locale, viewer, query }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const parsed = idField.safeParse(query.id);
    if (!parsed.success) throw notFound('complaint', 'id', query.id);
    const complaint = await visibleComplaint(ctx, viewer, parsed.data);
    const customer = await ctx.core.customers.get(ctx.teamId, complaint.customerId);
    const cause = CAUSE_LABELS[complaint.cause][locale];
    return {
      blocks: [
        { kind: 'heading', text: phrases.title(complaint.id, cause) },
        {
          kind: 'stats',
          items: [
            { label: phrases.step, value: STEP_LABELS[complaint.step][locale] },
            { label: phrases.due, value: dueText(complaint, ctx, locale) },
            { label: phrases.responseTier, value: TIER_LABELS[complaint.tier][locale] },
          ],
        },
        {
          kind: 'table',
          id: 'complaint',
          columns: [
            { key: 'customer', label: phrases.customer },
            { key: 'channel', label: phrases.channel },
            { key: 'opened', label: phrases.opened },
            { key: 'by', label: phrases.recordedBy },
          ],
          rows: [
            {
              customer: { text: customer.name, customerId: customer.id },
              channel: CHANNEL_LABELS[complaint.channel as Channel]?.[locale] ?? complaint.channel,
              opened: when(complaint.openedAt, ctx),
              by: complaint.recordedBy,
            },
          ],
        },
        { kind: 'text', text: complaint.summary },
        ...(complaint.remedy === null
          ? []
          : [{ kind: 'text' as const, text: `${phrases.remedy}: ${complaint.remedy}` }]),
        ...(complaint.closeReason === null
          ? []
          : [{ kind: 'text' as const, text: `${phrases.closeReason}: ${complaint.closeReason}` }]),
        ...formsFor(complaint, locale),
        {
          kind: 'table',
          id: 'steps',
          title: phrases.history,
          columns: [
            { key: 'at', label: phrases.at },
            { key: 'move', label: phrases.move },
            { key: 'actor', label: phrases.actor },
            { key: 'note', label: phrases.note },
          ],
          rows: complaint.steps.map((step) => ({
            at: when(step.at, ctx),
            move: `${step.from === null ? '' : `${STEP_LABELS[step.from][locale]} → `}${STEP_LABELS[step.to][locale]}`,
            actor: step.actor,
            note: step.note,
          })),
          empty: phrases.noHistory,
        },
      ],
    };
  },
  actions: {
    record: stepAction('recorded', 'record'),
    propose: stepAction('remedy_proposed', 'propose'),
    accept: stepAction('remedy_accepted', 'accept'),
    'follow-up': stepAction('followed_up', 'followUp'),
    close: stepAction('closed', 'close'),
  },
};
