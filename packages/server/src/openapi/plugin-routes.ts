import { type AnyPlugin, type PluginRoute, type Role, readJsonBody } from '@guanxi/core';
import type { RouteConfig } from '@hono/zod-openapi';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { actorOf, roleIn, teamIdOf } from '../auth/team-access';
import { idParam } from '../routes/params';
import { routesApp } from '../validate';
import { checkResponse } from './check-response';
import { accessDoc, asProblems, PROBLEMS, problem } from './define-route';

/** `loyalty` + `listRewards` → `loyaltyListRewards`: unique across plugins, safe in code. */
function operationIdOf(pluginId: string, operationId: string): string {
  const camel = pluginId.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return `${camel}${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}`;
}

function responsesOf(route: PluginRoute): RouteConfig['responses'] {
  const own = Object.fromEntries(
    Object.entries(route.responses).map(([status, { description, schema }]) => [
      status,
      schema === undefined
        ? { description }
        : { description, content: { 'application/json': { schema } } },
    ]),
  );
  return {
    400: PROBLEMS.invalid,
    401: PROBLEMS.unauthenticated,
    ...(route.role === 'rep' ? {} : { 403: PROBLEMS.forbidden }),
    404: PROBLEMS.notFound,
    ...(route.request?.body === undefined ? {} : { 413: PROBLEMS.tooLarge }),
    409: problem('The plugin is off for the team (GX_ERR_PLUGIN_DISABLED)'),
    429: PROBLEMS.rateLimited,
    ...asProblems(own),
  };
}

/** The plugin's route as an OpenAPI operation under /teams/{teamId}/plugins/<id>/. */
export function pluginRouteConfig(pluginId: string, route: PluginRoute): RouteConfig {
  const body = route.request?.body;
  return {
    method: route.method,
    path: `/teams/{teamId}/plugins/${pluginId}${route.path}`,
    operationId: operationIdOf(pluginId, route.operationId),
    summary: route.summary,
    tags: [pluginId],
    ...accessDoc(route.role, route.description),
    request: {
      params: z.object({ teamId: idParam, ...route.request?.params?.shape }),
      ...(route.request?.query === undefined ? {} : { query: route.request.query }),
      ...(body === undefined
        ? {}
        : {
            body: {
              required: !body.safeParse(undefined).success,
              content: { 'application/json': { schema: body } },
            },
          }),
    },
    responses: responsesOf(route),
  };
}

/**
 * Every installed plugin's routes, in the document and served: each request goes to
 * `core.plugins.serve`, which checks the team has the plugin on and the caller's role, parses
 * the input with the route's schemas and runs the handler in one transaction.
 */
export function pluginApiRoutes(plugins: readonly AnyPlugin[]) {
  const app = routesApp();
  for (const plugin of plugins) {
    for (const route of plugin.routes ?? []) {
      const config = pluginRouteConfig(plugin.id, route);
      app.openAPIRegistry.registerPath(config);
      const path = config.path.replace(/\{(\w+)\}/g, ':$1');
      app.on(
        route.method.toUpperCase(),
        path,
        checkResponse(String(config.operationId), config.responses),
        async (c) => {
          const teamId = teamIdOf(c);
          const { teamId: _team, ...params } = c.req.param() as Record<string, string>;
          const body =
            route.request?.body === undefined
              ? undefined
              : await readJsonBody(c.req.raw, { empty: undefined });
          const reply = await c.get('core').plugins.serve(
            teamId,
            plugin.id,
            route.operationId,
            { params, query: c.req.query(), body },
            {
              actor: actorOf(c),
              role: roleIn(c.get('principal'), teamId) as Role,
              locale: c.get('locale'),
            },
          );
          return reply.body === undefined
            ? c.body(null, reply.status as StatusCode)
            : c.json(reply.body, reply.status as ContentfulStatusCode);
        },
      );
    }
  }
  return app;
}
