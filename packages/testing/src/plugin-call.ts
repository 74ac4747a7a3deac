import type { Core, PluginCaller } from '@guanxi/core';

/** The route's path as a pattern whose groups are its parameters. */
function matcher(template: string): RegExp {
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${pattern}$`);
}

/**
 * Calls a plugin's route in-process, as the API would for `METHOD /v1/teams/<team>/plugins/<id>
 * <pathAndQuery>`, through `core.plugins.serve`: its answer as a Response; a refusal rejects
 * with its error. For plugin tests that need no server.
 */
export async function callPluginRoute(
  core: Core,
  teamId: number,
  pluginId: string,
  method: string,
  pathAndQuery: string,
  body: unknown,
  caller: PluginCaller,
): Promise<Response> {
  const url = new URL(pathAndQuery, 'http://plugin.test');
  const plugin = core.installed.find((candidate) => candidate.id === pluginId);
  for (const route of plugin?.routes ?? []) {
    const match = matcher(route.path).exec(url.pathname);
    if (route.method !== method.toLowerCase() || match === null) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
    );
    const query = Object.fromEntries(url.searchParams);
    const reply = await core.plugins.serve(
      teamId,
      pluginId,
      route.operationId,
      { params, query, body },
      caller,
    );
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  }
  throw new Error(`plugin ${pluginId} has no route ${method} ${url.pathname}`);
}
