import { z } from 'zod';
import type { Locale } from './plugins/define-plugin';

/**
 * Days as a team lives them. Times are stored as UTC instants; what a person reads as a day
 * (a date without a time, "today", N days ago, a day's orders) is a day of the team's IANA
 * time zone, and every such rule of the core and the plugins is computed here.
 */

const DAY_MS = 86_400_000;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** A team's time zone before anyone sets it: Beijing time for a Chinese team, else UTC. */
export function defaultTimeZone(locale: Locale): string {
  return locale === 'zh-CN' ? 'Asia/Shanghai' : 'UTC';
}

let listed: Map<string, string> | undefined;

/**
 * An IANA time zone's name as the runtime lists it (`asia/shanghai` → `Asia/Shanghai`), or
 * undefined if it names none. A link such as Asia/Kolkata is kept as given: runtimes differ
 * in which spelling they call canonical.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!ZONE_NAME.test(name)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  listed ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const key = name.toLowerCase();
  return listed.get(key) ?? (resolved.toLowerCase() === key ? resolved : name);
}

/** An IANA time zone name, stored in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (zone === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Shanghai' });
      return z.NEVER;
    }
    return zone;
  });

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  formats: Map<string, Intl.DateTimeFormat>,
  zone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = make();
    formats.set(zone, format);
  }
  return format;
}

function msOf(time: string | Date): number {
  return typeof time === 'string' ? Date.parse(time) : time.getTime();
}

/** The zone's offset from UTC at the instant `ms`, in ms (Asia/Shanghai: 8 hours). */
function offsetAt(ms: number, zone: string): number {
  const format = cached(
    clockFormats,
    zone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  );
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time names, worked out from the zone's offsets around it. */
function exactInstant(wall: number, zone: string): number {
  const offsets = new Set([offsetAt(wall - DAY_MS, zone), offsetAt(wall + DAY_MS, zone)]);
  let found: number | undefined;
  for (const offset of offsets) {
    const instant = wall - offset;
    if (offsetAt(instant, zone) === offset && (found === undefined || instant < found)) {
      found = instant;
    }
  }
  return found ?? wall - offsetAt(wall - DAY_MS, zone);
}

// Where each day began, by zone and day: a batch asks for the same few days again and again.
const dayStarts = new Map<string, number>();
const DAY_STARTS_KEPT = 10_000;

/** The instant the day whose wall-clock midnight is `midnight` (as UTC ms) begins in `zone`. */
function dayStartMs(midnight: number, zone: string): number {
  const key = `${zone} ${midnight}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    start = exactInstant(midnight, zone);
    dayStarts.set(key, start);
  }
  return start;
}

/**
 * The instant a wall-clock time of `zone` names, the wall clock given as if it were UTC ms.
 * A time the clocks skipped moves on by the gap (02:30 → 03:30 when they jump from 02:00);
 * a time they passed twice is the earlier one.
 */
export function instantOfWallClock(wall: number, zone: string): number {
  if (zone === 'UTC') return wall;
  const midnight = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  const offset = midnight - dayStartMs(midnight, zone);
  // The same offset at this midnight and the next: the clocks did not move in between.
  if (midnight + DAY_MS - dayStartMs(midnight + DAY_MS, zone) === offset) return wall - offset;
  return exactInstant(wall, zone);
}

function dayParts(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

/** The day (`YYYY-MM-DD`) of `zone` an instant falls on. */
export function dayOf(time: string | Date, zone: string): string {
  const format = cached(
    dayFormats,
    zone,
    // en-CA writes a date as YYYY-MM-DD.
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  );
  return format.format(msOf(time));
}

/**
 * The wall-clock time of `zone` at an instant, to the minute, as a datetime-local field
 * writes it: `2024-05-01T08:30`.
 */
export function wallClockOf(time: string | Date, zone: string): string {
  const ms = msOf(time);
  return new Date(ms + offsetAt(ms, zone)).toISOString().slice(0, 16);
}

/** An instant as the team reads it: its wall clock to the minute and the zone's name. */
export function localTimeText(time: string | Date, zone: string): string {
  return `${wallClockOf(time, zone).replace('T', ' ')} ${zone}`;
}

/** The instant (ISO-8601 UTC) the day `YYYY-MM-DD` begins in `zone`. */
export function startOfDay(day: string, zone: string): string {
  const [year, month, date] = dayParts(day);
  return new Date(instantOfWallClock(Date.UTC(year, month - 1, date), zone)).toISOString();
}

/** The calendar day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = dayParts(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  const [year, month, date] = dayParts(day);
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

/** Whole days from `from`'s day to `to`'s day in `zone`: 1 from 23:00 to 01:00 the next day. */
export function daysBetween(from: string | Date, to: string | Date, zone: string): number {
  return dayNumber(dayOf(to, zone)) - dayNumber(dayOf(from, zone));
}

/** Calendar days from one `YYYY-MM-DD` day to another: 31 from 2024-05-01 to 2024-06-01. */
export function daysFromDayTo(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The instant the day `days` after `time`'s day begins in `zone` (before, when negative):
 * `startOfDayFrom(now, 1, zone)` is the coming midnight, `startOfDayFrom(now, -30, zone)`
 * the start of the day 30 days ago.
 */
export function startOfDayFrom(time: string | Date, days: number, zone: string): string {
  return startOfDay(addDays(dayOf(time, zone), days), zone);
}
