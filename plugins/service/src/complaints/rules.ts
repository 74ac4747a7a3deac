import { GuanxiError } from '@guanxi/core';
import type { Complaint, Step } from './complaint';

/**
 * The moves a user may make from each step. A proposed remedy the customer turns down is
 * replaced by proposing another; recording a complaint as not valid closes it at once.
 */
const MOVES: Readonly<Record<Step, readonly Step[]>> = {
  received: ['recorded'],
  recorded: ['remedy_proposed'],
  remedy_proposed: ['remedy_proposed', 'remedy_accepted'],
  remedy_accepted: ['followed_up'],
  followed_up: ['closed'],
  closed: [],
};

/** Throws GX_ERR_CONFLICT naming the step when `complaint` cannot move to `to`. */
export function assertMove(complaint: Pick<Complaint, 'id' | 'step'>, to: Step): void {
  const allowed = MOVES[complaint.step];
  if (allowed.includes(to)) return;
  const next = allowed.length === 0 ? 'nothing: it is closed' : allowed.join(' or ');
  throw new GuanxiError(
    'GX_ERR_CONFLICT',
    `Complaint ${complaint.id} is at step ${complaint.step} and cannot move to ${to}; next: ${next}`,
    { details: { complaintId: complaint.id, step: complaint.step, to, allowed } },
  );
}

/** When the step after `step` is due: the tier's response time from now; null once closed. */
export function dueAfter(step: Step, now: Date, hours: number): string | null {
  if (step === 'closed') return null;
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}
