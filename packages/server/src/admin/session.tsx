/** @jsxImportSource hono/jsx */
import type { SessionLimits } from '@guanxi/core';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { clearConsoleCookie, SESSION_COOKIE } from './cookies';
import { CSRF_FIELD, csrfTokenFor, tokensMatch } from './csrf';
import type { AdminEnv } from './env';
import { MESSAGES } from './messages';
import { MessagePage } from './pages/message-page';
import { NoTeamPage } from './pages/no-team-page';
import { ADMIN } from './paths';
import { render } from './render';

/** The page answering a form that did not come from the current session's pages. */
export function formRefused<E extends AppEnv>(c: Context<E>): Promise<Response> {
  const t = MESSAGES[c.var.locale];
  return render(c, <MessagePage title={t.csrfTitle} body={t.csrfBody} />, 403);
}

/**
 * Resolves the session cookie on every request: no session, or one that has ended (idle,
 * past its end, its key revoked) goes to sign-in; a user in no team gets a 403; a POST whose
 * form lacks the session's token is refused before any handler runs.
 */
export function adminSession(limits: SessionLimits) {
  return createMiddleware<AdminEnv>(async function adminSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    if (token === undefined) return c.redirect(`${ADMIN}/sign-in`, 303);
    const session = await c.var.core.sessions.resolve(token, limits);
    if (session === undefined) {
      clearConsoleCookie(c, SESSION_COOKIE);
      return c.redirect(`${ADMIN}/sign-in?notice=sessionEnded`, 303);
    }
    const { principal } = session;
    const csrf = csrfTokenFor(token);
    const user = await c.var.core.users.get(principal.userId);
    const [first, ...more] = (await c.var.core.teams.list()).filter((team) =>
      principal.roles.has(team.id),
    );
    if (first === undefined) return render(c, <NoTeamPage name={user.name} csrf={csrf} />, 403);
    if (c.req.method === 'POST' && !tokensMatch((await c.req.parseBody())[CSRF_FIELD], csrf)) {
      return formRefused(c);
    }
    c.set('principal', principal);
    c.set('admin', { user, principal, teams: [first, ...more], csrf });
    await next();
  });
}
