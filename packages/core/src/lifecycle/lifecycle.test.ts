import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, type TestCore, testDialects } from '../testing';

const seen: { hook: string; items: unknown[] }[] = [];

const recorder = definePlugin({
  id: 'recorder',
  version: '1.0.0',
  defaultEnabled: true,
  hooks: {
    'lifecycle:transitioned': (event) =>
      void seen.push({ hook: event.hook, items: [...event.items] }),
    'customer:churned': (event) => void seen.push({ hook: event.hook, items: [...event.items] }),
    'customer:wonBack': (event) => void seen.push({ hook: event.hook, items: [...event.items] }),
  },
});

const gatekeeper = definePlugin({
  id: 'gatekeeper',
  version: '1.0.0',
  defaultEnabled: true,
  hooks: {
    'lifecycle:beforeTransition': (event) =>
      event.items.some((t) => t.from === 'non_customer')
        ? { veto: 'disqualified customers stay out' }
        : undefined,
  },
});

describe.each(testDialects())('lifecycle on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;

  beforeEach(async () => {
    seen.length = 0;
    t = await createTestCore({ dialect, plugins: [recorder, gatekeeper] });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
  });
  afterEach(() => t.destroy());

  const create = async (stage?: 'non_customer' | 'churned') =>
    (await t.core.customers.create(teamId, { kind: 'person', name: 'Ada', stage })).id;

  test('any state may follow any other; each change is kept with reason, actor and time', async () => {
    const id = await create();
    t.clock.set('2025-02-01T00:00:00Z');
    await t.core.lifecycle.transition(teamId, id, {
      to: 'target',
      reason: 'fits ICP',
      actor: 'rep:7',
    });
    t.clock.set('2025-03-01T00:00:00Z');
    await t.core.lifecycle.transition(teamId, id, {
      to: 'non_customer',
      reason: 'no budget',
      actor: 'rep:7',
    });
    const history = await t.core.lifecycle.history(teamId, id);
    expect(
      history.map(({ from, to, reason, actor, occurredAt }) => ({
        from,
        to,
        reason,
        actor,
        occurredAt,
      })),
    ).toEqual([
      {
        from: null,
        to: 'potential',
        reason: 'created',
        actor: 'system',
        occurredAt: '2025-01-01T00:00:00.000Z',
      },
      {
        from: 'potential',
        to: 'target',
        reason: 'fits ICP',
        actor: 'rep:7',
        occurredAt: '2025-02-01T00:00:00.000Z',
      },
      {
        from: 'target',
        to: 'non_customer',
        reason: 'no budget',
        actor: 'rep:7',
        occurredAt: '2025-03-01T00:00:00.000Z',
      },
    ]);
    expect((await t.core.customers.get(teamId, id)).stage).toBe('non_customer');
  });

  test('a veto refuses the transition with its reason and writes nothing', async () => {
    const id = await create('non_customer');
    const attempt = t.core.lifecycle.transition(teamId, id, {
      to: 'target',
      reason: 'retry',
      actor: 'rep:1',
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'GX_ERR_TRANSITION_VETOED',
      details: { plugin: 'gatekeeper', reason: 'disqualified customers stay out' },
    });
    expect((await t.core.customers.get(teamId, id)).stage).toBe('non_customer');
    expect(await t.core.lifecycle.history(teamId, id)).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  test('an order activates potential and target customers', async () => {
    const id = await create();
    await t.core.orders.record(teamId, [{ customerId: id, amount: 1, placedAt: '2024-01-01' }], {
      actor: 'import',
    });
    expect((await t.core.customers.get(teamId, id)).stage).toBe('active');
    expect(seen.map((s) => s.hook)).toEqual(['lifecycle:transitioned']);
    expect(seen[0]?.items).toMatchObject([
      { from: 'potential', to: 'active', cause: 'order', actor: 'import' },
    ]);
  });

  test('an order from a churned customer is a win-back', async () => {
    const id = await create();
    await t.core.lifecycle.transition(teamId, id, {
      to: 'churned',
      reason: 'silent 1y',
      actor: 'job',
    });
    await t.core.orders.record(teamId, [{ customerId: id, amount: 1, placedAt: '2024-01-01' }]);
    expect(seen.map((s) => s.hook)).toEqual([
      'lifecycle:transitioned',
      'customer:churned',
      'lifecycle:transitioned',
      'customer:wonBack',
    ]);
    expect(seen[3]?.items).toMatchObject([{ customerId: id, from: 'churned', to: 'active' }]);
  });

  test('an order leaves a non-customer where they are', async () => {
    const id = await create('non_customer');
    await t.core.orders.record(teamId, [{ customerId: id, amount: 1, placedAt: '2024-01-01' }]);
    expect((await t.core.customers.get(teamId, id)).stage).toBe('non_customer');
  });

  test.each([
    [{ to: 'lead', reason: 'x', actor: 'a' }, 'to'],
    [{ to: 'target', reason: '', actor: 'a' }, 'reason'],
    [{ to: 'target', reason: 'x' }, 'actor'],
  ])('rejects %j naming %s', async (input, path) => {
    const id = await create();
    await expect(t.core.lifecycle.transition(teamId, id, input as never)).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path }],
    });
    expect(await t.core.lifecycle.history(teamId, id)).toHaveLength(1);
  });

  test('moving to the stage a customer is in is a conflict', async () => {
    const id = await create();
    await expect(
      t.core.lifecycle.transition(teamId, id, { to: 'potential', reason: 'x', actor: 'a' }),
    ).rejects.toMatchObject({ code: 'GX_ERR_CONFLICT', issues: [{ path: 'to' }] });
  });
});
