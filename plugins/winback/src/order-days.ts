const DAY_MS = 86_400_000;

/** The median of the gaps between consecutive order days, in days; null under two days. */
export function medianGapDays(days: readonly string[]): number | null {
  if (days.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i += 1) {
    gaps.push((Date.parse(days[i] as string) - Date.parse(days[i - 1] as string)) / DAY_MS);
  }
  gaps.sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1
    ? (gaps[middle] as number)
    : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
}

/** Whole days from `from` to `now`. */
export function daysBetween(from: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(from)) / DAY_MS);
}

/** When the whole days from `from` next go up: the instant `daysBetween` changes. */
export function nextWholeDay(from: string, now: Date): string {
  return new Date(Date.parse(from) + (daysBetween(from, now) + 1) * DAY_MS).toISOString();
}
