import { definePluginRoute } from '@guanxi/core';
import { z } from 'zod';

const route = definePluginRoute();

/**
 * Served at /v1/teams/<team>/plugins/my-plugin/… to members of a team that has the plugin on,
 * and described in the API's OpenAPI document. The handler gets its parsed input and the
 * plugin's context for the team, the caller and their role.
 */
export const routes = [
  route({
    method: 'get',
    path: '/customers/count',
    operationId: 'countCustomers',
    summary: "Count the team's customers, up to 100",
    role: 'rep',
    responses: {
      200: {
        description: 'How many customers, and whether there are more than 100',
        schema: z.strictObject({ customers: z.number().int(), more: z.boolean() }),
      },
    },
    handler: async (_input, { ctx }) => {
      const page = await ctx.core.customers.list(ctx.teamId, { limit: 100 });
      return { status: 200, body: { customers: page.items.length, more: page.next !== null } };
    },
  }),
];
