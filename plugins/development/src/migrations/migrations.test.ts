import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { createTestCore, testDialects } from '@guanxi/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../index';
import { down, up } from './0001-development-tables';

describe.each(testDialects())('development migrations on %s', (dialect) => {
  test('create every table prefixed development_, and down removes them all', async () => {
    const t = await createTestCore({ dialect, plugins: [scoring, tiering, plugin] });
    try {
      const names = async () =>
        (await t.core.db.introspection.getTables())
          .map((table) => table.name)
          .filter((name) => name.startsWith('development_'))
          .sort();
      const created = await names();
      expect(created).toEqual([
        'development_agent_fees',
        'development_balance_items',
        'development_cases',
        'development_customer_types',
        'development_interests',
        'development_opportunities',
        'development_opportunity_events',
        'development_pains',
        'development_profile',
        'development_relationship_events',
        'development_signals',
        'development_sources',
      ]);
      await down(t.core.db);
      expect(await names()).toEqual([]);
      await up(t.core.db);
      expect(await names()).toEqual(created);
    } finally {
      await t.destroy();
    }
  });
});
