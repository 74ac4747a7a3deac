import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { problemResponse } from '../problem';

const JSON_TYPE = /^application\/([a-z.-]+\+)?json$/;

/** Why an answer does not match what the route declares, or undefined when it does. */
async function mismatch(res: Response, responses: RouteConfig['responses']) {
  const declared = responses[res.status];
  if (declared === undefined || !('description' in declared)) {
    return `status ${res.status} is not declared`;
  }
  const text = await res.clone().text();
  if (!('content' in declared) || declared.content === undefined) {
    return text === '' ? undefined : `status ${res.status} declares no body but has one`;
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const media = (declared.content as Record<string, { schema?: unknown } | undefined>)[type];
  if (media === undefined) return `content type ${type} is not declared for ${res.status}`;
  if (!JSON_TYPE.test(type) || !(media.schema instanceof z.ZodType)) return undefined;
  const parsed = media.schema.safeParse(JSON.parse(text));
  return parsed.success ? undefined : z.prettifyError(parsed.error);
}

/**
 * With `checkResponses` on (tests turn it on), every answer below 500 must be one the route
 * declares, its body parsing with the declared schema; one that is not becomes a 500 saying
 * why, so the document cannot say one thing while the route does another.
 */
export function checkResponse(
  operationId: string,
  responses: RouteConfig['responses'],
): MiddlewareHandler<AppEnv> {
  return async function checkResponse(c, next) {
    await next();
    if (!c.get('checkResponses') || c.res.status >= 500) return;
    const why = await mismatch(c.res, responses);
    if (why === undefined) return;
    c.res = problemResponse(c, {
      status: 500,
      code: 'GX_ERR_CONTRACT',
      detail: `${operationId} answered what its definition does not say: ${why}`,
    });
  };
}
