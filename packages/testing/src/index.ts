// The core's test core (a real core on a throwaway database, the manual clock, both dialects)
// lives in @guanxi/core/testing, because the core's own tests use it; it is re-exported here
// so a plugin or an app imports everything for its tests from this one package.
export * from '@guanxi/core/testing';
export { ConsoleClient, CSRF_FIELD, csrfOf, type FormFields, originOf } from './console-client';
export {
  type DocumentOperation,
  documentOperations,
  type FuzzOverride,
  type FuzzValues,
  fuzzRoutesOf,
  type JsonSchema,
  type OpenApiDocument,
} from './fuzz-document';
export {
  anyString,
  anyValue,
  around,
  type FuzzCaller,
  type FuzzFixture,
  type FuzzRoute,
  type FuzzTeam,
  fuzzRoute,
  fuzzTeam,
  mutated,
  RUNS,
  runsOn,
  timeoutFor,
} from './fuzz-kit';
export { callPluginRoute } from './plugin-call';
export { type LoggedPurchase, recordPurchases } from './purchases';
export {
  type Caller,
  createTestApp,
  type HttpApp,
  type TestApp,
  type TestAppOptions,
  type TestFixture,
} from './test-app';
export {
  byCallers,
  type Call,
  expectInvalid,
  expectJson,
  expectProblem,
  fill,
  fixtureIds,
  flakyPlugin,
  type ProblemBody,
  type Route,
  snapshot,
  unchanged,
} from './test-kit';
