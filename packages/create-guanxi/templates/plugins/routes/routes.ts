import type { PluginRouteEnv } from '@guanxi/core';
import { Hono } from 'hono';

/**
 * Served at /v1/teams/<team>/plugins/my-plugin/… to members of a team that has the plugin
 * on; `c.env` holds the plugin's context for the team, the caller and their role.
 */
export const routes = new Hono<{ Bindings: PluginRouteEnv }>()
  .get('/customers/count', async (c) => {
    const { ctx } = c.env;
    const page = await ctx.core.customers.list(ctx.teamId, { limit: 100 });
    return c.json({ customers: page.items.length, more: page.next !== null });
  })
  // Errors go to the server, which answers with a problem document naming the bad fields.
  .onError((error) => {
    throw error;
  });
