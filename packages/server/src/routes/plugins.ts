import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import { body, defineRoute, json } from '../openapi/define-route';
import { listOf } from '../openapi/schemas/common';
import {
  auditEntrySchema,
  hookFailureSchema,
  pluginEntrySchema,
  pluginSettingSchema,
  replayResultSchema,
} from '../openapi/schemas/plugins';
import { routesApp } from '../validate';
import { idParam, teamParams } from './params';

export const pluginIdParam = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a plugin id');
const pluginParams = z.object({ teamId: idParam, pluginId: pluginIdParam });
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

export const pluginDefinitions = {
  list: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/plugins',
    operationId: 'listPlugins',
    summary: 'Installed plugins and this team’s settings',
    tags: ['Plugins'],
    role: 'rep',
    request: { params: teamParams },
    responses: {
      200: json('Every installed plugin', z.strictObject({ plugins: listOf(pluginEntrySchema) })),
    },
  }),
  change: defineRoute({
    method: 'put',
    path: '/teams/{teamId}/plugins/{pluginId}',
    operationId: 'changePluginSettings',
    summary: 'Turn a plugin on or off, or configure it, for this team',
    tags: ['Plugins'],
    role: 'admin',
    request: { params: pluginParams, body: body(settingsBody) },
    responses: { 200: json('The team’s settings for the plugin', pluginSettingSchema) },
  }),
  failures: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/hook-failures',
    operationId: 'listHookFailures',
    summary: 'Plugin handlers that failed or overran',
    tags: ['Plugins'],
    role: 'manager',
    request: { params: teamParams, query: failuresQuery },
    responses: {
      200: json('Failures, newest first', z.strictObject({ failures: listOf(hookFailureSchema) })),
    },
  }),
  replay: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/hook-failures/{failureId}/replay',
    operationId: 'replayHookFailure',
    summary: 'Run a failed handler again with its payload',
    tags: ['Plugins'],
    role: 'admin',
    request: { params: failureParams },
    responses: {
      200: json('Whether the handler succeeded this time', replayResultSchema),
      409: { description: 'Replayed already, or the plugin is off for the team' },
    },
  }),
  audit: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/audit',
    operationId: 'listAudit',
    summary: 'Who changed what, before and after',
    tags: ['Audit'],
    role: 'manager',
    request: { params: teamParams, query: auditQuery },
    responses: {
      200: json('Entries, newest first', z.strictObject({ entries: listOf(auditEntrySchema) })),
    },
  }),
};

const d = pluginDefinitions;

/** Modules per team, hook failures and the audit log. */
export function pluginRoutes() {
  return routesApp()
    .openapi(d.list, async (c) => {
      const teamId = teamIdOf(c);
      const plugins = await Promise.all(
        c.var.core.plugins.list().map(async (plugin) => ({
          ...plugin,
          ...(await c.var.core.plugins.settings(teamId, plugin.id)),
        })),
      );
      return c.json({ plugins }, 200);
    })
    .openapi(d.change, async (c) => {
      const { pluginId } = c.req.valid('param');
      const setting = await c.var.core.plugins.change(teamIdOf(c), pluginId, {
        ...c.req.valid('json'),
        actor: actorOf(c),
      });
      return c.json({ id: pluginId, ...setting }, 200);
    })
    .openapi(d.failures, async (c) => {
      const failures = await c.var.core.hookFailures.list(teamIdOf(c), {
        pending: c.req.valid('query').pending === 'true',
      });
      return c.json({ failures }, 200);
    })
    .openapi(d.replay, async (c) => {
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
      return c.json(result, 200);
    })
    .openapi(d.audit, async (c) => {
      const entries = await c.var.core.audit.list(teamIdOf(c), c.req.valid('query').limit);
      return c.json({ entries }, 200);
    });
}
