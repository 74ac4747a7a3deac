/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { originCheck } from './csrf';
import type { AdminEnv } from './env';
import { adminError, notFoundPage } from './errors';
import { adminLocale } from './locale';
import { MESSAGES } from './messages';
import { type ConsoleOptions, resolveConsoleOptions } from './options';
import { MessagePage } from './pages/message-page';
import { render } from './render';
import { customerPageRoutes } from './routes/customer';
import { customerRoutes } from './routes/customers';
import { hookFailureRoutes } from './routes/hook-failures';
import { importRoutes } from './routes/imports';
import { memberKeyRoutes } from './routes/member-keys';
import { memberRoutes } from './routes/members';
import { moduleRoutes } from './routes/modules';
import { overviewRoutes } from './routes/overview';
import { pluginPageRoutes } from './routes/plugin-pages';
import { signInRoutes } from './routes/sign-in';
import { teamSettingsRoutes } from './routes/team-settings';
import { webhookRoutes } from './routes/webhooks';
import { adminSecurityHeaders } from './security-headers';
import { adminSession, formRefused } from './session';
import { teamScope } from './team-access';

const FORM_LIMIT_BYTES = 64 * 1024;
/** The one form that takes a file: the CSV upload. */
const UPLOAD_PATH = /^\/admin\/teams\/[^/]+\/import$/;

/**
 * The console, server-rendered HTML for every member of a team, mounted at /admin. Signing in
 * with an API key begins a server-side session; pages call the core directly.
 */
export function adminRoutes(options: ConsoleOptions = {}): Hono<AppEnv> {
  const settings = resolveConsoleOptions(options);
  const tooLarge = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      onError: (c: Context<AppEnv>) => {
        const t = MESSAGES[c.var.locale];
        const mb = Math.round(limit / (1024 * 1024));
        return render(
          c,
          <MessagePage title={t.errorTitle} body={t.imports.fileTooLarge(mb)} />,
          413,
        );
      },
    });
  const formLimit = tooLarge(FORM_LIMIT_BYTES);
  const uploadLimit = tooLarge(settings.uploadLimitBytes);
  const team = new Hono<AdminEnv>()
    .use('/teams/:teamId', teamScope())
    .use('/teams/:teamId/*', teamScope())
    .route('/', overviewRoutes())
    .route('/', customerRoutes())
    .route('/', customerPageRoutes())
    .route('/', importRoutes())
    .route('/', pluginPageRoutes())
    .route('/', memberRoutes())
    .route('/', memberKeyRoutes())
    .route('/', moduleRoutes())
    .route('/', webhookRoutes())
    .route('/', hookFailureRoutes())
    .route('/', teamSettingsRoutes());
  const signedIn = new Hono<AdminEnv>()
    .use(adminSession(settings.sessions))
    .route('/', team)
    .all('*', (c) => notFoundPage(c));
  return (
    new Hono<AppEnv>()
      .onError(adminError)
      .use(...adminSecurityHeaders(), adminLocale())
      .use((c, next) => (UPLOAD_PATH.test(c.req.path) ? uploadLimit(c, next) : formLimit(c, next)))
      .use(originCheck(settings.origins, formRefused))
      // Registered first, so these answer before the session check below runs.
      .route('/', signInRoutes(settings.sessions))
      .route('/', signedIn)
  );
}
