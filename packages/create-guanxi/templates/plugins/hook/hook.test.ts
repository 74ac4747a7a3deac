import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import myPlugin from './index';

describe.each(testDialects())('my-plugin on %s', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore({ dialect, plugins: [myPlugin], now: '2024-06-01T09:00:00Z' });
  });
  afterEach(() => t.destroy());

  test('welcomes customers created while the team has it on, and only then', async () => {
    const team = await t.core.teams.create({ name: 'North', slug: 'north' });
    const before = await t.core.customers.create(team.id, { kind: 'person', name: 'Bo' });
    await t.core.plugins.enable(team.id, 'my-plugin', 'test');
    const after = await t.core.customers.create(team.id, { kind: 'person', name: 'Ada' });
    expect(await t.core.interactions.forCustomer(team.id, before.id)).toEqual([]);
    expect(await t.core.interactions.forCustomer(team.id, after.id)).toMatchObject([
      { summary: 'Welcome, Ada', occurredAt: '2024-06-01T09:00:00.000Z' },
    ]);
  });
});
