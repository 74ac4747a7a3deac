import { parseInput } from '@guanxi/core';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { httpError } from '../problem';

/** The per-key limit: one shape for the environment, `startServer`'s config and `createApp`. */
export interface RateLimitSettings {
  /** Requests a key may make per minute, sustained. */
  readonly perMinute: number;
  /** Requests a key may make at once after being idle. */
  readonly burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { perMinute: 1200, burst: 200 };

/** The largest limit accepted: higher is no limit at all, and the bucket's sums stay exact. */
export const MAX_RATE_LIMIT = 1_000_000_000;

export interface RateLimitOptions extends Partial<RateLimitSettings> {
  readonly now?: () => number;
}

/** The policy's name in the RateLimit-Policy and RateLimit fields. */
const POLICY = '"api-key"';

interface Bucket {
  tokens: number;
  at: number;
}

const limit = z
  .int(`must be a whole number from 1 to ${MAX_RATE_LIMIT}`)
  .min(1, `must be a whole number from 1 to ${MAX_RATE_LIMIT}`)
  .max(MAX_RATE_LIMIT, `must be a whole number from 1 to ${MAX_RATE_LIMIT}`);

/**
 * The rule of each limit, wherever it is set: `createApp`'s options, `server.rateLimit` in
 * guanxi.config.ts, GUANXI_RATE_LIMIT_PER_MINUTE and GUANXI_RATE_LIMIT_BURST.
 */
export const rateLimitSchema = z.strictObject({ perMinute: limit, burst: limit });

/** Throws GX_ERR_VALIDATION naming `rateLimit.<field>` for a limit that is not a count. */
const checked = (settings: RateLimitSettings): RateLimitSettings =>
  parseInput(rateLimitSchema, settings, ['rateLimit']);

/**
 * A token bucket per API key, in this process: `burst` requests at once, refilled at
 * `perMinute`. Every answer past the key check carries the limit as draft-ietf-httpapi-
 * ratelimit-headers fields: RateLimit-Policy (`burst` requests a window of burst ÷ rate
 * seconds) and RateLimit (whole requests left, and seconds until the bucket is full; on a
 * 429, until the next request is let in, as Retry-After says).
 */
export function rateLimit({ now = Date.now, ...options }: RateLimitOptions = {}) {
  const { perMinute, burst } = checked({ ...DEFAULT_RATE_LIMIT, ...options });
  const buckets = new Map<number, Bucket>();
  const refillPerMs = perMinute / 60_000;
  const seconds = (tokens: number) => Math.ceil(tokens / refillPerMs / 1000);
  const policy = `${POLICY};q=${burst};w=${Math.max(1, seconds(burst))}`;
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const key = c.get('principal').keyId;
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: time };
    bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * refillPerMs);
    bucket.at = time;
    buckets.set(key, bucket);
    c.header('RateLimit-Policy', policy);
    if (bucket.tokens < 1) {
      const wait = seconds(1 - bucket.tokens);
      c.header('RateLimit', `${POLICY};r=0;t=${wait}`);
      c.header('Retry-After', String(wait));
      throw httpError(
        429,
        'GX_ERR_RATE_LIMITED',
        `Too many requests for this key; retry in ${wait} s`,
      );
    }
    bucket.tokens -= 1;
    c.header(
      'RateLimit',
      `${POLICY};r=${Math.floor(bucket.tokens)};t=${seconds(burst - bucket.tokens)}`,
    );
    await next();
  });
}
