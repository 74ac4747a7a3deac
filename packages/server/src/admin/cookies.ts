import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ADMIN } from './paths';

/** Holds the admin's API key; HttpOnly, so no script and no page ever sees it. */
export const SESSION_COOKIE = 'gx_admin';
/** The sign-in form's one-time token, checked against the form's hidden field. */
export const SIGN_IN_COOKIE = 'gx_admin_signin';
export const LANG_COOKIE = 'lang';

export const SESSION_SECONDS = 8 * 60 * 60;

/** Whether the browser reached us over https, directly or through a TLS-terminating proxy. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function setConsoleCookie(c: Context, name: string, value: string, maxAge: number): void {
  setCookie(c, name, value, {
    path: ADMIN,
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    maxAge,
  });
}

export function clearConsoleCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: ADMIN, secure: isHttps(c) });
}
