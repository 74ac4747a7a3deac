import type { Core } from '@guanxi/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { adminRoutes } from './admin';
import { apiKeyAuth } from './auth/api-key-auth';
import { member } from './auth/team-access';
import { describeBacklog } from './deferred/deferred-worker';
import type { AppEnv } from './env';
import { createLogger } from './logger';
import { locale } from './middleware/locale';
import { type RateLimitOptions, rateLimit } from './middleware/rate-limit';
import { ApiDoc } from './openapi/api-doc';
import { docsPage } from './openapi/docs-page';
import { onError, problemResponse } from './problem';
import { contextRoutes } from './routes/context';
import { customerRoutes } from './routes/customers';
import { orderRoutes } from './routes/orders';
import { pluginRoutes } from './routes/plugins';
import { privacyRoutes } from './routes/privacy';
import { teamRoutes } from './routes/teams';
import { webhookRoutes } from './routes/webhooks';

export interface AppOptions {
  readonly logger?: Logger;
  /** Origins allowed to call the API from a browser, such as the extension's. */
  readonly corsOrigins?: readonly string[];
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  readonly bodyLimitBytes?: number;
  /** Requests per API key: default 1,200 a minute with bursts of 200. */
  readonly rateLimit?: RateLimitOptions;
}

export interface GuanxiApp {
  readonly app: Hono<AppEnv>;
  readonly doc: ApiDoc;
}

/** The HTTP face of a core. Pure: it opens no port, so tests call `app.request()`. */
export function createApp(core: Core, options: AppOptions = {}): GuanxiApp {
  const logger = options.logger ?? createLogger('silent');
  const doc = new ApiDoc();
  const app = new Hono<AppEnv>();
  const origins = new Set(options.corsOrigins ?? []);

  app.onError(onError);
  app.notFound((c) =>
    problemResponse(c, {
      status: 404,
      code: 'GX_ERR_NOT_FOUND',
      detail: `No route ${c.req.method} ${c.req.path}`,
    }),
  );
  app.use(requestId());
  app.use(async function provideCore(c, next) {
    c.set('core', core);
    c.set('logger', logger);
    if (!logger.isLevelEnabled('info')) return next();
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.get('/healthz', async (c) => {
    const backlog = await core.deferred.backlog();
    return c.json({
      ok: true,
      dialect: core.dialect,
      deferred: describeBacklog(backlog, core.clock.now().getTime()),
    });
  });

  const allowOrigins = cors({
    origin: (origin) => (origins.has(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: ['RateLimit', 'RateLimit-Policy', 'Retry-After'],
    maxAge: 600,
  });
  const limitBody = bodyLimit({
    maxSize: options.bodyLimitBytes ?? 1024 * 1024,
    onError: (c) =>
      problemResponse(c as never, {
        status: 413,
        code: 'GX_ERR_BODY_TOO_LARGE',
        detail: 'The request body is too large',
      }),
  });
  // Both are skipped where they have nothing to do: reading the body stream (bodyLimit)
  // makes the Node adapter build a full Request, which costs more than the read itself.
  app.use(
    '/v1/*',
    function corsForBrowsers(c, next) {
      return c.req.header('origin') === undefined ? next() : allowOrigins(c, next);
    },
    function bodyLimitForWrites(c, next) {
      return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next);
    },
    locale(),
  );
  let openApi: ReturnType<ApiDoc['document']> | undefined;
  // Built on the first request, when every route has been documented.
  app.get('/v1/openapi.json', (c) => {
    openApi ??= doc.document({ title: 'Guanxi API', version: '1.0.0' });
    return c.json(openApi);
  });
  app.get('/v1/docs', (c) => c.html(docsPage(doc)));

  app.route('/admin', adminRoutes());
  app.use('/v1/*', apiKeyAuth(), rateLimit(options.rateLimit));
  app.use('/v1/teams/:teamId/*', member());
  app.route('/v1', teamRoutes(doc));
  app.route('/v1', customerRoutes(doc));
  app.route('/v1', privacyRoutes(doc));
  app.route('/v1', orderRoutes(doc));
  app.route('/v1', pluginRoutes(doc));
  app.route('/v1', contextRoutes(doc));
  app.route('/v1', webhookRoutes(doc));
  doc.add({
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This API as OpenAPI 3.1',
    tag: 'Meta',
    role: 'public',
  });
  doc.add({ method: 'get', path: '/v1/docs', summary: 'This page', tag: 'Meta', role: 'public' });
  return { app, doc };
}

/**
 * `createApp` as a test fixture wants it (`createTestApp({ dialect, app: appUnderTest() })`
 * from `@guanxi/testing`): the rate limit out of the way, since a test sends many requests
 * with one key; other options as given.
 */
export function appUnderTest(options: AppOptions = {}): (core: Core) => GuanxiApp {
  return (core) =>
    createApp(core, { rateLimit: { perMinute: 1_000_000, burst: 1_000_000 }, ...options });
}
