import type { EventHook } from '@guanxi/core';

/** One stored score of one customer, as `scoring:scored` reports it. */
export interface ScoreRecord {
  readonly customerId: number;
  /** `<plugin>/<scorer>`, e.g. `scoring/clv` or `example-scorer/good-customer`. */
  readonly scorer: string;
  readonly version: string;
  readonly value: number;
  readonly reasons: readonly string[];
  readonly scoredAt: string;
}

declare module '@guanxi/core' {
  interface CoreHooks {
    /** Scores were computed and stored (by the score job, or on write for changed customers). */
    'scoring:scored': EventHook<ScoreRecord>;
  }
}
