import type { Dialect } from '@guanxi/core';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import {
  createTestApp,
  defined,
  expectJson,
  type FuzzFixture,
  type FuzzRoute,
  type FuzzValues,
  flakyPlugin,
  fuzzRoute,
  fuzzTeam,
  type OpenApiDocument,
  type TestApp,
} from '@guanxi/testing';

const bundled = await bundledPlugins();

/** The app with every bundled plugin installed, and flaky, whose order hook fails. */
export function openFuzzApp(dialect: Dialect): Promise<TestApp<GuanxiApp>> {
  return createTestApp({
    dialect,
    plugins: [...bundled, flakyPlugin({ healthy: false })],
    app: appUnderTest(),
  });
}

/** The fuzz app's OpenAPI document: every route of the API and of the bundled plugins. */
export async function fuzzDocument(): Promise<OpenApiDocument> {
  const a = await openFuzzApp('sqlite');
  try {
    return a.document() as OpenApiDocument;
  } finally {
    await a.destroy();
  }
}

/** Whether the path is a plugin's own route, under /plugins/<id>/. */
export const isPluginRoute = (path: string) => /\/plugins\/[a-z][a-z0-9-]*\//.test(path);

/** A team of the route's own with its people, keys and records, so no route spoils another's. */
export interface Fixture extends FuzzFixture, FuzzValues {
  /** The customer who churned, with a win-back playbook. */
  readonly churned: number;
}

/**
 * A new team with every plugin on, an admin and a rep, a company, a person with an order, a
 * churned customer with a win-back playbook, a failed hook, a webhook with a message for it,
 * a complaint and a reward.
 */
export async function fixture(a: TestApp): Promise<Fixture> {
  const { core } = a.t;
  const pluginIds = [...bundled.map((plugin) => plugin.id), 'flaky'];
  const { teamId, n, admin, rep, keys } = await fuzzTeam(a, pluginIds);
  const company = await core.customers.create(teamId, {
    kind: 'company',
    name: 'Acme',
    domains: [`acme-${n}.cn`],
  });
  const person = await core.customers.create(teamId, {
    kind: 'person',
    name: 'Lin',
    emails: [`lin-${n}@acme.cn`],
    externalRef: 'crm-1',
    ownerUserId: rep.userId,
  });
  const lost = await core.customers.create(teamId, {
    kind: 'company',
    name: 'Gone',
    ownerUserId: rep.userId,
  });
  const other = await core.customers.create(a.teamB, { kind: 'person', name: 'Bo' });
  const webhook = await core.webhooks.create(
    teamId,
    { url: 'https://hooks.example.test/in', events: ['orders:recorded'] },
    'test',
  );
  const { recorded } = await core.orders.record(teamId, [
    { customerId: person.id, amount: 100_000, placedAt: '2024-11-01', externalId: 'o-1' },
    { customerId: lost.id, amount: 50_000, placedAt: '2024-10-01' },
  ]);
  await core.lifecycle.transition(teamId, lost.id, {
    to: 'churned',
    reason: 'stopped buying',
    actor: `user:${rep.userId}`,
  });
  const failure = defined((await core.hookFailures.list(teamId))[0], 'hook failure');
  const message = await core.db
    .selectFrom('outbox')
    .select('id')
    .where('webhook_id', '=', webhook.id)
    .executeTakeFirstOrThrow();
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await a.app.request(`/v1/teams/${teamId}/plugins${path}`, {
      method,
      headers: { authorization: `Bearer ${admin.key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return expectJson(res, method === 'GET' ? 200 : 201);
  };
  const complaint = (await api('POST', '/service/complaints', {
    customerId: person.id,
    cause: 'service_attitude',
    summary: 'Nobody called back',
  })) as { id: number };
  const { reward } = (await api('POST', '/loyalty/rewards', { name: 'Mug', cost: 10 })) as {
    reward: { id: number };
  };
  const { playbooks } = (await api('GET', `/winback/playbooks?customerId=${lost.id}`)) as {
    playbooks: { id: number }[];
  };
  return {
    path: {
      teamId,
      customerId: person.id,
      userId: rep.userId,
      keyId: rep.keyId,
      pluginId: 'flaky',
      failureId: failure.id,
      webhookId: webhook.id,
      outboxId: message.id,
      id: complaint.id,
      rewardId: reward.id,
      orderId: defined(recorded[0], 'order').id,
      playbookId: defined(playbooks[0], 'playbook').id,
      stepNo: 1,
    },
    keys,
    others: { pluginId: [...pluginIds, 'nope'] },
    values: {
      customerId: [company.id, person.id, lost.id],
      after: [company.id, person.id, lost.id],
      teamId: [teamId],
      ownerUserId: [admin.userId, rep.userId],
      orderId: recorded.map((order) => order.id),
      rewardId: [reward.id],
      email: [`lin-${n}@acme.cn`],
      domain: [`acme-${n}.cn`],
    },
    strangers: { customerId: [other.id, 999_999] },
    churned: lost.id,
  };
}

/** Fuzzes the route in a fixture team of its own; see `fuzzRoute` in @guanxi/testing. */
export async function fuzzRouteInTeam(
  a: TestApp,
  route: FuzzRoute<Fixture>,
  runs: number,
): Promise<void> {
  await fuzzRoute(a, route, runs, await fixture(a));
}
