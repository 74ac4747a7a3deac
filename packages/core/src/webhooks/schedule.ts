const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The longest wait after each failed attempt, in turn; the last repeats. */
export const RETRY_STEPS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
];

/** A delivery is given up at its first failed attempt this long after its first attempt. */
export const RETRY_FOR_MS = 3 * DAY;

/** A webhook is disabled at a failed attempt when every attempt has failed for this long. */
export const DISABLE_AFTER_MS = 5 * DAY;

/** The longest wait after failed attempt number `attempt` (1 for the first). */
export function retryStepMs(attempt: number): number {
  const steps = RETRY_STEPS_MS;
  return steps[Math.min(attempt, steps.length) - 1] as number;
}

/**
 * The wait after failed attempt number `attempt`, with full jitter: drawn evenly between
 * nothing and the step, so receivers that fail together are not retried together.
 */
export function retryDelayMs(attempt: number, random: () => number): number {
  return Math.floor(random() * retryStepMs(attempt));
}
