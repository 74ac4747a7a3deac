import type { Role } from '@guanxi/core';
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { requireAdminOfAnyTeam, requireRole } from '../auth/team-access';
import type { AppEnv } from '../env';
import { checkResponse } from './check-response';
import { problemSchema } from './schemas/problem';

/**
 * Who may call a route: `public` needs no key, `signed-in` any valid key, `admin-anywhere`
 * a key of an admin of at least one team; a role is the least role in the path's team.
 */
export type Access = Role | 'public' | 'signed-in' | 'admin-anywhere';

const ACCESS_TEXT: Readonly<Record<Access, string>> = {
  public: 'Needs no API key.',
  'signed-in': 'Any valid API key.',
  'admin-anywhere': 'Needs the API key of an admin of at least one team.',
  rep: 'Any member of the team (rep, manager or admin).',
  manager: 'Needs the manager or admin role in the team.',
  admin: 'Needs the admin role in the team.',
};

/** An answer that is a problem document. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

const text = (description: string) => ({ description, schema: { type: 'string' as const } });

/** The fields the rate limit sets on a refusal (draft-ietf-httpapi-ratelimit-headers). */
const RATE_LIMIT_HEADERS = {
  'Retry-After': {
    description: 'Seconds until the key may send its next request',
    schema: { type: 'integer' as const, minimum: 1 },
  },
  RateLimit: text('`"api-key";r=0;t=<seconds>`: no request left, and when the next one is'),
  'RateLimit-Policy': text('`"api-key";q=<burst>;w=<seconds>`: the key’s limit'),
};

/** The problems a route answers before its handler runs. */
export const PROBLEMS = {
  invalid: problem('Invalid input; `errors` names each bad field'),
  unauthenticated: problem('No valid API key'),
  forbidden: problem('The caller’s role is too low'),
  notFound: problem('Not found, or another team’s'),
  tooLarge: problem('The body is larger than the server accepts (1 MiB by default)'),
  notJson: problem('A body sent as something other than `application/json`'),
  rateLimited: {
    ...problem('Too many requests with this API key (GX_ERR_RATE_LIMITED)'),
    headers: RATE_LIMIT_HEADERS,
  },
};

/** The problems every route of this access and input can answer, beside its own. */
function standardProblems(access: Access, config: RouteConfig) {
  const reads = config.request !== undefined;
  const inTeam = config.path.includes('{teamId}');
  return {
    ...(reads ? { 400: PROBLEMS.invalid } : {}),
    ...(config.request?.body !== undefined
      ? { 413: PROBLEMS.tooLarge, 415: PROBLEMS.notJson }
      : {}),
    ...(access === 'public' ? {} : { 401: PROBLEMS.unauthenticated }),
    ...(access === 'manager' || access === 'admin' || access === 'admin-anywhere'
      ? { 403: PROBLEMS.forbidden }
      : {}),
    ...(inTeam || config.request?.params !== undefined ? { 404: PROBLEMS.notFound } : {}),
    ...(access === 'public' ? {} : { 429: PROBLEMS.rateLimited }),
  };
}

/** A refusal the route declares by its description alone is a problem document. */
export function asProblems(responses: RouteConfig['responses']): RouteConfig['responses'] {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) =>
      Number(status) >= 400 && !('content' in response) && 'description' in response
        ? [status, problem(String(response.description))]
        : [status, response],
    ),
  );
}

function accessCheck(access: Access): MiddlewareHandler<AppEnv>[] {
  if (access === 'public' || access === 'signed-in') return [];
  if (access === 'admin-anywhere') return [requireAdminOfAnyTeam()];
  return [requireRole(access)];
}

/** What an operation says about who may call it, for the document and its readers. */
export function accessDoc(access: Access, description: string | undefined) {
  return {
    description: [description, ACCESS_TEXT[access]].filter(Boolean).join('\n\n'),
    security: access === 'public' ? [] : [{ apiKey: [] }],
    'x-guanxi-role': access,
  };
}

export interface RouteDefinition extends Omit<RouteConfig, 'responses'> {
  readonly role: Access;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: [string];
  readonly responses: RouteConfig['responses'];
}

/**
 * One route, defined once: from `role` come both the check that runs before validation and
 * what the document says about it; the problems it can answer are added to its responses.
 */
export function defineRoute<const R extends RouteDefinition>(definition: R) {
  const { role, ...config } = definition;
  const responses = { ...standardProblems(role, config), ...asProblems(config.responses) };
  return createRoute({
    ...config,
    ...accessDoc(role, config.description),
    responses,
    middleware: [checkResponse(config.operationId, responses), ...accessCheck(role)],
  }) as unknown as Omit<R, 'role'>;
}

/** An answer with a JSON body of this schema, and an example of it if given. */
export function json<S extends z.ZodType>(description: string, schema: S, example?: z.input<S>) {
  return {
    description,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  } as const;
}

/** A required JSON request body of this schema, and an example of it if given. */
export function body<S extends z.ZodType>(schema: S, example?: z.input<S>) {
  return {
    required: true,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  } as const;
}
