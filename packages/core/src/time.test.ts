import { expect, test } from 'vitest';
import { isCalendarDay, normaliseTime } from './time';

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
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-05-01T25:00Z',
  '01/05/2024',
  '1850-01-01',
  '',
])('refuses %j', (input) => {
  expect(normaliseTime(input)).toBeUndefined();
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
