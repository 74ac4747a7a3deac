import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { httpError } from '../problem';

export interface RateLimitOptions {
  /** Requests a key may make per minute, sustained. */
  readonly perMinute?: number;
  /** Requests a key may make at once after being idle. */
  readonly burst?: number;
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per API key, in this process; past it, 429 with Retry-After. */
export function rateLimit({
  perMinute = 1200,
  burst = 200,
  now = Date.now,
}: RateLimitOptions = {}) {
  const buckets = new Map<number, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const key = c.get('principal').keyId;
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: time };
    bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * refillPerMs);
    bucket.at = time;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
      c.header('Retry-After', String(wait));
      throw httpError(
        429,
        'GX_ERR_RATE_LIMITED',
        `Too many requests for this key; retry in ${wait} s`,
      );
    }
    bucket.tokens -= 1;
    await next();
  });
}
