/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import type { AdminEnv } from './env';
import { adminError, notFoundPage } from './errors';
import { adminLocale } from './locale';
import { hookFailureRoutes } from './routes/hook-failures';
import { memberKeyRoutes } from './routes/member-keys';
import { memberRoutes } from './routes/members';
import { moduleRoutes } from './routes/modules';
import { overviewRoutes } from './routes/overview';
import { signInRoutes } from './routes/sign-in';
import { teamSettingsRoutes } from './routes/team-settings';
import { webhookRoutes } from './routes/webhooks';
import { adminSecurityHeaders } from './security-headers';
import { adminSession } from './session';

const FORM_LIMIT_BYTES = 64 * 1024;

/**
 * The admin console, server-rendered HTML for team admins, mounted at /admin. It signs in
 * with an API key kept in an HttpOnly cookie and calls the core directly.
 */
export function adminRoutes(): Hono<AppEnv> {
  const signedIn = new Hono<AdminEnv>()
    .use(adminSession())
    .route('/', overviewRoutes())
    .route('/', memberRoutes())
    .route('/', memberKeyRoutes())
    .route('/', moduleRoutes())
    .route('/', webhookRoutes())
    .route('/', hookFailureRoutes())
    .route('/', teamSettingsRoutes())
    .all('*', (c) => notFoundPage(c));
  return (
    new Hono<AppEnv>()
      .onError(adminError)
      .use(...adminSecurityHeaders(), adminLocale(), bodyLimit({ maxSize: FORM_LIMIT_BYTES }))
      // Registered first, so these answer before the session check below runs.
      .route('/', signInRoutes())
      .route('/', signedIn)
  );
}
