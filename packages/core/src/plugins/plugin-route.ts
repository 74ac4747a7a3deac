import type { z } from 'zod';
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
