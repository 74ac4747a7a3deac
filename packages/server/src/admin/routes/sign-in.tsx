/** @jsxImportSource hono/jsx */
import type { SessionLimits } from '@guanxi/core';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../env';
import {
  clearConsoleCookie,
  LANG_COOKIE,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  setConsoleCookie,
} from '../cookies';
import { CSRF_FIELD, csrfTokenFor, newSignInToken, tokensMatch } from '../csrf';
import { isLocale } from '../locale';
import { MESSAGES, noticeOf } from '../messages';
import { NoTeamPage } from '../pages/no-team-page';
import { SignInPage } from '../pages/sign-in-page';
import { ADMIN, isConsolePath } from '../paths';
import { render } from '../render';
import { formRefused } from '../session';

const SIGN_IN_FORM_SECONDS = 60 * 60;
const LANG_SECONDS = 365 * 24 * 60 * 60;

/** Every sign-in form gets a fresh token, paired with a cookie only this browser holds. */
function signInForm(
  c: Context<AppEnv>,
  limits: SessionLimits,
  status: ContentfulStatusCode,
  options: { error?: string; notice?: ReturnType<typeof noticeOf> } = {},
) {
  const token = newSignInToken();
  setConsoleCookie(c, SIGN_IN_COOKIE, token, SIGN_IN_FORM_SECONDS);
  return render(c, <SignInPage token={token} limits={limits} {...options} />, status);
}

/**
 * The routes that work without a session: sign in (a member of any team, with their API key,
 * begins a server-side session), sign out (ends it), choose a language.
 */
export function signInRoutes(limits: SessionLimits) {
  return new Hono<AppEnv>()
    .get('/sign-in', (c) => signInForm(c, limits, 200, { notice: noticeOf(c.req.query('notice')) }))
    .post('/sign-in', async (c) => {
      const t = MESSAGES[c.var.locale];
      const form = await c.req.parseBody();
      if (!tokensMatch(form[CSRF_FIELD], getCookie(c, SIGN_IN_COOKIE))) {
        return signInForm(c, limits, 403, { error: t.formExpired });
      }
      const key = typeof form.key === 'string' ? form.key.trim() : '';
      const principal = await c.var.core.apiKeys.authenticate(key);
      if (principal === undefined) return signInForm(c, limits, 401, { error: t.badKey });
      clearConsoleCookie(c, SIGN_IN_COOKIE);
      if (principal.roles.size === 0) {
        const user = await c.var.core.users.get(principal.userId);
        return render(c, <NoTeamPage name={user.name} />, 403);
      }
      const session = await c.var.core.sessions.create(principal, limits);
      setConsoleCookie(c, SESSION_COOKIE, session.token, Math.floor(limits.absoluteMs / 1000));
      return c.redirect(ADMIN, 303);
    })
    .post('/sign-out', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const form = await c.req.parseBody();
      if (token !== undefined && !tokensMatch(form[CSRF_FIELD], csrfTokenFor(token))) {
        return formRefused(c);
      }
      if (token !== undefined) await c.var.core.sessions.end(token);
      clearConsoleCookie(c, SESSION_COOKIE);
      return c.redirect(`${ADMIN}/sign-in?notice=signedOut`, 303);
    })
    .get('/lang/:locale', (c) => {
      const locale = c.req.param('locale');
      if (!isLocale(locale)) throw new HTTPException(404, { message: `No language ${locale}` });
      setConsoleCookie(c, LANG_COOKIE, locale, LANG_SECONDS);
      const next = c.req.query('next') ?? ADMIN;
      return c.redirect(isConsolePath(next) ? next : ADMIN, 303);
    });
}
