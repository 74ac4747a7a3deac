import { createTestApp, expectJson, type TestApp, testDialects } from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

interface Operation {
  operationId?: string;
  summary?: string;
  'x-guanxi-role'?: string;
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

  /** Every operation of the document, as `METHOD /path` with the operation. */
  const operations = () =>
    Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  /** Every route Hono registered under /v1 but the docs page's files, in OpenAPI form. */
  const registered = () =>
    new Set(
      a.app.routes
        .filter(
          (route) =>
            route.path.startsWith('/v1/') &&
            !route.path.startsWith('/v1/docs/') &&
            route.method !== 'ALL',
        )
        .map((route) => key(route.method, route.path.replace(/:(\w+)/g, '{$1}'))),
    );

  test('every registered route is one operation of the document and every operation a route', () => {
    const documented = operations().map(({ method, path }) => key(method, path));
    expect(documented.filter((entry, i) => documented.indexOf(entry) !== i)).toEqual([]);
    expect([...new Set(documented)].sort()).toEqual([...registered()].sort());
    expect(registered().size).toBeGreaterThan(30);
    for (const entry of registered()) expect(METHODS).toContain(entry.split(' ')[0]);
  });

  test('every operation has a unique operationId, its role, and a described 2xx body or a 204', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-zA-Z][a-zA-Z0-9]*$/.test(id))).toBe(
      true,
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of operations()) {
      const what = key(method, path);
      expect(operation['x-guanxi-role'], what).toMatch(
        /^(public|signed-in|admin-anywhere|rep|manager|admin)$/,
      );
      const success = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^2\d\d$/.test(status),
      );
      for (const [status, response] of success) {
        if (status === '204') expect(response.content, what).toBeUndefined();
        else expect(response.content, `${what} ${status}`).toEqual(expect.any(Object));
      }
    }
  });

  test('/v1/openapi.json is OpenAPI 3.1 with every documented operation and its responses', () => {
    expect(spec).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'Guanxi API', version: expect.any(String) },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    });
    for (const { path, operation } of operations()) {
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

  /** The JSON schema of an operation's request body, resolving a reference to a component. */
  const bodySchema = (operation: Operation) => {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    const ref = schema?.$ref;
    return typeof ref === 'string'
      ? (spec.components.schemas[ref.replace('#/components/schemas/', '')] as typeof schema)
      : schema;
  };

  test('every documented route with a body has a JSON schema for it', () => {
    const withBody = operations().filter(({ operation }) => operation.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(10);
    for (const { method, path, operation } of withBody) {
      const schema = bodySchema(operation);
      expect(schema, key(method, path)).toMatchObject({
        type: 'object',
        properties: expect.any(Object),
      });
      expect(Object.keys(schema?.properties ?? {}).length).toBeGreaterThan(0);
    }
  });

  test('a route reads a JSON body exactly when its operation has one', async () => {
    const writes = operations().filter(({ method }) => method !== 'get');
    const ids: Record<string, string> = { teamId: String(a.teamA), pluginId: 'no-such-plugin' };
    for (const { method, path: template, operation } of writes) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '999999');
      const res = await a.call('admin', method.toUpperCase(), path, { zzProbe: 1 });
      const body = (await res.json()) as { errors?: { path: string }[] };
      const readsBody = res.status === 400 && (body.errors ?? []).some((e) => e.path === 'zzProbe');
      expect(readsBody, key(method, template)).toBe(operation.requestBody !== undefined);
    }
  });

  test('the docs are public; the API behind them is not', async () => {
    const page = await a.app.request('/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/v1/openapi.json');
    const all = operations();
    const publicOnes = all.filter(({ operation }) => operation['x-guanxi-role'] === 'public');
    expect(publicOnes.map(({ path }) => path).sort()).toEqual(['/v1/docs', '/v1/openapi.json']);
    for (const { operation } of publicOnes) expect(operation.security).toEqual([]);
    for (const { operation } of all.filter((o) => !publicOnes.includes(o))) {
      expect(operation.security).toEqual([{ apiKey: [] }]);
    }
  });
});
