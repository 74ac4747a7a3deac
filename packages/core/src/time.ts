import { z } from 'zod';
import { instantOfWallClock } from './local-days';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `2024-05-01T08:00+08:00` → `2024-05-01T00:00:00.000Z`; undefined if not a time. A date
 * without a time is the start of that day in `timeZone`, and a time without an offset is a
 * wall-clock time there; both are UTC when no zone is given.
 */
export function normaliseTime(input: string, timeZone = 'UTC'): string | undefined {
  const match = ISO.exec(input);
  if (match === null) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (year < 1900 || year > 2200 || !isCalendarDate(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Math.floor(Number(`0${fraction}`) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (offset === undefined) return new Date(instantOfWallClock(wall, timeZone)).toISOString();
  if (offset === 'Z') return new Date(wall).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return new Date(wall - sign * minutes * 60_000).toISOString();
}

/** A value `isoTimeSchema` passed, placed in the team's zone: ISO-8601 UTC. */
export function instantIn(value: string, timeZone: string): string {
  const time = normaliseTime(value, timeZone);
  if (time === undefined) throw new Error(`"${value}" is not a checked ISO-8601 time`);
  return time;
}

/** A calendar day written `YYYY-MM-DD` that exists (not 2024-02-30). */
export function isCalendarDay(input: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(input) && normaliseTime(input) !== undefined;
}

/** Whether `input` (a valid time) says where it is: a `Z` or an offset. */
function hasOffset(input: string): boolean {
  return /T.*(Z|[+-]\d{2}:?\d{2})$/.test(input);
}

/**
 * An ISO-8601 date or date-time. A time with an offset comes out as UTC; a date, or a time
 * without an offset, comes out as written, for `normaliseTime(value, team zone)` to place
 * once the team is known.
 */
export const isoTimeSchema = z.string().transform((input, ctx) => {
  const time = normaliseTime(input);
  if (time === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an ISO-8601 date or time such as 2024-05-01T08:00:00Z',
    });
    return z.NEVER;
  }
  return hasOffset(input) ? time : input;
});

/** JavaScript rolls 2024-02-30 over to 1 March; a date must name a day that exists. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
