import { appUnderTest } from '@guanxi/server';
import {
  createTestApp,
  expectJson,
  expectProblem,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import myPlugin from './index';

describe.each(testDialects())('my-plugin routes on %s', (dialect) => {
  let a: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: [myPlugin], app: appUnderTest() });
  });
  afterAll(() => a.destroy());

  const path = () => `/v1/teams/${a.teamA}/plugins/my-plugin/customers/count`;

  test('is refused while the team has the plugin off', async () => {
    await expectProblem(await a.call('rep', 'GET', path()), 409, 'GX_ERR_PLUGIN_DISABLED');
  });

  test("counts the team's customers for a member", async () => {
    await a.t.core.plugins.enable(a.teamA, 'my-plugin', 'test');
    await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Ada' });
    expect(await expectJson(await a.call('rep', 'GET', path()), 200)).toEqual({
      customers: 1,
      more: false,
    });
  });
});
