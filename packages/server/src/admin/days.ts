import { addDays, startOfDay } from '@guanxi/core';
import { z } from 'zod';

/** A calendar day as a form or an address gives it: a day of the team's time zone. */
export const daySchema = z.iso.date('must be a date, YYYY-MM-DD');

/** Instants bounding a range of days, as timelines take them: at or after `from`, before `to`. */
export interface InstantRange {
  readonly from?: string;
  readonly to?: string;
}

/** The instants the team's days `from` to `to` (both included) cover, by the core's local days. */
export function dayRange(range: { from?: string; to?: string }, zone: string): InstantRange {
  return {
    ...(range.from === undefined ? {} : { from: startOfDay(range.from, zone) }),
    ...(range.to === undefined ? {} : { to: startOfDay(addDays(range.to, 1), zone) }),
  };
}
