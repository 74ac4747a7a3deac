import type { PageContent, TableBlock, Viewer } from '@guanxi/core';
import { bundledPlugins, seedDemo } from '@guanxi/server';
import { createTestCore, defined, type TestCore, testDialects } from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * `guanxi seed`'s demo with every bundled plugin: each team's development pages have
 * something in every table a manager reads first, so the demo shows what they are for.
 */
describe.each(testDialects())('the demo fills the development pages on %s', (dialect) => {
  let t: TestCore;
  let teams: { id: number; slug: string }[];
  beforeAll(async () => {
    t = await createTestCore({ dialect, plugins: bundled, now: '2025-06-30T00:00:00Z' });
    teams = [...(await seedDemo(t.core, { customersPerTeam: 300 })).teams];
  }, 300_000);
  afterAll(() => t.destroy());

  const manager: Viewer = { userId: 1, role: 'manager', actor: 'user:1' };
  const render = (teamId: number, path: string, query: Record<string, string> = {}) =>
    t.core.console.render(teamId, 'development', path, {
      locale: 'en',
      viewer: manager,
      query,
      purpose: 'page',
    });
  const rows = (page: PageContent, id: string) =>
    defined(page.blocks.find((b) => b.kind === 'table' && b.id === id) as TableBlock | undefined)
      .rows;

  test('the pipeline, the sources and a centre’s referral tree of each team', async () => {
    for (const team of teams) {
      const pipeline = await render(team.id, 'pipeline');
      for (const table of ['by-stage', 'by-owner', 'conversion', 'lost-reasons', 'open'])
        expect(rows(pipeline, table).length, `${team.slug} ${table}`).toBeGreaterThan(0);
      const sources = await render(team.id, 'sources');
      for (const table of ['by-source', 'centres', 'agent-fees'])
        expect(rows(sources, table).length, `${team.slug} ${table}`).toBeGreaterThan(0);
      expect(rows(sources, 'by-source').some((row) => row.won !== 0)).toBe(true);
      const centre = defined(rows(sources, 'centres')[0]);
      const { customerId } = centre.customer as { customerId: number };
      const tree = await render(team.id, 'referrals', { customerId: String(customerId) });
      expect(rows(tree, 'brought').length, team.slug).toBeGreaterThanOrEqual(3);
    }
  });
});
