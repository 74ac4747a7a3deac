import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';
import { CSS_HASH } from './styles';

/** Pages run no script at all and style only from the console's own stylesheet. */
export function adminSecurityHeaders() {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: [`'${CSS_HASH}'`],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
    createMiddleware<AppEnv>(async function noStore(c, next) {
      await next();
      c.header('Cache-Control', 'no-store');
    }),
  ];
}
