import type { Role } from '@guanxi/core';
import { z } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One route as the OpenAPI document describes it, built from the schemas it validates with. */
export interface RouteDoc {
  readonly method: Method;
  /** OpenAPI form: `/v1/teams/{teamId}/customers`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** The least role that may call it; `public` needs no key. */
  readonly role: Role | 'public' | 'any';
  /** Path parameters that are not positive integer ids. */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly status?: number;
  readonly response?: z.ZodType;
}

/** The routes of the API, collected as they are defined, and their OpenAPI 3.1 document. */
export class ApiDoc {
  readonly routes: RouteDoc[] = [];

  add(route: RouteDoc): void {
    this.routes.push(route);
  }

  document(info: { title: string; version: string }) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.routes) {
      paths[route.path] ??= {};
      (paths[route.path] as Record<string, unknown>)[route.method] = operation(route);
    }
    return {
      openapi: '3.1.0',
      info: {
        ...info,
        description:
          'Guanxi CRM API. Authenticate with `Authorization: Bearer <api key>`. Errors are RFC 9457 problem documents naming each bad field.',
      },
      paths,
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
        schemas: { Problem: jsonSchema(problemSchema) },
      },
    };
  }
}

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string(),
  errors: z
    .array(z.object({ path: z.string(), pointer: z.string(), detail: z.string() }))
    .optional(),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output') {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function operation(route: RouteDoc) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => {
    const own = route.params?.shape[name] as z.ZodType | undefined;
    return {
      name,
      in: 'path',
      required: true,
      schema: own === undefined ? { type: 'integer', minimum: 1 } : jsonSchema(own, 'input'),
    };
  });
  const queryParams = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(schema as z.ZodType, 'input'),
  }));
  const problem = {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
  };
  return {
    summary: route.summary,
    tags: [route.tag],
    ...(route.role === 'public' ? { security: [] } : { security: [{ apiKey: [] }] }),
    ...(route.role === 'public' || route.role === 'any'
      ? {}
      : { description: `Requires the ${route.role} role (or higher) in the team.` }),
    parameters: [...pathParams, ...queryParams],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.status ?? 200)]: {
        description: 'Success',
        ...(route.response
          ? { content: { 'application/json': { schema: jsonSchema(route.response) } } }
          : {}),
      },
      ...(route.body || route.query
        ? { 400: { description: 'Invalid input', content: problem } }
        : {}),
      ...(route.role === 'public'
        ? {}
        : { 401: { description: 'No valid API key', content: problem } }),
      ...(route.role === 'manager' || route.role === 'admin'
        ? { 403: { description: 'Role too low', content: problem } }
        : {}),
      404: { description: 'Not found, or another team’s', content: problem },
    },
  };
}
