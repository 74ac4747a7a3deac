import type { Locale, NextBestAction, PanelDefinition } from '@guanxi/core';
import {
  complaintsSlotSchema,
  type OpenComplaintSlot,
  relationshipQualitySchema,
} from '../card-slots';
import { type Complaint, isKey } from '../complaints/complaint';
import { openComplaintsOf } from '../complaints/store';
import type { ServiceConfig } from '../config';
import { CAUSE_LABELS, GAUGE_LABELS, NEXT_STEP_LABELS, PHRASES, STEP_LABELS } from '../labels';
import { relationshipQualityOf } from '../measures/measures';
import { GAUGES } from '../surveys/survey';

function slotOf(complaint: Complaint, now: Date, locale: Locale): OpenComplaintSlot {
  const phrases = PHRASES[locale];
  const left = complaint.dueAt === null ? 0 : Date.parse(complaint.dueAt) - now.getTime();
  return {
    id: complaint.id,
    cause: complaint.cause,
    causeLabel: CAUSE_LABELS[complaint.cause][locale],
    step: complaint.step,
    stepLabel: STEP_LABELS[complaint.step][locale],
    dueAt: complaint.dueAt,
    overdue: left < 0,
    timeLeft: left < 0 ? phrases.overdue(-left) : phrases.left(left),
  };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Milliseconds until a "time left" or "overdue by" of `left` ms shows another number. */
function untilSpanChanges(left: number): number {
  const shown = Math.abs(left);
  const unit = shown < HOUR_MS ? MINUTE_MS : shown < 48 * HOUR_MS ? HOUR_MS : 24 * HOUR_MS;
  return left > 0 ? (shown % unit) + 1 : unit - (shown % unit);
}

/**
 * When time alone next changes the panel: a countdown shows another number, or a complaint
 * comes within `nearDueHours` and becomes the next best action.
 */
function validUntil(open: readonly Complaint[], now: Date, config: ServiceConfig) {
  const waits = open.flatMap((complaint) => {
    if (complaint.dueAt === null) return [];
    const left = Date.parse(complaint.dueAt) - now.getTime();
    const nearDue = left - config.nearDueHours * HOUR_MS;
    return nearDue > 0 ? [untilSpanChanges(left), nearDue] : [untilSpanChanges(left)];
  });
  return waits.length === 0
    ? {}
    : { validUntil: new Date(now.getTime() + Math.min(...waits)).toISOString() };
}

/**
 * Asks the rep to act on the complaint due first when it is overdue or due within
 * `nearDueHours`: priority 60 for a key customer's complaint, 50 for others.
 */
function nextBestAction(
  open: readonly Complaint[],
  slots: readonly OpenComplaintSlot[],
  now: Date,
  config: ServiceConfig,
  locale: Locale,
): NextBestAction | undefined {
  const soon = now.getTime() + config.nearDueHours * 3_600_000;
  const index = open.findIndex((c) => c.dueAt !== null && Date.parse(c.dueAt) <= soon);
  const complaint = open[index];
  const slot = slots[index];
  if (complaint === undefined || slot === undefined || complaint.step === 'closed') return;
  return {
    label: NEXT_STEP_LABELS[complaint.step][locale],
    reason: PHRASES[locale].reason(
      PHRASES[locale].complaint(complaint.id, slot.causeLabel),
      slot.stepLabel,
      slot.timeLeft,
    ),
    priority: isKey(complaint.tier) ? 60 : 50,
  };
}

/**
 * The card's complaints panel: open complaints with their step and the time left to the
 * response target, and the four relationship-quality gauges once the customer has answered.
 */
export const complaintsPanel: PanelDefinition<ServiceConfig> = {
  slots: { complaints: complaintsSlotSchema, relationshipQuality: relationshipQualitySchema },
  id: 'complaints',
  async render({ customer, locale }, ctx) {
    const phrases = PHRASES[locale];
    const now = ctx.clock.now();
    const [open, quality] = await Promise.all([
      openComplaintsOf(ctx, customer.id),
      relationshipQualityOf(ctx, customer.id),
    ]);
    const slots = open.map((complaint) => slotOf(complaint, now, locale));
    const items =
      slots.length === 0
        ? [{ label: phrases.openComplaints, value: phrases.none }]
        : slots.map((slot) => ({
            label: phrases.complaint(slot.id, slot.causeLabel),
            value: `${slot.stepLabel} · ${slot.timeLeft}`,
          }));
    if (quality !== undefined) {
      for (const gauge of GAUGES) {
        const value = quality[gauge];
        items.push({
          label: GAUGE_LABELS[gauge][locale],
          value: value === null ? phrases.noAnswer : phrases.gauge(value),
        });
      }
    }
    const action = nextBestAction(open, slots, now, ctx.config, locale);
    return {
      title: phrases.title,
      items,
      actions: [],
      slots: {
        complaints: { open: slots },
        ...(quality === undefined ? {} : { relationshipQuality: quality }),
      },
      ...(action === undefined ? {} : { nextBestAction: action }),
      ...validUntil(open, now, ctx.config),
    };
  },
};
