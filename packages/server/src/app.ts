import type { Core } from '@guanxi/core';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { z } from 'zod';
import { adminRoutes } from './admin';
import type { ConsoleOptions } from './admin/options';
import { apiKeyAuth } from './auth/api-key-auth';
import { member } from './auth/team-access';
import { describeBacklog } from './deferred/deferred-worker';
import type { AppEnv } from './env';
import { createLogger } from './logger';
import { locale } from './middleware/locale';
import { type RateLimitOptions, rateLimit } from './middleware/rate-limit';
import { defineRoute, json } from './openapi/define-route';
import { docsAssets, docsPageHtml, docsSecurityHeaders } from './openapi/docs-page';
import { documentConfig } from './openapi/document';
import { pluginApiRoutes } from './openapi/plugin-routes';
import { onError, problemResponse } from './problem';
import { contextRoutes } from './routes/context';
import { customerRoutes } from './routes/customers';
import { orderRoutes } from './routes/orders';
import { pluginRoutes } from './routes/plugins';
import { privacyRoutes } from './routes/privacy';
import { teamRoutes } from './routes/teams';
import { webhookRoutes } from './routes/webhooks';
import { routesApp } from './validate';

export interface AppOptions {
  readonly logger?: Logger;
  /** Origins allowed to call the API from a browser, such as the extension's. */
  readonly corsOrigins?: readonly string[];
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  readonly bodyLimitBytes?: number;
  /** Requests per API key: default 1,200 a minute with bursts of 200. */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Checks every answer against what its route declares (status, content type, body schema);
   * a mismatch becomes a 500 saying why. For tests: it parses every body.
   */
  readonly checkResponses?: boolean;
  /** The console's sessions, allowed form origins and upload size. */
  readonly console?: ConsoleOptions;
}

/** The OpenAPI 3.1 document of an app, as /v1/openapi.json serves it. */
export type ApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

export interface GuanxiApp {
  readonly app: OpenAPIHono<AppEnv>;
  /** The document, with `serverUrl` (default `http://localhost:3000`) as its server. */
  document(serverUrl?: string): ApiDocument;
}

const documentRoute = defineRoute({
  method: 'get',
  path: '/v1/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This API as OpenAPI 3.1',
  tags: ['Meta'],
  role: 'public',
  responses: {
    200: json(
      'The document, with every installed plugin’s routes',
      z.looseObject({
        openapi: z.literal('3.1.0'),
        info: z.looseObject({}),
        paths: z.looseObject({}),
      }),
    ),
  },
});

const docsRoute = defineRoute({
  method: 'get',
  path: '/v1/docs',
  operationId: 'getApiDocs',
  summary: 'This API, to read and try in a browser',
  tags: ['Meta'],
  role: 'public',
  responses: {
    200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
  },
});

/** The HTTP face of a core. Pure: it opens no port, so tests call `app.request()`. */
export function createApp(core: Core, options: AppOptions = {}): GuanxiApp {
  const logger = options.logger ?? createLogger('silent');
  const app = routesApp();
  const checkResponses = options.checkResponses ?? false;
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
    c.set('checkResponses', checkResponses);
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
  const documents = new Map<string, ApiDocument>();
  // Built on first use, when every route is registered; one for each address it is asked at.
  const document = (serverUrl = 'http://localhost:3000') => {
    let built = documents.get(serverUrl);
    if (built === undefined) {
      built = app.getOpenAPI31Document(documentConfig(serverUrl, core.installed));
      documents.set(serverUrl, built);
    }
    return built;
  };
  // The document is typed by openapi3-ts, not by the loose schema that describes it.
  app.openapi(documentRoute, (c) => c.json(document(new URL(c.req.url).origin) as never, 200));
  app.use('/v1/docs', docsSecurityHeaders());
  app.use('/v1/docs/*', docsSecurityHeaders());
  app.openapi(docsRoute, (c) => c.html(docsPageHtml(), 200));
  app.route('/v1/docs', docsAssets());

  app.route('/admin', adminRoutes(options.console));
  app.use('/v1/*', apiKeyAuth(), rateLimit(options.rateLimit));
  app.use('/v1/teams/:teamId/*', member());
  app.route('/v1', teamRoutes());
  app.route('/v1', customerRoutes());
  app.route('/v1', privacyRoutes());
  app.route('/v1', orderRoutes());
  app.route('/v1', pluginRoutes());
  app.route('/v1', pluginApiRoutes(core.installed));
  app.route('/v1', contextRoutes(core.installed));
  app.route('/v1', webhookRoutes());
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer <key>`',
  });
  return { app, document };
}

/**
 * `createApp` as a test fixture wants it (`createTestApp({ dialect, app: appUnderTest() })`
 * from `@guanxi/testing`): the rate limit out of the way, since a test sends many requests
 * with one key, and every answer checked against its route's definition; other options as given.
 */
export function appUnderTest(options: AppOptions = {}): (core: Core) => GuanxiApp {
  return (core) =>
    createApp(core, {
      rateLimit: { perMinute: 1_000_000, burst: 1_000_000 },
      checkResponses: true,
      ...options,
    });
}
