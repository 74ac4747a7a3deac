import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { seedDemo } from './demo';

const NOW = new Date('2025-06-30T00:00:00Z');

describe.each(testDialects())('seedDemo on %s', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore({ dialect, now: NOW });
  });
  afterEach(() => t.destroy());

  test('two teams with staff whose keys work, customers, history and complaints', async () => {
    const result = await seedDemo(t.core, { customersPerTeam: 150 });
    expect(result.teams.map((team) => [team.slug, team.name])).toEqual([
      ['east', '华东销售部'],
      ['west', 'West Coast Sales'],
    ]);
    expect(result.keys.map((key) => `${key.team} ${key.role}`)).toEqual([
      'east admin',
      'east manager',
      'east rep',
      'east rep',
      'west admin',
      'west manager',
      'west rep',
      'west rep',
    ]);
    for (const key of result.keys) {
      const principal = await t.core.apiKeys.authenticate(key.key);
      const team = result.teams.find((candidate) => candidate.slug === key.team);
      expect(principal?.roles.get(team?.id as number)).toBe(key.role);
    }
    for (const team of result.teams) {
      expect(team).toMatchObject({ customers: 150, complaints: 12 });
      expect(team.orders).toBeGreaterThan(150);
      expect(team.churned).toBeGreaterThan(0);
      const stages = await t.core.db
        .selectFrom('customers')
        .select(['stage', 'kind'])
        .where('team_id', '=', team.id)
        .execute();
      expect(new Set(stages.map((s) => s.stage))).toEqual(
        new Set(['potential', 'target', 'active', 'churned', 'non_customer']),
      );
      expect(stages.filter((s) => s.kind === 'company')).toHaveLength(15);
      const complaints = await t.core.db
        .selectFrom('interactions')
        .select(['direction', 'occurred_at'])
        .where('team_id', '=', team.id)
        .where('summary', 'like', 'Complaint:%')
        .execute();
      expect(complaints).toHaveLength(12);
      expect(complaints.every((c) => c.direction === 'inbound')).toBe(true);
      const orders = await t.core.db
        .selectFrom('orders')
        .select(['placed_at', 'amount'])
        .where('team_id', '=', team.id)
        .execute();
      expect(orders.every((o) => o.placed_at < NOW.toISOString() && o.amount > 0)).toBe(true);
    }
  });

  test('the same seed gives the same book', async () => {
    const book = async (core: TestCore['core']) => {
      await seedDemo(core, { customersPerTeam: 40 });
      return core.db
        .selectFrom('customers as c')
        .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
        .select(['c.name', 'c.external_ref', 'c.stage', 'f.order_count', 'f.revenue'])
        .orderBy('c.id')
        .execute();
    };
    const first = await book(t.core);
    // One test schema at a time: the core's migrator looks for its tables in every schema.
    await t.destroy();
    t = await createTestCore({ dialect, now: NOW });
    expect(await book(t.core)).toEqual(first);
  });
});
