import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';
import { isHttps } from './cookies';

/** The hidden field every POST form carries. */
export const CSRF_FIELD = '_csrf';

/**
 * A session's form token: an HMAC keyed by the session's token, so every server process can
 * check it without shared state, and the form token reveals nothing of the session's.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken)
    .update('guanxi admin console forms')
    .digest('base64url');
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

/** The origin the browser sees: the request's, with https when a TLS proxy says so. */
function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  return `${isHttps(c) ? 'https:' : url.protocol}//${url.host}`;
}

/**
 * Hono's CSRF check in front of every form: a POST must come from a page of this origin (or
 * one of `origins`), by its Origin or Sec-Fetch-Site header. The form tokens stay as a second
 * guard. A refusal is answered by `refuse`.
 */
export function originCheck(
  origins: readonly string[],
  refuse: (c: Context<AppEnv>) => Promise<Response>,
) {
  const check = csrf({
    origin: (origin, c) => origin === ownOrigin(c) || origins.includes(origin),
  });
  return createMiddleware<AppEnv>(async function originCheck(c, next) {
    let allowed = false;
    try {
      await check(c, async () => {
        allowed = true;
      });
    } catch (error) {
      if (!(error instanceof HTTPException)) throw error;
    }
    if (!allowed) return refuse(c);
    await next();
  });
}
