/** The one source of "now" in the core; tests and backtests replace it to replay history. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}
