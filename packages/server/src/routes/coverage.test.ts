import { createTestApp, expectJson, type TestApp, testDialects } from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: { type?: string } }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { description?: string; content?: unknown }>;
}

interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe.each(testDialects())('the API and its OpenAPI document agree on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let spec: OpenApi;

  beforeAll(async () => {
    a = await createTestApp({ dialect, app: appUnderTest() });
    spec = await expectJson<OpenApi>(await a.app.request('/v1/openapi.json'), 200);
  });
  afterAll(() => a.destroy());

  /** Every route Hono registered under /v1, in OpenAPI form, once each. */
  const registered = () =>
    new Set(
      a.app.routes
        .filter((route) => route.path.startsWith('/v1/') && route.method !== 'ALL')
        .map((route) => key(route.method, route.path.replace(/:(\w+)/g, '{$1}'))),
    );

  test('every registered route has exactly one doc entry and every doc entry a route', () => {
    const documented = a.doc.routes.map((route) => key(route.method, route.path));
    expect(documented.filter((entry, i) => documented.indexOf(entry) !== i)).toEqual([]);
    expect([...new Set(documented)].sort()).toEqual([...registered()].sort());
    expect(registered().size).toBeGreaterThan(30);
    for (const entry of registered()) expect(METHODS).toContain(entry.split(' ')[0]);
  });

  test('/v1/openapi.json is OpenAPI 3.1 with every documented operation and its responses', () => {
    expect(spec).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'Guanxi API', version: expect.any(String) },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    });
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.map(({ method, path }) => key(method, path)).sort()).toEqual(
      a.doc.routes.map((route) => key(route.method, route.path)).sort(),
    );
    for (const { path, operation } of operations) {
      expect(operation.summary, path).toEqual(expect.any(String));
      const responses = Object.entries(operation.responses ?? {});
      expect(responses.length, path).toBeGreaterThan(0);
      expect(
        responses.some(([status]) => /^2\d\d$/.test(status)),
        path,
      ).toBe(true);
      for (const [status, response] of responses) {
        expect(status, path).toMatch(/^[1-5]\d\d$/);
        expect(response.description, `${path} ${status}`).toEqual(expect.any(String));
      }
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
      expect(pathParams.map((p) => p.name)).toEqual(inPath);
    }
    const refs = [...JSON.stringify(spec).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)];
    for (const [, name] of refs) expect(spec.components.schemas).toHaveProperty(name as string);
  });

  test('path parameters are typed: ids as integers, plugin ids as strings', () => {
    const put = spec.paths['/v1/teams/{teamId}/plugins/{pluginId}']?.put;
    const types = Object.fromEntries((put?.parameters ?? []).map((p) => [p.name, p.schema?.type]));
    expect(types).toEqual({ teamId: 'integer', pluginId: 'string' });
  });

  test('every documented route with a body has a JSON schema for it', () => {
    const withBody = a.doc.routes.filter((route) => route.body !== undefined);
    expect(withBody.length).toBeGreaterThan(10);
    for (const route of withBody) {
      const operation = spec.paths[route.path]?.[route.method];
      const schema = operation?.requestBody?.content?.['application/json']?.schema;
      expect(schema, key(route.method, route.path)).toMatchObject({
        type: 'object',
        properties: expect.any(Object),
      });
      expect(Object.keys(schema?.properties ?? {}).length).toBeGreaterThan(0);
    }
  });

  test('a route reads a JSON body exactly when its doc entry has one', async () => {
    const writes = a.doc.routes.filter((route) => route.method !== 'get');
    const ids: Record<string, string> = { teamId: String(a.teamA), pluginId: 'no-such-plugin' };
    for (const route of writes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '999999');
      const res = await a.call('admin', route.method.toUpperCase(), path, { zzProbe: 1 });
      const body = (await res.json()) as { errors?: { path: string }[] };
      const readsBody = res.status === 400 && (body.errors ?? []).some((e) => e.path === 'zzProbe');
      expect(readsBody, key(route.method, route.path)).toBe(route.body !== undefined);
    }
  });

  test('the docs are public; the API behind them is not', async () => {
    const page = await a.app.request('/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/v1/openapi.json');
    const publicRoutes = a.doc.routes.filter((route) => route.role === 'public');
    expect(publicRoutes.map((route) => route.path).sort()).toEqual([
      '/v1/docs',
      '/v1/openapi.json',
    ]);
    for (const route of a.doc.routes.filter((r) => r.role !== 'public')) {
      expect(spec.paths[route.path]?.[route.method]?.security).toEqual([{ apiKey: [] }]);
    }
  });
});
