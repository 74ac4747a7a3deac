import {
  type FuzzOverride,
  fuzzRoutesOf,
  runsOn,
  type TestApp,
  testDialects,
  timeoutFor,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Fixture,
  fuzzDocument,
  fuzzRouteInTeam,
  isPluginRoute,
  openFuzzApp,
} from './fuzz-kit';

/**
 * Fuzzes every route the bundled plugins serve under /v1/teams/<team>/plugins/<id>/ as
 * fuzz.test.ts does the API's (GUANXI_FUZZ_RUNS cases per route), with query parameters and
 * bodies from the routes' schemas in the OpenAPI document.
 */

/** Win-back's churn routes are about the customer who churned. */
const churned = { params: (f: Fixture) => ({ customerId: f.churned }) };
const OVERRIDES: Readonly<Record<string, FuzzOverride<Fixture>>> = {
  'GET /v1/teams/{teamId}/plugins/winback/customers/{customerId}/kind': churned,
  'PUT /v1/teams/{teamId}/plugins/winback/customers/{customerId}/kind': churned,
};

const ROUTES = fuzzRoutesOf(await fuzzDocument(), OVERRIDES).filter((route) =>
  isPluginRoute(route.path),
);

test('the document has every bundled plugin’s routes, and the overrides name real ones', () => {
  const plugins = new Set(ROUTES.map((route) => /\/plugins\/([^/]+)\//.exec(route.path)?.[1]));
  expect([...plugins].sort()).toEqual([
    'example-scorer',
    'loyalty',
    'scoring',
    'service',
    'winback',
  ]);
  expect(ROUTES.length).toBeGreaterThan(20);
  const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
  for (const key of Object.keys(OVERRIDES)) expect(keys).toContain(key);
});

describe.each(testDialects())('fuzzing every bundled plugin route on %s', (dialect) => {
  let a: TestApp;
  beforeAll(async () => {
    a = await openFuzzApp(dialect);
  });
  afterAll(() => a.destroy());

  test.each(ROUTES.map((route) => [route.method, route.path, route] as const))(
    '%s %s: no 5xx, every 4xx a problem, and a refused request or a GET changes nothing',
    (_method, _path, route) => fuzzRouteInTeam(a, route, runsOn(dialect)),
    timeoutFor(runsOn(dialect)),
  );
});
