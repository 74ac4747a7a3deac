import type { CardLookup } from '@guanxi/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { httpError } from '../problem';
import { validate } from '../validate';
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

/**
 * The customer card for an e-mail, domain, phone or id, in the caller's language: the
 * extension's hot path. Without teamId, the caller's teams are tried in id order.
 */
export function contextRoutes(doc: ApiDoc) {
  doc.add({
    method: 'get',
    path: '/v1/context',
    summary: 'The customer card',
    tag: 'Context',
    role: 'any',
    query: contextQuery,
  });

  return new Hono<AppEnv>().get('/context', validate('query', contextQuery), async (c) => {
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
        return c.body(`{"teamId":${teamId},"match":"${result.match}","card":${result.json}}`);
      }
    }
    throw httpError(404, 'GX_ERR_NOT_FOUND', 'No customer matches in your teams');
  });
}
