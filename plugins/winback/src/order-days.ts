import { daysFromDayTo } from '@guanxi/core';

/** The median of the gaps between consecutive order days, in days; null under two days. */
export function medianGapDays(days: readonly string[]): number | null {
  if (days.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i += 1) {
    gaps.push(daysFromDayTo(days[i - 1] as string, days[i] as string));
  }
  gaps.sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1
    ? (gaps[middle] as number)
    : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
}
