import {
  CHANNEL_LABELS,
  CHANNELS,
  type Field,
  type Locale,
  ownerScope,
  type PageDefinition,
  pageAction,
  queryChoice,
  queryId,
  wallClockOf,
} from '@guanxi/core';
import { TIER_LABELS, tiersService } from '@guanxi/plugin-tiering';
import { z } from 'zod';
import { CAUSES, type Cause, STEPS, type Step, TIERS, type Tier } from '../complaints/complaint';
import { openComplaintSchema } from '../complaints/inputs';
import { openComplaint } from '../complaints/store';
import type { ServiceConfig } from '../config';
import { CAUSE_LABELS, NEXT_STEP_LABELS, PHRASES, STEP_LABELS } from '../labels';
import { CONSOLE_PHRASES } from './labels';
import { queueCounts, queueRows } from './queue';
import { visibleCustomer } from './visible';

const PAGE_SIZE = 50;
/** A download gives every open complaint of the queue, up to this many. */
const CSV_ROWS = 100_000;
/** The queue shows this much of a complaint's words. */
const SUMMARY_CHARS = 80;

const clip = (text: string) =>
  text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;

/** The team's response times by tier, as the rule line names them. */
function hoursText(config: ServiceConfig, locale: Locale): string {
  return TIERS.map((tier) => `${TIER_LABELS[tier][locale]} ${config.responseHours[tier]} h`).join(
    locale === 'zh-CN' ? '，' : ', ',
  );
}

function filterFields(locale: Locale, tiered: boolean): Field[] {
  const phrases = CONSOLE_PHRASES[locale];
  return [
    {
      type: 'select',
      name: 'cause',
      label: phrases.cause,
      options: CAUSES.map((cause) => ({ value: cause, label: CAUSE_LABELS[cause][locale] })),
    },
    ...(tiered
      ? [
          {
            type: 'select' as const,
            name: 'tier',
            label: phrases.tier,
            options: TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier][locale] })),
          },
        ]
      : []),
    {
      type: 'select',
      name: 'step',
      label: phrases.step,
      options: STEPS.filter((step) => step !== 'closed').map((step) => ({
        value: step,
        label: STEP_LABELS[step][locale],
      })),
    },
    {
      type: 'select',
      name: 'due',
      label: phrases.due,
      options: [
        { value: 'overdue', label: phrases.dueChoices.overdue },
        { value: 'soon', label: phrases.dueChoices.soon },
      ],
    },
  ];
}

/**
 * The open complaints of the viewer's customers (a rep's own, the team's for others), the
 * one due first first, with overdue ones marked; filtered by cause, step, due and the
 * customer's tier now (tiering's service); a form to take a new complaint.
 */
