import { z } from 'zod';

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `2024-05-01`, `2024-05-01T08:00+08:00`, … → `2024-05-01T00:00:00.000Z`; undefined if not a time. */
export function normaliseTime(input: string): string | undefined {
  if (!ISO.test(input) || !isCalendarDate(input)) return undefined;
  // A time without an offset is UTC, whatever zone the server runs in.
  const zoned =
    input.length === 10 ? `${input}T00:00:00Z` : OFFSET.test(input) ? input : `${input}Z`;
  const time = new Date(zoned);
  const year = time.getUTCFullYear();
  if (Number.isNaN(time.getTime()) || year < 1900 || year > 2200) return undefined;
  return time.toISOString();
}

/** A calendar day written `YYYY-MM-DD` that exists (not 2024-02-30). */
export function isCalendarDay(input: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(input) && normaliseTime(input) !== undefined;
}

/** An ISO-8601 date or date-time, stored as UTC. */
export const isoTimeSchema = z.string().transform((input, ctx) => {
  const time = normaliseTime(input);
  if (time === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an ISO-8601 date or time such as 2024-05-01T08:00:00Z',
    });
    return z.NEVER;
  }
  return time;
});

/** JavaScript rolls 2024-02-30 over to 1 March; a date must name a day that exists. */
function isCalendarDate(input: string): boolean {
  const [year, month, day] = input.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
