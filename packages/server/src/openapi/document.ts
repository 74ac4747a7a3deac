import type { AnyPlugin } from '@guanxi/core';

const DESCRIPTION = `The Guanxi CRM API: customers, their lifecycle, orders and interactions, the
customer card, teams and API keys, webhooks, and the routes of each installed plugin.

Authenticate with \`Authorization: Bearer <api key>\` (an admin creates keys for the members of
a team). Send \`Accept-Language: zh-CN\` for Simplified Chinese labels; English is the default.

Every error is an RFC 9457 problem document (\`application/problem+json\`) with a \`code\`
(\`GX_ERR_…\`) and, for bad input, \`errors[]\` naming each field by \`path\` and JSON \`pointer\`.
A team, customer or other record of a team the caller is not in answers 404, never 403.

Each API key has a rate limit: every answer to a keyed request carries \`RateLimit-Policy\` and
\`RateLimit\` (draft-ietf-httpapi-ratelimit-headers), and a request over the limit answers 429
with \`Retry-After\`.`;

const TAGS = [
  ['Teams', 'The caller, teams and their members'],
  ['API keys', 'Members’ API keys; a key is shown once, when made'],
  ['Customers', 'People and companies, their identities (e-mails, domains, phones) and facts'],
  ['Lifecycle', 'Stages: potential, target, active, churned, non-customer'],
  ['Orders', 'Orders, idempotent by external id'],
  ['Interactions', 'Contacts with a customer: mail, calls, visits'],
  ['Context', 'The customer card, as the browser extension shows it'],
  ['Plugins', 'Plugins per team, and plugin handlers that failed'],
  ['Audit', 'Who changed what'],
  ['Privacy', 'A customer’s export and erasure'],
  ['Webhooks', 'Events sent to other systems'],
  ['Meta', 'This document and its viewer'],
] as const;

/** The document's own parts; the paths come from the route definitions. */
export function documentConfig(serverUrl: string, plugins: readonly AnyPlugin[]) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guanxi API',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'The operators of this Guanxi server', url: `${serverUrl}/admin` },
    },
    servers: [{ url: serverUrl, description: 'This Guanxi server' }],
    tags: [
      ...TAGS.map(([name, description]) => ({ name, description })),
      ...plugins
        .filter((plugin) => (plugin.routes ?? []).length > 0)
        .map((plugin) => ({
          name: plugin.id,
          description: plugin.description ?? `The ${plugin.id} plugin’s routes`,
        })),
    ],
  };
}
