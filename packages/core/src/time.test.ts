import { expect, test } from 'vitest';
import { instantIn, isCalendarDay, isoTimeSchema, normaliseTime } from './time';

test.each([
  ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ['2024-05-01T08:00:00Z', '2024-05-01T08:00:00.000Z'],
  ['2024-05-01T08:00', '2024-05-01T08:00:00.000Z'],
  ['2024-05-01T08:00+08:00', '2024-05-01T00:00:00.000Z'],
  ['2024-02-29T23:59:59.5-0100', '2024-03-01T00:59:59.500Z'],
])('reads %s as %s', (input, expected) => {
  expect(normaliseTime(input)).toBe(expected);
});

test.each([
  ['2024-05-02', 'Asia/Shanghai', '2024-05-01T16:00:00.000Z'],
  ['2024-05-02T00:30', 'Asia/Shanghai', '2024-05-01T16:30:00.000Z'],
  ['2024-05-02T00:30Z', 'Asia/Shanghai', '2024-05-02T00:30:00.000Z'],
  ['2024-05-02T00:30+02:00', 'Asia/Shanghai', '2024-05-01T22:30:00.000Z'],
  // New York: 02:30 on 10 March never happened (02:00 became 03:00); 01:30 on 3 November
  // happened twice, first in daylight time.
  ['2024-03-10T02:30', 'America/New_York', '2024-03-10T07:30:00.000Z'],
  ['2024-11-03T01:30', 'America/New_York', '2024-11-03T05:30:00.000Z'],
  ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00.000Z'],
])('reads %s in %s as %s', (input, zone, expected) => {
  expect(normaliseTime(input, zone)).toBe(expected);
});

test.each([
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-05-01T25:00Z',
  '2024-05-01T24:00',
  '2024-05-01T12:60',
  '01/05/2024',
  '1850-01-01',
  '2201-01-01T00:00Z',
  '',
])('refuses %j', (input) => {
  expect(normaliseTime(input)).toBeUndefined();
});

test('the schema keeps a time without an offset as written, for the team’s zone to place', () => {
  expect(isoTimeSchema.parse('2024-05-02')).toBe('2024-05-02');
  expect(isoTimeSchema.parse('2024-05-02T00:30')).toBe('2024-05-02T00:30');
  expect(isoTimeSchema.parse('2024-05-02T08:30+08:00')).toBe('2024-05-02T00:30:00.000Z');
  expect(instantIn(isoTimeSchema.parse('2024-05-02'), 'Asia/Shanghai')).toBe(
    '2024-05-01T16:00:00.000Z',
  );
  expect(instantIn(isoTimeSchema.parse('2024-05-02T08:30+08:00'), 'America/New_York')).toBe(
    '2024-05-02T00:30:00.000Z',
  );
  expect(isoTimeSchema.safeParse('2024-02-30').success).toBe(false);
});

test.each([
  ['1997-09-30', true],
  ['2024-02-29', true],
  ['2023-02-29', false],
  ['1997-9-30', false],
  ['1997-09-30T00:00:00Z', false],
  ['someday', false],
])('%j is a calendar day: %s', (input, expected) => {
  expect(isCalendarDay(input)).toBe(expected);
});
