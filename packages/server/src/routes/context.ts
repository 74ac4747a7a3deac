import type { AnyPlugin, CardLookup } from '@guanxi/core';
import { z } from 'zod';
import { defineRoute, json } from '../openapi/define-route';
import { contextExample, contextSchema } from '../openapi/schemas/card';
import { httpError } from '../problem';
import { routesApp } from '../validate';
import { idParam } from './params';

const contextQuery = z
  .strictObject({
    email: z.string().max(254).optional(),
    domain: z.string().max(253).optional(),
    phone: z.string().max(40).optional(),
    customerId: idParam.optional(),
    teamId: idParam.optional(),
  })
  .refine(
    (q) => [q.email, q.domain, q.phone, q.customerId].filter((v) => v !== undefined).length === 1,
    {
      message: 'give exactly one of email, domain, phone or customerId',
    },
  );

function lookupOf(query: z.output<typeof contextQuery>): CardLookup {
  if (query.email !== undefined) return { email: query.email };
  if (query.domain !== undefined) return { domain: query.domain };
  if (query.phone !== undefined) return { phone: query.phone };
  return { customerId: query.customerId as number };
}

/** The card's route, its card showing the slots the installed plugins fill. */
export function contextDefinition(plugins: readonly AnyPlugin[]) {
  return defineRoute({
    method: 'get',
    path: '/context',
    operationId: 'getContext',
    summary: 'The customer card',
    description:
      'The card for an e-mail, domain, phone or customer id, in the caller’s language. ' +
      'Without `teamId`, the caller’s teams are tried in id order.',
    tags: ['Context'],
    role: 'signed-in',
    request: { query: contextQuery },
    responses: {
      200: json('The card, and the team it was found in', contextSchema(plugins), contextExample),
      404: { description: 'No customer matches in the caller’s teams' },
    },
  });
}

/**
 * The customer card for an e-mail, domain, phone or id, in the caller's language: the
 * extension's hot path.
 */
export function contextRoutes(plugins: readonly AnyPlugin[]) {
  const route = contextDefinition(plugins);
  return routesApp().openapi(route, async (c) => {
    const query = c.req.valid('query');
    const { roles } = c.get('principal');
    if (query.teamId !== undefined && !roles.has(query.teamId)) {
      throw httpError(404, 'GX_ERR_NOT_FOUND', `No team ${query.teamId}`);
    }
    const teams =
      query.teamId !== undefined ? [query.teamId] : [...roles.keys()].sort((a, b) => a - b);
    const lookup = lookupOf(query);
    for (const teamId of teams) {
      const result = await c.get('core').context.cardText(teamId, lookup, c.get('locale'));
      if (result !== undefined) {
        c.header('Content-Language', c.get('locale'));
        c.header('Content-Type', 'application/json');
        // The card is kept as JSON text and sent as it is, unparsed, so it cannot be typed as
        // the schema's; checkResponses parses it against the schema in tests.
        return c.body(
          `{"teamId":${teamId},"match":"${result.match}","card":${result.json}}`,
          200,
        ) as never;
      }
    }
    throw httpError(404, 'GX_ERR_NOT_FOUND', 'No customer matches in your teams');
  });
}
