import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';
import { problemResponse } from '../problem';

/** The viewer's files the page loads, served from the installed package: no CDN. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** Starts the viewer on the document; a file of its own, so the page runs no inline script. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#api', deepLinking: true });
});
`;

const assetDir = () =>
  dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** What the docs page may load: its own files and the document, nothing else. */
export function docsSecurityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    referrerPolicy: 'same-origin',
  });
}

/** Swagger UI on /v1/openapi.json. */
export const docsPageHtml = () => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Guanxi API</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/v1/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="api"></div>
    <noscript>The API as OpenAPI 3.1: <a href="/v1/openapi.json">/v1/openapi.json</a>.</noscript>
    <script src="/v1/docs/swagger-ui-bundle.js"></script>
    <script src="/v1/docs/init.js"></script>
  </body>
</html>`;

/** The page's script and the viewer's files, at /v1/docs/<file>. */
export function docsAssets() {
  const files = new Map<string, Promise<Buffer>>();
  const read = (name: string) => {
    let file = files.get(name);
    if (file === undefined) {
      file = readFile(join(assetDir(), name));
      files.set(name, file);
    }
    return file;
  };
  return new Hono<AppEnv>()
    .get('/init.js', (c) =>
      c.body(INIT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
    )
    .get('/:file', async (c) => {
      const name = c.req.param('file');
      const type = ASSETS[name];
      if (type === undefined) {
        return problemResponse(c, {
          status: 404,
          code: 'GX_ERR_NOT_FOUND',
          detail: `No file ${name} in the API docs`,
        });
      }
      return c.body(new Uint8Array(await read(name)), 200, {
        'content-type': type,
        'cache-control': 'public, max-age=86400',
      });
    });
}
