import type { Dialect } from '@guanxi/core';
import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import { appUnderTest } from '@guanxi/server';
import { createTestApp, defined, type TestApp } from '@guanxi/testing';
import { expect } from 'vitest';
import plugin from './index';
import type { Playbook } from './playbook/playbooks';

/** Where every test's clock starts. */
export const NOW = '2024-06-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

/** The ISO time `days` before NOW. */
export const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY_MS).toISOString();

export interface Kit {
  readonly a: TestApp;
  /** Team A, with service and win-back on. */
  readonly teamId: number;
  /** A company owned by team A's rep, with orders placed these many days before NOW. */
  customer(name: string, orderDaysAgo?: readonly number[], cost?: number): Promise<number>;
  /** Moves the customer to churned as a rep would, with this reason. */
  churn(customerId: number, reason?: string): Promise<void>;
  /** The customer's playbooks through the API, newest first. */
  playbooks(customerId: number): Promise<Playbook[]>;
  /** Sends a request as team A's rep to a win-back route. */
  rep(method: string, path: string, body?: unknown): Promise<Response>;
  detect(): Promise<Readonly<Record<string, unknown>>>;
}

/** The real app with scoring, tiering, service and win-back installed, the clock at NOW. */
export async function openKit(dialect: Dialect): Promise<Kit> {
  const a = await createTestApp({
    dialect,
    plugins: [scoring, tiering, service, plugin],
    app: appUnderTest(),
  });
  a.t.clock.set(NOW);
  const teamId = a.teamA;
  await a.t.core.plugins.enable(teamId, 'service', 'test');
  await a.t.core.plugins.enable(teamId, 'winback', 'test');
  const rep = (method: string, path: string, body?: unknown) =>
    a.call('rep', method, `/v1/teams/${teamId}/plugins/winback${path}`, body);
  return {
    a,
    teamId,
    rep,
    async customer(name, orderDaysAgo = [], cost) {
      const { id } = await a.t.core.customers.create(teamId, {
        kind: 'company',
        name,
        ownerUserId: a.userIds.rep,
      });
      if (orderDaysAgo.length > 0) {
        await a.t.core.orders.record(
          teamId,
          orderDaysAgo.map((days) => ({
            customerId: id,
            amount: 10_000,
            ...(cost === undefined ? {} : { cost }),
            placedAt: daysAgo(days),
          })),
        );
      }
      return id;
    },
    async churn(customerId, reason = 'stopped buying') {
      await a.t.core.lifecycle.transition(teamId, customerId, {
        to: 'churned',
        reason,
        actor: `user:${a.userIds.rep}`,
      });
    },
    async playbooks(customerId) {
      const res = await rep('GET', `/playbooks?customerId=${customerId}`);
      return ((await res.json()) as { playbooks: Playbook[] }).playbooks;
    },
    detect: () => a.t.core.jobs.run('winback:detect', { teamId }),
  };
}

/**
 * Tiering on with four equal shares, and four customers of the rep ranked important,
 * secondary, normal and small (the small one at a loss), best first.
 */
export async function tiered(kit: Kit): Promise<number[]> {
  const { core } = kit.a.t;
  await core.plugins.change(kit.teamId, 'tiering', {
    enabled: true,
    config: { shares: { important: 0.25, secondary: 0.25, normal: 0.25, small: 0.25 } },
    actor: 'test',
  });
  const ids = [
    await kit.customer('Important', [80, 70, 60, 50, 40, 30, 20, 10]),
    await kit.customer('Secondary', [60, 50, 40, 30, 20, 10]),
    await kit.customer('Normal', [40, 30, 20, 10]),
    await kit.customer('Small', [20, 10], 20_000),
  ];
  await core.jobs.run('tiering:recompute', { teamId: kit.teamId });
  const tierOf = async (customerId: number) =>
    (await core.context.card(kit.teamId, { customerId }, 'en'))?.card.slots.tier?.value;
  expect(await Promise.all(ids.map(tierOf))).toEqual(['important', 'secondary', 'normal', 'small']);
  return ids;
}

/** The customer's stage. */
export async function stageOf(kit: Kit, customerId: number): Promise<string> {
  return defined(await kit.a.t.core.customers.find(kit.teamId, customerId)).stage;
}
