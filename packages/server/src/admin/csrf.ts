import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The hidden field every POST form carries. */
export const CSRF_FIELD = '_csrf';

/**
 * A session's form token: an HMAC keyed by its API key, so every server process can check
 * it without shared state, and the token reveals nothing about the key.
 */
export function csrfTokenFor(key: string): string {
  return createHmac('sha256', key).update('guanxi admin console forms').digest('base64url');
}

/** A random token for the sign-in form, before there is a session to derive one from. */
export function newSignInToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensMatch(sent: unknown, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || expected === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
