import {
  expectInvalid,
  type FuzzOverride,
  fuzzRoutesOf,
  runsOn,
  type TestApp,
  testDialects,
  timeoutFor,
  unchanged,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, test } from 'vitest';
import {
  type Fixture,
  fixture,
  fuzzDocument,
  fuzzRouteInTeam,
  isPluginRoute,
  openFuzzApp,
} from './fuzz-kit';

/**
 * Fuzzes every operation of the OpenAPI document but the plugins' own: path, query, body
 * (from the document's schemas), content type and caller. GUANXI_FUZZ_RUNS sets the cases per route (400 by default, a fifth of it on
 * PostgreSQL); `pnpm bench fuzz` runs 10,000 per route on SQLite.
 */

/** Reads that write all the same: an export is recorded in the audit log. */
const READ_WRITES: Readonly<Record<string, FuzzOverride<Fixture>>> = {
  'GET /v1/teams/{teamId}/customers/{customerId}/export': { readWrites: ['audit_log'] },
  // A card built for a request is stored, kept ready for the next one.
  'GET /v1/context': { readWrites: ['customer_cards'] },
};

/** Every operation of the API's document but the plugins' own (fuzz-plugins.test.ts). */
const ROUTES = fuzzRoutesOf(await fuzzDocument(), READ_WRITES).filter(
  (route) => !isPluginRoute(route.path),
);

describe.each(testDialects())('fuzzing every route of the API on %s', (dialect) => {
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

describe.each(testDialects())('inputs the fuzzing found on %s', (dialect) => {
  let a: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    a = await openFuzzApp(dialect);
    f = await fixture(a);
  });
  afterAll(() => a.destroy());

  const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
  const attr = `{"x":{"source":"import","value":${deep}}}`;

  test.each([
    ['PUT', '/plugins/flaky', 'config.a', `{"config":${deep}}`],
    [
      'POST',
      '/customers',
      'attributes.x.value',
      `{"kind":"person","name":"D","attributes":${attr}}`,
    ],
    ['PATCH', '/customers/{customerId}', 'attributes.x.value', `{"attributes":${attr}}`],
    ['POST', '/plugins/loyalty/attitudes', 'customerId', deep],
    ['POST', '/plugins/service/surveys', '(root)', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ])(
    '%s %s with JSON nested 20,000 deep is a 400 naming %s, not a 500',
    async (method, path, named, body) => {
      const url = `/v1/teams/${f.path.teamId}${path.replace('{customerId}', String(f.path.customerId))}`;
      const res = await unchanged(a, async () =>
        a.app.request(url, {
          method,
          headers: { authorization: `Bearer ${f.keys.admin}`, 'content-type': 'application/json' },
          body,
        }),
      );
      await expectInvalid(res, named);
    },
  );
});
