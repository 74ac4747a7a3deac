import { type Dialect, definePlugin, type Role } from '@guanxi/core';
import scoring from '@guanxi/plugin-scoring';
import tiering from '@guanxi/plugin-tiering';
import { callPluginRoute, createTestCore, type TestCore } from '@guanxi/testing';
import type { Complaint } from './complaints/complaint';
import type { ComplaintEvent } from './events';
import plugin from './index';

/** Where every test's clock starts. */
export const NOW = '2024-06-01T00:00:00.000Z';

/** Every complaint event the listener plugin heard, by hook, in order. */
export const heard: { hook: string; items: ComplaintEvent[] }[] = [];

/** Another plugin subscribing to complaint events, as win-back does. */
const listener = definePlugin({
  id: 'listener',
  version: '1.0.0',
  hooks: {
    'complaint:opened': (event) => {
      heard.push({ hook: event.hook, items: [...event.items] });
    },
    'complaint:stepped': (event) => {
      heard.push({ hook: event.hook, items: [...event.items] });
    },
    'complaint:closed': (event) => {
      heard.push({ hook: event.hook, items: [...event.items] });
    },
  },
});

export interface Kit {
  readonly t: TestCore;
  readonly teamId: number;
  /** A company in the team; with `revenue`, one order of that amount. */
  customer(name: string, revenue?: number): Promise<number>;
  /** Calls the plugin's routes as a member of the team; a refusal rejects with its error. */
  call(method: string, path: string, body?: unknown, role?: Role): Promise<Response>;
  /** POST /complaints as `user:7`, returning the complaint. */
  open(body: Record<string, unknown>): Promise<Complaint>;
  /** POST /complaints/:id/steps as `user:7`, returning the complaint. */
  step(id: number, body: Record<string, unknown>): Promise<Complaint>;
}

/**
 * A test core with scoring, tiering, service and the listener installed, and a team with
 * service and the listener enabled (and tiering, when asked for).
 */
export async function openKit(
  dialect: Dialect,
  options: { readonly tiering?: boolean } = {},
): Promise<Kit> {
  heard.length = 0;
  const t = await createTestCore({
    dialect,
    plugins: [scoring, tiering, plugin, listener],
    now: NOW,
    hookTimeoutMs: 10_000,
  });
  const teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
  const enabled = ['service', 'listener', ...(options.tiering ? ['tiering'] : [])];
  for (const id of enabled) await t.core.plugins.enable(teamId, id, 'admin');
  const call: Kit['call'] = (method, path, body, role = 'rep') =>
    callPluginRoute(t.core, teamId, 'service', method, path, body, {
      actor: 'user:7',
      role,
      locale: 'en',
    });
  return {
    t,
    teamId,
    async customer(name, revenue) {
      const { id } = await t.core.customers.create(teamId, { kind: 'company', name });
      if (revenue !== undefined) {
        await t.core.orders.record(teamId, [
          { customerId: id, amount: revenue, placedAt: '2024-05-01' },
        ]);
      }
      return id;
    },
    call,
    async open(body) {
      return (await (await call('POST', '/complaints', body)).json()) as Complaint;
    },
    async step(id, body) {
      return (await (await call('POST', `/complaints/${id}/steps`, body)).json()) as Complaint;
    },
  };
}

/** `hours` after NOW, as stored. */
export function hoursAfterNow(hours: number): string {
  return new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();
}
