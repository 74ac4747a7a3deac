import { defined, testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { placeTier } from './pyramid';
import { loadThresholds } from './thresholds';
import {
  countTiers,
  fixtureValues,
  heard,
  recompute,
  type Setup,
  setUp,
  shuffled,
  tieringTables,
  tiersOf,
} from './tiering.test-support';
import type { Tier } from './tiers';

/**
 * 1,000 customers ranked by the fixture scorer, customer i worth 1,000 − i (rank i + 1).
 * Boundaries fall at ranks 10, 200 and 500; with the default hysteresis (2%) the margins are
 * 5, 20 and 20 ranks.
 */
async function ranked(dialect: Setup['t']['dialect'], hysteresis = 0.02) {
  const s = await setUp(dialect);
  await s.core.plugins.configure(
    s.teamId,
    'tiering',
    { measure: 'scorer:fixture/value', hysteresis },
    'admin',
  );
  const created = await s.core.customers.createMany(
    s.teamId,
    Array.from({ length: 1_000 }, (_, i) => ({ kind: 'person' as const, name: `C${i}` })),
  );
  const ids = created.map((c) => c.id);
  ids.forEach((id, i) => {
    fixtureValues.set(id, 1_000 - i);
  });
  await recompute(s.core, s.teamId, { refresh: 'true' });
  heard.length = 0;
  return { s, ids };
}

/** The value that ranks a customer at `rank` once it has left its own place above. */
const valueAtRank = (rank: number) => 1_001 - rank - 0.5;

describe.each(testDialects())('hysteresis on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test('a customer wobbling near a boundary keeps its tier; one that moves clearly moves', async () => {
    const setup = await ranked(dialect);
    s = setup.s;
    const wobbler = defined(setup.ids[199]);
    expect((await tiersOf(s.core, s.teamId)).get(wobbler)).toBe('secondary');
    for (const rank of [210, 195, 219, 200]) {
      fixtureValues.set(wobbler, valueAtRank(rank));
      const result = await recompute(s.core, s.teamId, { refresh: 'true' });
      expect(result).toMatchObject({ changed: 0, hysteresis: true });
    }
    expect((await tiersOf(s.core, s.teamId)).get(wobbler)).toBe('secondary');
    fixtureValues.set(wobbler, valueAtRank(250));
    expect(await recompute(s.core, s.teamId, { refresh: 'true' })).toMatchObject({ changed: 1 });
    expect((await tiersOf(s.core, s.teamId)).get(wobbler)).toBe('normal');
    expect(heard).toEqual([
      expect.objectContaining({
        customerId: wobbler,
        from: 'secondary',
        to: 'normal',
        value: valueAtRank(250),
        rank: 250,
        of: 1_000,
        threshold: 800,
        cause: 'recompute',
      }),
    ]);
  });

  test('without hysteresis a customer moves as soon as it crosses', async () => {
    const setup = await ranked(dialect, 0);
    s = setup.s;
    const wobbler = defined(setup.ids[199]);
    fixtureValues.set(wobbler, valueAtRank(201));
    expect(await recompute(s.core, s.teamId, { refresh: 'true' })).toMatchObject({
      changed: 2,
      hysteresis: false,
    });
    const tiers = await tiersOf(s.core, s.teamId);
    expect(tiers.get(wobbler)).toBe('normal');
    expect(tiers.get(defined(setup.ids[200]))).toBe('secondary');
  });

  test('the SQL placement follows the same rule as placement on write', async () => {
    const setup = await ranked(dialect);
    s = setup.s;
    const before = await tiersOf(s.core, s.teamId);
    const moved = shuffled(setup.ids, 3).slice(0, 300);
    moved.forEach((id, i) => {
      fixtureValues.set(id, (i * 37) % 1_000);
    });
    const result = await recompute(s.core, s.teamId, { refresh: 'true' });
    expect(result.changed).toBeGreaterThan(0);
    const thresholds = defined(await loadThresholds(tieringTables(s.core), s.teamId));
    const after = await tiersOf(s.core, s.teamId);
    for (const id of setup.ids) {
      const key = { value: defined(fixtureValues.get(id)), customerId: id };
      expect(after.get(id)).toBe(placeTier(key, before.get(id) as Tier, thresholds, true));
    }
    expect(Object.values(countTiers(after)).reduce((a, b) => a + b)).toBe(1_000);
  });
});
