import type { z } from 'zod';
import { GuanxiError } from '../errors';
import type { PluginContext } from '../hooks/hook-types';
import type { Role } from '../storage/schema';
import type { Locale } from './define-plugin';

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a plugin route's handler receives beside its input. */
export interface PluginRouteEnv<TConfig = unknown> {
  /** The plugin's context for the caller's team, bound to the request's transaction. */
  readonly ctx: PluginContext<TConfig>;
  /** Who is calling, for audit (`user:12`). */
  readonly actor: string;
  readonly role: Role;
  /** The language the caller reads. */
  readonly locale: Locale;
}

/** One answer a route may give. A status of 400 or more without a schema is a problem document. */
export interface PluginRouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
}

export type PluginRouteResponses = Readonly<Record<number, PluginRouteResponse>>;

/** Path and query parameters arrive as a flat object of strings. */
type ParamsSchema = z.ZodObject;

export interface PluginRouteRequest<
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
> {
  /** One entry for each `{name}` of the path. */
  readonly params?: P;
  readonly query?: Q;
  /** The JSON body; a blank body is parsed as `undefined`. */
  readonly body?: B;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The input as the route's schemas parsed it. */
export interface PluginRouteInput<P, Q, B> {
  readonly params: Parsed<P>;
  readonly query: Parsed<Q>;
  readonly body: Parsed<B>;
}

/** One of the answers the route declares, with a body of that answer's schema. */
export type PluginRouteReply<R extends PluginRouteResponses> = {
  [S in keyof R & number]: R[S] extends { readonly schema: infer T extends z.ZodType }
    ? { readonly status: S; readonly body: z.output<T> }
    : { readonly status: S; readonly body?: undefined };
}[keyof R & number];

/** What a plugin route is, beside its input and answers. */
interface PluginRouteInfo {
  readonly method: RouteMethod;
  /** Relative to the plugin, with OpenAPI parameters: `/rewards/{rewardId}`. */
  readonly path: string;
  /** Unique within the plugin; the document prefixes it with the plugin's id. */
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** The least role in the team that may call it. */
  readonly role: Role;
}

/**
 * One route of a plugin, served by the server at /v1/teams/<team>/plugins/<id><path> and
 * described in its OpenAPI document: data and zod schemas, no HTTP library.
 */
export interface PluginRouteDefinition<
  TConfig,
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
  R extends PluginRouteResponses,
> extends PluginRouteInfo {
  readonly request?: PluginRouteRequest<P, Q, B>;
  /** Every answer the route gives on purpose, by status; errors it throws become problems. */
  readonly responses: R;
  handler(
    input: PluginRouteInput<P, Q, B>,
    env: PluginRouteEnv<TConfig>,
  ): Promise<PluginRouteReply<NoInfer<R>>>;
}

/** A route of any input, as a plugin lists it and the server serves it. */
export interface PluginRoute<TConfig = unknown> extends PluginRouteInfo {
  readonly request?: PluginRouteRequest<ParamsSchema, ParamsSchema, z.ZodType>;
  readonly responses: PluginRouteResponses;
  handler(
    input: { readonly params: unknown; readonly query: unknown; readonly body: unknown },
    env: PluginRouteEnv<TConfig>,
  ): Promise<PluginReply>;
}

/**
 * The route definer for a plugin of this config: `const route = definePluginRoute<MyConfig>()`,
 * then `route({ … })` types each handler's input by the route's own schemas.
 */
export function definePluginRoute<TConfig = unknown>() {
  return <
    P extends ParamsSchema | undefined = undefined,
    Q extends ParamsSchema | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends PluginRouteResponses = PluginRouteResponses,
  >(
    definition: PluginRouteDefinition<TConfig, P, Q, B, R>,
  ): PluginRoute<TConfig> => definition as unknown as PluginRoute<TConfig>;
}

/** What serving a plugin route answered. */
export interface PluginReply {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * Checks a plugin's routes when the core starts: each `operationId` and each method and path
 * once, and a `params` schema entry for exactly the path's parameters. GX_ERR_PLUGIN_INVALID.
 */
export function checkRoutes(pluginId: string, routes: readonly PluginRoute[]): void {
  const fail = (message: string, path: string) => {
    throw new GuanxiError('GX_ERR_PLUGIN_INVALID', `Plugin ${pluginId}: ${message}`, {
      issues: [{ path, message }],
      details: { plugin: pluginId },
    });
  };
  const seen = new Set<string>();
  routes.forEach((route, i) => {
    for (const key of [route.operationId, `${route.method} ${route.path}`]) {
      if (seen.has(key)) fail(`route ${key} is defined twice`, `routes.${i}`);
      seen.add(key);
    }
    const named = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
    const parsed = Object.keys(route.request?.params?.shape ?? {}).sort();
    if (named.join() !== parsed.join()) {
      fail(
        `route ${route.operationId} has path parameters ${named.join(', ') || 'none'} but params for ${parsed.join(', ') || 'none'}`,
        `routes.${i}.request.params`,
      );
    }
  });
}
