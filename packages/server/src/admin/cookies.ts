import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ADMIN } from './paths';

/**
 * Holds the session's random token, never the API key; HttpOnly, so no script sees it. Lax,
 * so a link from the extension or a mail opens the console signed in; forms are guarded by
 * their tokens and the origin check.
 */
export const SESSION_COOKIE = 'gx_session';
/** The sign-in form's one-time token, checked against the form's hidden field. */
export const SIGN_IN_COOKIE = 'gx_signin';
export const LANG_COOKIE = 'lang';

/** Whether the browser reached us over https, directly or through a TLS-terminating proxy. */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function setConsoleCookie(c: Context, name: string, value: string, maxAge: number): void {
  setCookie(c, name, value, {
    path: ADMIN,
    httpOnly: true,
    sameSite: name === SESSION_COOKIE ? 'Lax' : 'Strict',
    secure: isHttps(c),
    maxAge,
  });
}

export function clearConsoleCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: ADMIN, secure: isHttps(c) });
}
