import type { Role } from '@guanxi/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { actorOf, requireRole, roleIn, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { httpError } from '../problem';
import { validate } from '../validate';
import { idParam, teamParams } from './params';

const pluginParams = z.object({
  teamId: idParam,
  pluginId: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a plugin id'),
});
const settingsBody = z
  .strictObject({
    enabled: z.boolean().optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((body) => body.enabled !== undefined || body.config !== undefined, {
    message: 'give enabled, config or both',
  });
const failureParams = z.object({ teamId: idParam, failureId: idParam });
const failuresQuery = z.strictObject({ pending: z.enum(['true', 'false']).optional() });
const auditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Modules per team and their own routes, hook failures and the audit log. */
export function pluginRoutes(doc: ApiDoc) {
  doc.add({
    method: 'get',
    path: '/v1/teams/{teamId}/plugins',
    summary: 'Installed plugins and this team’s settings',
    tag: 'Plugins',
    role: 'rep',
  });
  doc.add({
    method: 'put',
    path: '/v1/teams/{teamId}/plugins/{pluginId}',
    summary: 'Turn a plugin on or off, or configure it, for this team',
    params: z.object({ pluginId: pluginParams.shape.pluginId }),
    tag: 'Plugins',
    role: 'admin',
    body: settingsBody,
  });
  doc.add({
    method: 'get',
    path: '/v1/teams/{teamId}/hook-failures',
    summary: 'Plugin handlers that failed or overran',
    tag: 'Plugins',
    role: 'manager',
    query: failuresQuery,
  });
  doc.add({
    method: 'post',
    path: '/v1/teams/{teamId}/hook-failures/{failureId}/replay',
    summary: 'Run a failed handler again with its payload',
    tag: 'Plugins',
    role: 'admin',
  });
  doc.add({
    method: 'get',
    path: '/v1/teams/{teamId}/audit',
    summary: 'Who changed what, before and after',
    tag: 'Audit',
    role: 'manager',
    query: auditQuery,
  });

  return new Hono<AppEnv>()
    .get('/teams/:teamId/plugins', validate('param', teamParams), async (c) => {
      const teamId = teamIdOf(c);
      const plugins = await Promise.all(
        c.var.core.plugins.list().map(async (plugin) => ({
          ...plugin,
          ...(await c.var.core.plugins.settings(teamId, plugin.id)),
        })),
      );
      return c.json({ plugins });
    })
    .put(
      '/teams/:teamId/plugins/:pluginId',
      requireRole('admin'),
      validate('param', pluginParams),
      validate('json', settingsBody),
      async (c) => {
        const { pluginId } = c.req.valid('param');
        const setting = await c.var.core.plugins.change(teamIdOf(c), pluginId, {
          ...c.req.valid('json'),
          actor: actorOf(c),
        });
        return c.json({ id: pluginId, ...setting });
      },
    )
    .get(
      '/teams/:teamId/hook-failures',
      requireRole('manager'),
      validate('param', teamParams),
      validate('query', failuresQuery),
      async (c) => {
        const failures = await c.var.core.hookFailures.list(teamIdOf(c), {
          pending: c.req.valid('query').pending === 'true',
        });
        return c.json({ failures });
      },
    )
    .post(
      '/teams/:teamId/hook-failures/:failureId/replay',
      requireRole('admin'),
      validate('param', failureParams),
      async (c) => {
        const teamId = teamIdOf(c);
        const { failureId } = c.req.valid('param');
        const result = await c.var.core.hookFailures.replay(teamId, failureId);
        await c.var.core.audit.record({
          teamId,
          actor: actorOf(c),
          action: 'hook.replayed',
          entity: 'hook_failure',
          entityId: failureId,
          after: result,
        });
        return c.json(result);
      },
    )
    .get(
      '/teams/:teamId/audit',
      requireRole('manager'),
      validate('param', teamParams),
      validate('query', auditQuery),
      async (c) => {
        return c.json({
          entries: await c.var.core.audit.list(teamIdOf(c), c.req.valid('query').limit),
        });
      },
    )
    .all(
      '/teams/:teamId/plugins/:pluginId/:path{.+}',
      validate('param', pluginParams),
      async (c) => {
        const teamId = teamIdOf(c);
        const { pluginId } = c.req.valid('param');
        const url = new URL(c.req.url);
        url.pathname = url.pathname.slice(`/v1/teams/${teamId}/plugins/${pluginId}`.length);
        const response = await c.var.core.plugins.serve(
          teamId,
          pluginId,
          new Request(url, c.req.raw),
          { actor: actorOf(c), role: roleIn(c.get('principal'), teamId) as Role },
        );
        if (response.status === 404 && !response.headers.get('content-type')?.includes('json')) {
          throw httpError(
            404,
            'GX_ERR_NOT_FOUND',
            `Plugin ${pluginId} has no route ${url.pathname}`,
          );
        }
        return response;
      },
    );
}
