import { PassThrough } from 'node:stream';
import type { Team } from '@guanxi/core';
import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportCustomers } from './export';

describe.each(testDialects())('exportCustomers on %s', (dialect) => {
  let t: TestCore;
  let team: Team;

  beforeEach(async () => {
    t = await createTestCore({ dialect, now: '2025-03-01T00:00:00Z' });
    team = await t.core.teams.create({ name: 'East', slug: 'east' });
    await t.core.teams.create({ name: 'West', slug: 'west' });
  });
  afterEach(() => t.destroy());

  const exported = async (customerId?: number) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await exportCustomers(t.core, team, out, customerId);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };

  test('writes every customer of the team with identities and facts, page after page', async () => {
    const inputs = Array.from({ length: 205 }, (_, i) => ({
      kind: 'person' as const,
      name: `Person ${i}`,
      emails: [`p${i}@example.com`],
    }));
    const [first] = await t.core.customers.createMany(team.id, inputs);
    await t.core.orders.record(team.id, [
      { customerId: first?.id as number, amount: 1200, placedAt: '2025-01-02' },
    ]);
    const json = await exported();
    expect(json.team).toEqual({ id: team.id, slug: 'east', name: 'East' });
    expect(json.exportedAt).toBe('2025-03-01T00:00:00.000Z');
    expect(json.customers).toHaveLength(205);
    expect(json.customers[0]).toMatchObject({
      name: 'Person 0',
      stage: 'active',
      identities: [{ kind: 'email', value: 'p0@example.com' }],
      facts: { orderCount: 1, revenue: 1200 },
    });
  });

  test('one customer alone, and an empty team as an empty list', async () => {
    expect((await exported()).customers).toEqual([]);
    const ada = await t.core.customers.create(team.id, { kind: 'person', name: 'Ada' });
    await t.core.customers.create(team.id, { kind: 'person', name: 'Bo' });
    expect((await exported(ada.id)).customers).toMatchObject([{ id: ada.id, name: 'Ada' }]);
  });
});
