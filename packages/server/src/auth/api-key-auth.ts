import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { httpError } from '../problem';

/** Resolves `Authorization: Bearer <key>` to a principal; anything else is a 401. */
export function apiKeyAuth() {
  return createMiddleware<AppEnv>(async function apiKeyAuth(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match === null) {
      throw httpError(
        401,
        'GX_ERR_UNAUTHENTICATED',
        'Send an API key as "Authorization: Bearer <key>"',
      );
    }
    const principal = await c.get('core').apiKeys.authenticate(match[1] as string);
    if (principal === undefined) {
      throw httpError(401, 'GX_ERR_UNAUTHENTICATED', 'This API key is unknown or has been revoked');
    }
    c.set('principal', principal);
    await next();
  });
}
