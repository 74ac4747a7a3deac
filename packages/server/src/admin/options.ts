import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '@guanxi/core';

/** How the console is run; every field has a default. */
export interface ConsoleOptions {
  /** Idle and absolute session limits; default 30 minutes and 8 hours. */
  readonly sessions?: Partial<SessionLimits>;
  /**
   * Origins allowed to post the console's forms besides the one the request was sent to,
   * for a proxy that changes the host on the way.
   */
  readonly origins?: readonly string[];
  /** Largest CSV file uploaded for import, in bytes; default 32 MiB. */
  readonly uploadLimitBytes?: number;
}

export interface ResolvedConsoleOptions {
  readonly sessions: SessionLimits;
  readonly origins: readonly string[];
  readonly uploadLimitBytes: number;
}

export function resolveConsoleOptions(options: ConsoleOptions = {}): ResolvedConsoleOptions {
  return {
    sessions: { ...DEFAULT_SESSION_LIMITS, ...options.sessions },
    origins: options.origins ?? [],
    uploadLimitBytes: options.uploadLimitBytes ?? 32 * 1024 * 1024,
  };
}
