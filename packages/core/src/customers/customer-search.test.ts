import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore } from '../testing';
import { searchPlan } from './customer-search';

describe('the search plan on SQLite', () => {
  let t: TestCore;
  let teamId: number;

  beforeEach(async () => {
    t = await createTestCore({ dialect: 'sqlite' });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    await t.core.customers.createMany(teamId, [
      ...Array.from({ length: 200 }, (_, i) => ({
        kind: 'person' as const,
        name: `Member ${i}`,
        emails: i < 150 ? [`m${i}@example.com`] : [],
      })),
      ...Array.from({ length: 200 }, (_, i) => ({ kind: 'person' as const, name: `Guest ${i}` })),
      { kind: 'person', name: 'Member Unique' },
    ]);
  });
  afterEach(() => t.destroy());

  test('walks a word fewer than 128 texts hold, checking the others on its rows', async () => {
    expect(await searchPlan(t.core.db, ['member', 'unique'])).toEqual({ walk: 'unique' });
    expect(await searchPlan(t.core.db, ['unique'])).toEqual({ walk: 'unique' });
  });

  test('reads the texts in order when every word the index can look up is in nearly every text', async () => {
    expect(await searchPlan(t.core.db, ['member', '7'])).toBe('scan');
  });

  test('lets the index walk every word when a common word is not in nearly every text', async () => {
    expect(await searchPlan(t.core.db, ['guest', '7'])).toBe('index');
    expect(await searchPlan(t.core.db, ['7'])).toBe('index');
  });
});
