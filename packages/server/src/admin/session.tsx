/** @jsxImportSource hono/jsx */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { clearConsoleCookie, SESSION_COOKIE } from './cookies';
import { CSRF_FIELD, csrfTokenFor, tokensMatch } from './csrf';
import type { AdminEnv } from './env';
import { MESSAGES } from './messages';
import { MessagePage } from './pages/message-page';
import { NotAdminPage } from './pages/not-admin-page';
import { ADMIN } from './paths';
import { render } from './render';

/**
 * Resolves the session cookie to an admin on every request: no cookie or a revoked key
 * goes to sign-in, a user who administers no team gets a 403, and a POST whose form
 * lacks the session's token is refused before any handler runs.
 */
export function adminSession() {
  return createMiddleware<AdminEnv>(async function adminSession(c, next) {
    const key = getCookie(c, SESSION_COOKIE);
    if (key === undefined) return c.redirect(`${ADMIN}/sign-in`, 303);
    const principal = await c.var.core.apiKeys.authenticate(key);
    if (principal === undefined) {
      clearConsoleCookie(c, SESSION_COOKIE);
      return c.redirect(`${ADMIN}/sign-in?notice=sessionEnded`, 303);
    }
    const csrf = csrfTokenFor(key);
    const user = await c.var.core.users.get(principal.userId);
    const [first, ...more] = (await c.var.core.teams.list()).filter(
      (team) => principal.roles.get(team.id) === 'admin',
    );
    if (first === undefined) return render(c, <NotAdminPage name={user.name} csrf={csrf} />, 403);
    if (c.req.method === 'POST' && !tokensMatch((await c.req.parseBody())[CSRF_FIELD], csrf)) {
      const t = MESSAGES[c.var.locale];
      return render(c, <MessagePage title={t.csrfTitle} body={t.csrfBody} />, 403);
    }
    c.set('principal', principal);
    c.set('admin', { user, principal, teams: [first, ...more], csrf });
    await next();
  });
}
