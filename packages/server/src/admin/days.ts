import { z } from 'zod';

/** A calendar day as a form or an address gives it. */
export const daySchema = z.iso.date('must be a date, YYYY-MM-DD');

/** The first instant of a day (UTC), as stored times are written. */
export function startOfDay(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The first instant of the next day: the end of a range that includes `day`. */
export function dayAfter(day: string): string {
  const next = new Date(startOfDay(day));
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}
