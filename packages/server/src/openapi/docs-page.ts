import { html } from 'hono/html';
import type { ApiDoc } from './api-doc';

/** A plain, self-contained page listing every route; the full schemas are in /v1/openapi.json. */
export function docsPage(doc: ApiDoc) {
  const tags = [...new Set(doc.routes.map((r) => r.tag))];
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Guanxi API</title>
    <style>
      body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d2733; }
      code { background: #f1f3f6; padding: 0 .3em; border-radius: 3px; }
      td { padding: .25rem .75rem .25rem 0; vertical-align: top; }
      .m { font-weight: 600; text-transform: uppercase; font-size: 12px; }
    </style>
  </head>
  <body>
    <h1>Guanxi API</h1>
    <p>Send <code>Authorization: Bearer &lt;api key&gt;</code>. Errors are RFC 9457 problem documents
      naming each bad field. Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).</p>
    ${tags.map(
      (tag) => html`<h2>${tag}</h2>
        <table>
          ${doc.routes
            .filter((r) => r.tag === tag)
            .map(
              (r) => html`<tr>
                <td class="m">${r.method}</td>
                <td><code>${r.path}</code></td>
                <td>${r.summary}${r.role === 'manager' || r.role === 'admin' ? html` <em>(${r.role})</em>` : ''}</td>
              </tr>`,
            )}
        </table>`,
    )}
  </body>
</html>`;
}
