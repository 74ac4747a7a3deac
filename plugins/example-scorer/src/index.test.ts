import scoring from '@guanxi/plugin-scoring';
import { createTestCore, testDialects } from '@guanxi/testing';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import plugin from './index';

describe.each(testDialects())('example-scorer installed on %s', (dialect) => {
  test('migrates its own tables with its own history, enabled or not', async () => {
    const t = await createTestCore({ dialect, plugins: [scoring, plugin] });
    try {
      const history = await sql<{
        name: string;
      }>`select name from gx_migrations_plugin_example_scorer`.execute(t.core.db);
      expect(history.rows.map((r) => r.name)).toEqual(['0001-example-scorer-tables']);
      for (const table of ['payments', 'discounts', 'service_contacts']) {
        const rows = await sql`select * from ${sql.table(`example_scorer_${table}`)}`.execute(
          t.core.db,
        );
        expect(rows.rows).toEqual([]);
      }
      expect(t.core.plugins.list().find((p) => p.id === 'example-scorer')).toEqual({
        id: 'example-scorer',
        version: '1.0.0',
        description: plugin.description,
        dependsOn: { scoring: '^1.0.0' },
      });
    } finally {
      await t.destroy();
    }
  });
});
