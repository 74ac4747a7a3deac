import type { Dialect } from '@guanxi/core';
import { testDialects } from '@guanxi/testing';
import { describe, expect, test } from 'vitest';
import { fixtureValues, heard, recompute, setUp, tiersOf } from './tiering.test-support';

/**
 * Ranks 3,000 customers with many equal values on one dialect, then again after a third of
 * them changed value; returns everything that came out, by customer position.
 */
async function tierOn(dialect: Dialect) {
  const s = await setUp(dialect);
  try {
    await s.core.plugins.configure(
      s.teamId,
      'tiering',
      { measure: 'scorer:fixture/value' },
      'admin',
    );
    const created = await s.core.customers.createMany(
      s.teamId,
      Array.from({ length: 3_000 }, (_, i) => ({ kind: 'person' as const, name: `C${i}` })),
    );
    const ids = created.map((c) => c.id);
    ids.forEach((id, i) => {
      fixtureValues.set(id, ((i * 7_919) % 97) * 2.5);
    });
    const first = await recompute(s.core, s.teamId, { refresh: 'true' });
    ids.forEach((id, i) => {
      if (i % 3 === 0) fixtureValues.set(id, ((i * 104_729) % 89) * 2.5);
    });
    const second = await recompute(s.core, s.teamId, { refresh: 'true' });
    const tiers = await tiersOf(s.core, s.teamId);
    const position = new Map(ids.map((id, i) => [id, i]));
    return {
      first,
      second,
      tiers: ids.map((id) => tiers.get(id)),
      changes: heard.map((c) => ({ ...c, customerId: position.get(c.customerId) })),
    };
  } finally {
    await s.t.destroy();
  }
}

const dialects = testDialects();

describe('SQLite and PostgreSQL', () => {
  test.runIf(dialects.length === 2)('tier the same data exactly alike', async () => {
    const [sqlite, postgres] = [await tierOn('sqlite'), await tierOn('postgres')];
    expect(sqlite.second.changed).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
  });
});
