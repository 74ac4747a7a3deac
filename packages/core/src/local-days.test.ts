import { expect, test } from 'vitest';
import {
  addDays,
  canonicalTimeZone,
  dayOf,
  daysBetween,
  defaultTimeZone,
  localTimeText,
  startOfDay,
  startOfDayFrom,
  timeZoneSchema,
  wallClockOf,
} from './local-days';
import { normaliseTime } from './time';

test.each([
  ['2024-05-01T15:59:59.999Z', 'Asia/Shanghai', '2024-05-01'],
  ['2024-05-01T16:00:00.000Z', 'Asia/Shanghai', '2024-05-02'],
  ['2024-05-01T16:30:00.000Z', 'Asia/Shanghai', '2024-05-02'],
  ['2024-05-01T16:30:00.000Z', 'UTC', '2024-05-01'],
  ['2024-03-10T04:59:00.000Z', 'America/New_York', '2024-03-09'],
  ['2024-03-10T05:00:00.000Z', 'America/New_York', '2024-03-10'],
  ['2024-11-03T03:59:00.000Z', 'America/New_York', '2024-11-02'],
  ['2024-11-03T04:00:00.000Z', 'America/New_York', '2024-11-03'],
  ['2024-11-04T04:59:00.000Z', 'America/New_York', '2024-11-03'],
])('%s is on %s day %s', (time, zone, day) => {
  expect(dayOf(time, zone)).toBe(day);
  expect(dayOf(new Date(time), zone)).toBe(day);
});

test.each([
  ['2024-05-02', 'Asia/Shanghai', '2024-05-01T16:00:00.000Z'],
  ['2024-05-02', 'UTC', '2024-05-02T00:00:00.000Z'],
  // New York before and after clocks go forward (10 March) and back (3 November).
  ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00.000Z'],
  ['2024-03-11', 'America/New_York', '2024-03-11T04:00:00.000Z'],
  ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00.000Z'],
  ['2024-11-04', 'America/New_York', '2024-11-04T05:00:00.000Z'],
  // Chile moves its clocks at midnight: 8 September 2024 begins at 01:00 local.
  ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
  ['2024-09-09', 'America/Santiago', '2024-09-09T03:00:00.000Z'],
])('%s in %s begins at %s', (day, zone, start) => {
  expect(startOfDay(day, zone)).toBe(start);
  expect(dayOf(start, zone)).toBe(day);
  expect(dayOf(new Date(Date.parse(start) - 1), zone)).toBe(addDays(day, -1));
});

test('the day the clocks go forward is 23 hours long, the day they go back 25', () => {
  const hours = (day: string) =>
    (Date.parse(startOfDay(addDays(day, 1), 'America/New_York')) -
      Date.parse(startOfDay(day, 'America/New_York'))) /
    3_600_000;
  expect(hours('2024-03-10')).toBe(23);
  expect(hours('2024-11-03')).toBe(25);
  expect(hours('2024-11-04')).toBe(24);
});

test('days between count calendar days of the zone, not spans of 24 hours', () => {
  // 23:30 and 00:30 in Shanghai: an hour apart, on two days.
  expect(daysBetween('2024-05-01T15:30:00Z', '2024-05-01T16:30:00Z', 'Asia/Shanghai')).toBe(1);
  expect(daysBetween('2024-05-01T15:30:00Z', '2024-05-01T16:30:00Z', 'UTC')).toBe(0);
  // Across the spring change in New York: noon to noon is 23 hours, still a day.
  expect(
    daysBetween('2024-03-09T17:00:00Z', new Date('2024-03-10T16:00:00Z'), 'America/New_York'),
  ).toBe(1);
  expect(daysBetween('2024-05-02T00:00:00Z', '2024-05-01T00:00:00Z', 'UTC')).toBe(-1);
});

test.each([
  ['2024-05-01T16:30:59.999Z', 'Asia/Shanghai', '2024-05-02T00:30'],
  ['2024-05-01T16:30:00.000Z', 'UTC', '2024-05-01T16:30'],
  ['2024-03-10T06:59:00.000Z', 'America/New_York', '2024-03-10T01:59'],
  ['2024-03-10T07:00:00.000Z', 'America/New_York', '2024-03-10T03:00'],
  ['2024-09-08T04:00:00.000Z', 'America/Santiago', '2024-09-08T01:00'],
])('%s in %s reads %s on the wall clock, which names it again', (time, zone, wall) => {
  expect(wallClockOf(time, zone)).toBe(wall);
  expect(localTimeText(time, zone)).toBe(`${wall.replace('T', ' ')} ${zone}`);
  expect(normaliseTime(wall, zone)).toBe(`${time.slice(0, 16)}:00.000Z`);
});

test('startOfDayFrom counts days from the day an instant falls on', () => {
  const late = '2024-05-01T16:30:00.000Z'; // 00:30 on 2 May in Shanghai
  expect(startOfDayFrom(late, 1, 'Asia/Shanghai')).toBe('2024-05-02T16:00:00.000Z');
  expect(startOfDayFrom(late, 0, 'Asia/Shanghai')).toBe('2024-05-01T16:00:00.000Z');
  expect(startOfDayFrom(late, -30, 'Asia/Shanghai')).toBe('2024-04-01T16:00:00.000Z');
  expect(startOfDayFrom(late, 1, 'UTC')).toBe('2024-05-02T00:00:00.000Z');
  expect(startOfDayFrom('2024-03-09T17:00:00Z', 1, 'America/New_York')).toBe(
    '2024-03-10T05:00:00.000Z',
  );
});

test('addDays is calendar arithmetic over months, leap days and years', () => {
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
  expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  expect(addDays('2024-05-01', 365)).toBe('2025-05-01');
});

test('time zones are IANA names, kept in their canonical spelling', () => {
  expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
  expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
  expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe(
    'America/Argentina/Buenos_Aires',
  );
  expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  expect(canonicalTimeZone('UTC')).toBe('UTC');
  expect(canonicalTimeZone('utc')).toBe('UTC');
  for (const bad of ['Mars/Olympus', '+08:00', 'GMT+8 ', '', 'Asia/Shanghai; drop']) {
    expect(canonicalTimeZone(bad)).toBeUndefined();
  }
  expect(timeZoneSchema.safeParse('Europe/Berlin')).toEqual({
    success: true,
    data: 'Europe/Berlin',
  });
  const refused = timeZoneSchema.safeParse('Beijing');
  expect(refused.success).toBe(false);
  expect(refused.error?.issues[0]?.message).toBe('must be an IANA time zone such as Asia/Shanghai');
});

test('a team’s zone defaults to its locale’s', () => {
  expect(defaultTimeZone('zh-CN')).toBe('Asia/Shanghai');
  expect(defaultTimeZone('en')).toBe('UTC');
});