export const complaintQueuePage: PageDefinition<ServiceConfig> = {
  path: 'complaints',
  title: { en: CONSOLE_PHRASES.en.queue, 'zh-CN': CONSOLE_PHRASES['zh-CN'].queue },
  roles: ['rep', 'manager', 'admin'],
  async render({ locale, viewer, query, purpose }, ctx) {
    const phrases = CONSOLE_PHRASES[locale];
    const reader = await ctx.use(tiersService);
    const owner = ownerScope(viewer);
    const tier = queryChoice<Tier>(TIERS, query.tier);
    const filter = {
      cause: queryChoice<Cause>(CAUSES, query.cause),
      step: queryChoice<Step>(STEPS, query.step),
      due: queryChoice(['overdue', 'soon'] as const, query.due),
      owner,
      ...(tier === undefined ? {} : { tiers: [tier] }),
    };
    const size = purpose === 'csv' ? CSV_ROWS : PAGE_SIZE;
    const [counts, rows] = await Promise.all([
      queueCounts(ctx, reader, owner),
      queueRows(ctx, reader, filter, { after: queryId(query.after), size: size + 1 }),
    ]);
    const shown = rows.slice(0, size);
    const ids = shown.map((row) => row.customerId);
    const [names, tiers] = await Promise.all([
      ctx.core.customers.names(ctx.teamId, ids),
      reader === undefined ? new Map<number, Tier>() : reader.tiers(ids),
    ]);
    const now = ctx.clock.now().getTime();
    const last = shown.at(-1);
    // The next page keeps the filters the page was read with.
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries({
      ...filter,
      owner: undefined,
      tiers: undefined,
      tier,
    }))
      if (typeof value === 'string') kept[name] = value;
    return {
      blocks: [
        { kind: 'rule', text: phrases.rule(hoursText(ctx.config, locale)) },
        {
          kind: 'stats',
          items: [
            { label: phrases.open, value: counts.open },
            { label: phrases.overdue, value: counts.overdue },
            { label: phrases.dueSoon(ctx.config.nearDueHours), value: counts.dueSoon },
            ...(counts.key === null ? [] : [{ label: phrases.keyOpen, value: counts.key }]),
          ],
        },
        { kind: 'filters', fields: filterFields(locale, reader !== undefined) },
        {
          kind: 'table',
          id: 'queue',
          title: phrases.queueTitle,
          caption: phrases.queueCaption,
          columns: [
            { key: 'due', label: phrases.due },
            { key: 'left', label: '' },
            { key: 'customer', label: phrases.customer },
            { key: 'cause', label: phrases.cause },
            { key: 'tier', label: phrases.tier },
            { key: 'step', label: phrases.step },
            { key: 'summary', label: phrases.summary },
            { key: 'next', label: phrases.next },
          ],
          rows: shown.map((row) => {
            const left = Date.parse(row.dueAt) - now;
            const tierNow = tiers.get(row.customerId);
            return {
              due: wallClockOf(row.dueAt, ctx.timeZone).replace('T', ' '),
              left: left < 0 ? PHRASES[locale].overdue(-left) : PHRASES[locale].left(left),
              customer: {
                text: names.get(row.customerId) ?? `#${row.customerId}`,
                customerId: row.customerId,
              },
              cause: CAUSE_LABELS[row.cause][locale],
              tier: tierNow === undefined ? phrases.noTier : TIER_LABELS[tierNow][locale],
              step: STEP_LABELS[row.step][locale],
              summary: clip(row.summary),
              next: {
                text: NEXT_STEP_LABELS[row.step as Exclude<Step, 'closed'>][locale],
                link: { page: 'complaint', query: { id: String(row.id) } },
              },
            };
          }),
          empty: phrases.empty,
          ...(rows.length > size && last !== undefined
            ? { next: { ...kept, after: String(last.id) } }
            : {}),
        },
        {
          kind: 'form',
          action: 'open',
          title: phrases.openTitle,
          caption: phrases.openCaption,
          fields: [
            { type: 'number', name: 'customerId', label: phrases.customerId, required: true },
            {
              type: 'select',
              name: 'cause',
              label: phrases.cause,
              required: true,
              options: CAUSES.map((cause) => ({
                value: cause,
                label: CAUSE_LABELS[cause][locale],
              })),
            },
            {
              type: 'select',
              name: 'channel',
              label: phrases.channel,
              value: 'phone',
              required: true,
              options: CHANNELS.map((channel) => ({
                value: channel,
                label: CHANNEL_LABELS[channel][locale],
              })),
            },
            { type: 'textarea', name: 'summary', label: phrases.summary, required: true },
          ],
          submit: phrases.openSubmit,
        },
      ],
    };
  },
  actions: {
    open: pageAction({
      roles: ['rep', 'manager', 'admin'],
      input: openComplaintSchema.extend({
        customerId: z.coerce
          .number({ error: 'must be a customer id' })
          .int('must be a customer id')
          .positive('must be a customer id'),
      }),
      done: { en: CONSOLE_PHRASES.en.done.open, 'zh-CN': CONSOLE_PHRASES['zh-CN'].done.open },
      async run(input, ctx, caller) {
        await visibleCustomer(ctx, caller, input.customerId);
        await openComplaint(ctx, input, caller.viewer.actor);
      },
    }),
  },
};
